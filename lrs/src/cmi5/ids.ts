import { createHash } from 'node:crypto';

/*
 * Identifiers the LMS generates. cmi5 asks for launch activity ids, course
 * and block objects that differ from the publisher's ids (8.1.5, 9.4) and
 * stay the same for the same AU across registrations, so they are derived
 * from the publisher's ids. Statement ids of the LMS's own statements are
 * derived from what they record, so that issuing them twice stores nothing
 * new.
 */

/** Base IRI of everything this LMS names. */
export const LMS_IRI = 'https://smart-training.id/lrs/cmi5';

/** A name-based UUID (RFC 9562 version 8) of the parts: the same parts, the same UUID. */
export function nameUuid(...parts: readonly string[]): string {
  const hex = createHash('sha256').update(parts.join('\n'), 'utf8').digest('hex').slice(0, 32).split('');
  hex[12] = '8';
  hex[16] = ((parseInt(hex[16] as string, 16) & 0x3) | 0x8).toString(16);
  const h = hex.join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** The activity id the AU is launched with (the `activityId` launch parameter). */
export function launchActivityId(courseId: string, auId: string): string {
  return `${LMS_IRI}/au/${nameUuid('au', courseId, auId)}`;
}

/** The course object of the LMS's `satisfied` statements. */
export function lmsCourseActivityId(courseId: string): string {
  return `${LMS_IRI}/course/${nameUuid('course', courseId)}`;
}

/** A block object of the LMS's `satisfied` statements. */
export function lmsBlockActivityId(courseId: string, blockId: string): string {
  return `${LMS_IRI}/block/${nameUuid('block', courseId, blockId)}`;
}

/** cmi5 vocabulary (cmi5 9.3, 9.5.5, 9.6). */
export const CMI5 = {
  category: 'https://w3id.org/xapi/cmi5/context/categories/cmi5',
  moveOnCategory: 'https://w3id.org/xapi/cmi5/context/categories/moveon',
  sessionId: 'https://w3id.org/xapi/cmi5/context/extensions/sessionid',
  masteryScore: 'https://w3id.org/xapi/cmi5/context/extensions/masteryscore',
  launchMode: 'https://w3id.org/xapi/cmi5/context/extensions/launchmode',
  launchUrl: 'https://w3id.org/xapi/cmi5/context/extensions/launchurl',
  moveOn: 'https://w3id.org/xapi/cmi5/context/extensions/moveon',
  launchParameters: 'https://w3id.org/xapi/cmi5/context/extensions/launchparameters',
  reason: 'https://w3id.org/xapi/cmi5/result/extensions/reason',
  courseType: 'https://w3id.org/xapi/cmi5/activitytype/course',
  blockType: 'https://w3id.org/xapi/cmi5/activitytype/block',
  launchDataStateId: 'LMS.LaunchData',
  verbs: {
    launched: 'http://adlnet.gov/expapi/verbs/launched',
    initialized: 'http://adlnet.gov/expapi/verbs/initialized',
    completed: 'http://adlnet.gov/expapi/verbs/completed',
    passed: 'http://adlnet.gov/expapi/verbs/passed',
    failed: 'http://adlnet.gov/expapi/verbs/failed',
    terminated: 'http://adlnet.gov/expapi/verbs/terminated',
    abandoned: 'https://w3id.org/xapi/adl/verbs/abandoned',
    waived: 'https://w3id.org/xapi/adl/verbs/waived',
    satisfied: 'https://w3id.org/xapi/adl/verbs/satisfied',
  },
} as const;

/** The verbs only the LMS issues (cmi5 9.3): an AU's token may not send them. */
export const LMS_VERB_IDS: readonly string[] = [
  CMI5.verbs.launched,
  CMI5.verbs.abandoned,
  CMI5.verbs.waived,
  CMI5.verbs.satisfied,
];
