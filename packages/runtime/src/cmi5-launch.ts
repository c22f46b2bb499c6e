import type { Agent } from '@xapi/xapi';

/** The five launch parameters a cmi5 LMS appends to the AU's URL (cmi5 section 8.1). */
export interface Cmi5Launch {
  endpoint: string;
  fetch: string;
  actor: Agent;
  registration: string;
  activityId: string;
}

/**
 * The cmi5 launch parameters in a page's query string, or null when one is
 * missing or the actor is not JSON. Kept apart from the cmi5 host so that
 * the lean unit bundle can recognise a cmi5 launch without carrying
 * @xapi/cmi5.
 *
 * @example
 * const launch = readCmi5Launch(location.search);
 */
export function readCmi5Launch(search: string): Cmi5Launch | null {
  const query = new URLSearchParams(search);
  const [endpoint, fetch, actor, registration, activityId] = ['endpoint', 'fetch', 'actor', 'registration', 'activityId'].map(
    (name) => query.get(name),
  );
  if (!endpoint || !fetch || !actor || !registration || !activityId) return null;
  try {
    return { endpoint, fetch, actor: JSON.parse(actor) as Agent, registration, activityId };
  } catch {
    return null;
  }
}
