import { randomUUID } from 'node:crypto';
import { canonicalJson } from '../canonical-json';
import { InvalidStatementError } from '../errors';
import type { StatementRecord } from '../store/types';
import { describeSchemaError, validateStatementSchema } from './schema';

/** A statement as JSON; the schema has vouched for its shape once validated. */
export type StatementJson = Record<string, unknown>;
type Json = Record<string, unknown>;

export const VOIDED_VERB = 'http://adlnet.gov/expapi/verbs/voided';
/** The version this LRS speaks and stamps on statements that carry none. */
export const XAPI_VERSION = '1.0.3';

/**
 * Checks a statement against the xAPI 1.0.3 data model. Throws
 * {@link InvalidStatementError} naming the offending property, prefixed by
 * `where` (e.g. `statements[2]`).
 */
export function validateStatement(input: unknown, where: string): asserts input is StatementJson {
  if (!validateStatementSchema(input)) {
    const first = validateStatementSchema.errors?.[0];
    const { property, detail } = first
      ? describeSchemaError(first, where)
      : { property: where, detail: 'is not a statement' };
    throw new InvalidStatementError(property, detail);
  }
  const statement = input as Json;
  checkScore(statement.result as Json | undefined, `${where}.result.score`);
  checkContextFitsObject(statement, where);
  const object = statement.object as Json;
  if (object.objectType === 'SubStatement') {
    checkScore(object.result as Json | undefined, `${where}.object.result.score`);
    checkContextFitsObject(object, `${where}.object`);
  }
  const verb = statement.verb as Json;
  if (verb.id === VOIDED_VERB && object.objectType !== 'StatementRef') {
    throw new InvalidStatementError(`${where}.object`, 'a voiding statement must have a StatementRef object');
  }
}

function checkScore(result: Json | undefined, where: string): void {
  const score = result?.score as { raw?: number; min?: number; max?: number } | undefined;
  if (!score) return;
  if (score.min !== undefined && score.max !== undefined && score.min >= score.max) {
    throw new InvalidStatementError(`${where}.min`, 'must be less than max');
  }
  if (score.raw !== undefined) {
    if (score.min !== undefined && score.raw < score.min) {
      throw new InvalidStatementError(`${where}.raw`, 'must not be below min');
    }
    if (score.max !== undefined && score.raw > score.max) {
      throw new InvalidStatementError(`${where}.raw`, 'must not be above max');
    }
  }
}

/** xAPI allows context.revision and context.platform only about activities. */
function checkContextFitsObject(statement: Json, where: string): void {
  const context = statement.context as Json | undefined;
  if (!context) return;
  const objectType = (statement.object as Json).objectType ?? 'Activity';
  if (objectType === 'Activity') return;
  for (const property of ['revision', 'platform'] as const) {
    if (context[property] !== undefined) {
      throw new InvalidStatementError(
        `${where}.context.${property}`,
        'is allowed only when the object is an Activity',
      );
    }
  }
}

/**
 * The identity key of an agent or identified group: its one inverse
 * functional identifier. Anonymous groups have none.
 */
export function agentKey(agent: unknown): string | null {
  if (typeof agent !== 'object' || agent === null) return null;
  const actor = agent as Json;
  if (typeof actor.mbox === 'string') return `mbox:${actor.mbox.toLowerCase()}`;
  if (typeof actor.mbox_sha1sum === 'string') return `sha1:${actor.mbox_sha1sum.toLowerCase()}`;
  if (typeof actor.openid === 'string') return `openid:${actor.openid}`;
  const account = actor.account as { homePage?: unknown; name?: unknown } | undefined;
  if (account && typeof account.homePage === 'string' && typeof account.name === 'string') {
    return `account:${account.homePage}::${account.name}`;
  }
  return null;
}

/**
 * Completes a statement the LRS accepts: id, timestamp, stored, authority and
 * version when missing, and context activities always as arrays (the form
 * xAPI 1.0.3 asks the LRS to return).
 */
export function completeStatement(
  input: StatementJson,
  fill: { stored: string; authority: Json },
): StatementJson {
  const statement: Json = structuredClone(input);
  statement.id = statement.id ?? randomUUID();
  statement.timestamp = statement.timestamp ?? fill.stored;
  statement.stored = fill.stored;
  statement.authority = statement.authority ?? fill.authority;
  statement.version = statement.version ?? '1.0.0';
  normaliseContextActivities(statement.context as Json | undefined);
  const object = statement.object as Json;
  if (object.objectType === 'SubStatement') {
    normaliseContextActivities(object.context as Json | undefined);
  }
  return statement;
}

function normaliseContextActivities(context: Json | undefined): void {
  const activities = context?.contextActivities as Json | undefined;
  if (!activities) return;
  for (const [kind, value] of Object.entries(activities)) {
    if (!Array.isArray(value)) activities[kind] = [value];
  }
}

