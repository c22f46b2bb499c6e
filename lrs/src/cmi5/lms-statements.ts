import { learnerAgent } from '@smart-training/xapi';
import type { AssignableUnit, LangStrings } from './course-structure';
import { CMI5 } from './ids';

/*
 * The statements the LMS issues (cmi5 9.3): launched, abandoned, waived and
 * satisfied, each with the cmi5 category, the session id and the publisher
 * id in the grouping (cmi5 9.6).
 */

type Json = Record<string, unknown>;

/** Who, in which registration and session, when: what every LMS statement carries. */
export interface LmsFrame {
  id: string;
  nip: string;
  learnerName: string;
  registration: string;
  sessionId: string;
  timestamp: string;
}

function verb(id: string, en: string): Json {
  return { id, display: { 'en-US': en } };
}

function context(frame: LmsFrame, publisherId: string, extensions: Json = {}): Json {
  return {
    registration: frame.registration,
    contextActivities: {
      category: [{ objectType: 'Activity', id: CMI5.category }],
      grouping: [{ objectType: 'Activity', id: publisherId }],
    },
    extensions: { [CMI5.sessionId]: frame.sessionId, ...extensions },
  };
}

function auObject(activityId: string, au: AssignableUnit): Json {
  return { objectType: 'Activity', id: activityId, definition: { name: au.title } };
}

function base(frame: LmsFrame): Json {
  return { id: frame.id, actor: learnerAgent(frame.nip, frame.learnerName), timestamp: frame.timestamp };
}

/** What the `launched` statement says about the launch (cmi5 9.6.3). */
export interface LaunchFacts {
  activityId: string;
  au: AssignableUnit;
  /** The launch URL without the cmi5 parameters (cmi5 9.6.3.4). */
  launchUrl: string;
}

export function launchedStatement(frame: LmsFrame, facts: LaunchFacts): Json {
  const { au } = facts;
  return {
    ...base(frame),
    verb: verb(CMI5.verbs.launched, 'launched'),
    object: auObject(facts.activityId, au),
    context: context(frame, au.id, {
      [CMI5.launchMode]: 'Normal',
      [CMI5.launchUrl]: facts.launchUrl,
      [CMI5.moveOn]: au.moveOn,
      ...(au.masteryScore !== undefined ? { [CMI5.masteryScore]: au.masteryScore } : {}),
      ...(au.launchParameters !== undefined ? { [CMI5.launchParameters]: au.launchParameters } : {}),
    }),
  };
}

/** An AU session that ended without `terminated` (cmi5 9.3.6); `duration` is ISO 8601. */
export function abandonedStatement(frame: LmsFrame, activityId: string, au: AssignableUnit, duration: string): Json {
  return {
    ...base(frame),
    verb: verb(CMI5.verbs.abandoned, 'abandoned'),
    object: auObject(activityId, au),
    result: { duration },
    context: context(frame, au.id),
  };
}

/** An AU whose requirements were met by other means (cmi5 9.3.7), e.g. `Tested Out`. */
export function waivedStatement(frame: LmsFrame, activityId: string, au: AssignableUnit, reason: string): Json {
  return {
    ...base(frame),
    verb: verb(CMI5.verbs.waived, 'waived'),
    object: auObject(activityId, au),
    result: { success: true, completion: true, extensions: { [CMI5.reason]: reason } },
    context: context(frame, au.id, {
      [CMI5.moveOn]: au.moveOn,
    }),
  };
}

/** A satisfied block or course (cmi5 9.3.9, 9.4): `objectId` is the LMS's id, `publisherId` the structure's. */
export function satisfiedStatement(
  frame: LmsFrame,
  target: { objectId: string; publisherId: string; type: string; title: LangStrings },
): Json {
  return {
    ...base(frame),
    verb: verb(CMI5.verbs.satisfied, 'satisfied'),
    object: { objectType: 'Activity', id: target.objectId, definition: { type: target.type, name: target.title } },
    context: context(frame, target.publisherId),
  };
}
