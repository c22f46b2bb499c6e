import type { Agent } from '@xapi/xapi';
import { NIP_HOME_PAGE, PROFILE_IRI } from './vocabulary';

/**
 * Activity and actor ids. Test ids such as `material:etika` become the path
 * `test/material/etika`, so every id is a plain IRI.
 */
export function courseActivityId(courseId: string): string {
  return `${PROFILE_IRI}/activities/course/${encodeURIComponent(courseId)}`;
}

export function testActivityId(courseId: string, testId: string): string {
  const path = testId.split(':').map(encodeURIComponent).join('/');
  return `${courseActivityId(courseId)}/test/${path}`;
}

/**
 * A cmi5 assignable unit of the course: one per test (`placement`,
 * `material:<id>`, `final`), each launching the unit focused on that test.
 */
export function auActivityId(courseId: string, testId: string): string {
  const path = testId.split(':').map(encodeURIComponent).join('/');
  return `${courseActivityId(courseId)}/au/${path}`;
}

export function materialActivityId(courseId: string, materialId: string): string {
  return `${courseActivityId(courseId)}/material/${encodeURIComponent(materialId)}`;
}

export function itemActivityId(courseId: string, itemId: string): string {
  return `${courseActivityId(courseId)}/item/${encodeURIComponent(itemId)}`;
}

/** The learner as an xAPI agent: an account keyed by NIP. */
export function learnerAgent(nip: string, name?: string): Agent {
  return {
    objectType: 'Agent',
    ...(name ? { name } : {}),
    account: { homePage: NIP_HOME_PAGE, name: nip },
  };
}