/** The stored form of a completed statement, with the columns queries use. */
export function toRecord(statement: StatementJson): StatementRecord {
  const object = statement.object as Json;
  const objectType = (object.objectType as string | undefined) ?? 'Activity';
  const context = statement.context as Json | undefined;
  return {
    id: statement.id as string,
    stored: statement.stored as string,
    timestamp: new Date(statement.timestamp as string).toISOString(),
    verbId: (statement.verb as Json).id as string,
    actorKey: agentKey(statement.actor),
    objectAgentKey: objectType === 'Agent' || objectType === 'Group' ? agentKey(object) : null,
    activityId: objectType === 'Activity' ? (object.id as string) : null,
    registration: (context?.registration as string | undefined) ?? null,
    relatedAgentKeys: unique(relatedAgents(statement)),
    relatedActivityIds: unique(relatedActivities(statement)),
    voided: false,
    statement,
  };
}

function relatedAgents(statement: Json): string[] {
  const context = statement.context as Json | undefined;
  const object = statement.object as Json;
  const candidates: unknown[] = [statement.actor, statement.authority, context?.instructor, context?.team];
  if (object.objectType === 'Agent' || object.objectType === 'Group') candidates.push(object);
  const keys = candidates.flatMap(agentAndMemberKeys);
  if (object.objectType === 'SubStatement') keys.push(...relatedAgents(object));
  return keys;
}

function agentAndMemberKeys(agent: unknown): string[] {
  if (typeof agent !== 'object' || agent === null) return [];
  const members = ((agent as Json).member as unknown[] | undefined) ?? [];
  return [agent, ...members].map(agentKey).filter((key): key is string => key !== null);
}

function relatedActivities(statement: Json): string[] {
  const object = statement.object as Json;
  const ids: string[] = [];
  if ((object.objectType ?? 'Activity') === 'Activity') ids.push(object.id as string);
  const activities = (statement.context as Json | undefined)?.contextActivities as Json | undefined;
  for (const list of Object.values(activities ?? {})) {
    for (const activity of ([] as Json[]).concat(list as Json[])) ids.push(activity.id as string);
  }
  if (object.objectType === 'SubStatement') ids.push(...relatedActivities(object));
  return ids;
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}

/**
 * Whether a statement sent again under a stored id says the same thing, by
 * xAPI 1.0.3's comparison rules: ignoring what the LRS adds (stored,
 * authority, version, and the timestamp when the sender gave none), the id
 * both share, the timestamp's notation and the order of object keys.
 */
export function sameStatement(stored: StatementJson, incoming: StatementJson): boolean {
  const ignored = ['id', 'stored', 'authority', 'version'];
  if (incoming.timestamp === undefined) ignored.push('timestamp');
  return canonicalJson(comparable(stored, ignored)) === canonicalJson(comparable(incoming, ignored));
}

function comparable(statement: StatementJson, ignored: readonly string[]): Json {
  const copy: Json = structuredClone(statement);
  for (const property of ignored) delete copy[property];
  if (typeof copy.timestamp === 'string') copy.timestamp = new Date(copy.timestamp).toISOString();
  normaliseContextActivities(copy.context as Json | undefined);
  const object = copy.object as Json | undefined;
  if (object?.objectType === 'SubStatement') {
    normaliseContextActivities(object.context as Json | undefined);
  }
  return copy;
}

/**
 * The `ids` format of a statement: agents and groups reduced to their
 * identifiers, activities to their ids, verbs to their ids.
 */
export function idsFormat(statement: StatementJson): StatementJson {
  const copy: Json = structuredClone(statement);
  copy.actor = agentIds(copy.actor as Json);
  if (copy.authority) copy.authority = agentIds(copy.authority as Json);
  copy.verb = { id: (copy.verb as Json).id };
  copy.object = objectIds(copy.object as Json);
  if (copy.context) copy.context = contextIds(copy.context as Json);
  return copy;
}

function agentIds(agent: Json): Json {
  const reduced: Json = {};
  if (agent.objectType) reduced.objectType = agent.objectType;
  for (const key of ['mbox', 'mbox_sha1sum', 'openid', 'account']) {
    if (agent[key] !== undefined) reduced[key] = agent[key];
  }
  if (Array.isArray(agent.member)) reduced.member = (agent.member as Json[]).map(agentIds);
  return reduced;
}

function objectIds(object: Json): Json {
  const type = object.objectType ?? 'Activity';
  if (type === 'Activity') return { objectType: 'Activity', id: object.id };
  if (type === 'Agent' || type === 'Group') return agentIds(object);
  if (type === 'SubStatement') {
    const sub: Json = {
      ...object,
      actor: agentIds(object.actor as Json),
      verb: { id: (object.verb as Json).id },
    };
    sub.object = objectIds(object.object as Json);
    if (object.context) sub.context = contextIds(object.context as Json);
    return sub;
  }
  return object;
}

function contextIds(context: Json): Json {
  const copy: Json = { ...context };
  if (copy.instructor) copy.instructor = agentIds(copy.instructor as Json);
  if (copy.team) copy.team = agentIds(copy.team as Json);
  const activities = copy.contextActivities as Record<string, Json[]> | undefined;
  if (activities) {
    copy.contextActivities = Object.fromEntries(
      Object.entries(activities).map(([kind, list]) => [kind, list.map(objectIds)]),
    );
  }
  return copy;
}
