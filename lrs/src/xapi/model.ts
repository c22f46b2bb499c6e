import { randomUUID } from 'node:crypto';
import { canonicalJson } from '../canonical-json';
import { InvalidStatementError } from '../errors';
import type { StatementRecord } from '../store/types';
import { describeSchemaError, statementValidator } from './schema';
import { instantOf, isXapiTimestamp, toUtcTimestamp } from './timestamp';
import type { XapiVersion } from './version';

/** A statement as JSON; the schema has vouched for its shape once validated. */
export type StatementJson = Record<string, unknown>;
type Json = Record<string, unknown>;

export const VOIDED_VERB = 'http://adlnet.gov/expapi/verbs/voided';

/**
 * Checks a statement against the data model of the xAPI `version` (1.0.3 by
 * default). Throws {@link InvalidStatementError} naming the offending
 * property, prefixed by `where` (e.g. `statements[2]`).
 */
export function validateStatement(
  input: unknown,
  where: string,
  version: XapiVersion = '1.0.3',
): asserts input is StatementJson {
  const validate = statementValidator(version);
  if (!validate(input)) {
    const first = validate.errors?.[0];
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
 * xAPI asks the LRS to return). Under xAPI 2.0 timestamps are turned to UTC,
 * which that version asks the LRS to store and return.
 */
export function completeStatement(
  input: StatementJson,
  fill: { stored: string; authority: Json; version?: XapiVersion },
): StatementJson {
  const version = fill.version ?? '1.0.3';
  const statement: Json = structuredClone(input);
  statement.id = statement.id ?? randomUUID();
  statement.timestamp = statement.timestamp ?? fill.stored;
  statement.stored = fill.stored;
  statement.authority = statement.authority ?? fill.authority;
  // 1.0.3 asks for "1.0.0" on a statement sent without a version (Data 2.4.10).
  statement.version = statement.version ?? (version === '2.0.0' ? '2.0.0' : '1.0.0');
  normaliseContextActivities(statement.context as Json | undefined);
  const object = statement.object as Json;
  if (object.objectType === 'SubStatement') {
    normaliseContextActivities(object.context as Json | undefined);
  }
  if (version === '2.0.0') {
    statement.timestamp = toUtcTimestamp(statement.timestamp as string);
    if (typeof object.timestamp === 'string') object.timestamp = toUtcTimestamp(object.timestamp);
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
    timestamp: instantOf(statement.timestamp as string),
    verbId: (statement.verb as Json).id as string,
    actorKey: agentKey(statement.actor),
    objectAgentKey: objectType === 'Agent' || objectType === 'Group' ? agentKey(object) : null,
    activityId: objectType === 'Activity' ? (object.id as string) : null,
    targetStatementId: objectType === 'StatementRef' ? (object.id as string) : null,
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
  for (const { agent } of (context?.contextAgents as { agent: unknown }[] | undefined) ?? []) candidates.push(agent);
  for (const { group } of (context?.contextGroups as { group: unknown }[] | undefined) ?? []) candidates.push(group);
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
 * xAPI's comparison rules: ignoring what the LRS adds (stored, authority,
 * version, and the timestamp when the sender gave none), the id both share,
 * the timestamp's notation and the order of object keys.
 */
export function sameStatement(stored: StatementJson, incoming: StatementJson): boolean {
  const ignored = ['id', 'stored', 'authority', 'version'];
  if (incoming.timestamp === undefined) ignored.push('timestamp');
  return equivalentStatements(stored, incoming, ignored);
}

/**
 * Whether two statements are logically equivalent once the top-level
 * properties in `ignored` are left out: key order, the notation of
 * timestamps, a lone context activity against a list of one, and a
 * duration's digits beyond hundredths of a second (xAPI 2.0 4.2.7) do not
 * count.
 */
export function equivalentStatements(a: Json, b: Json, ignored: readonly string[]): boolean {
  return canonicalJson(comparable(a, ignored)) === canonicalJson(comparable(b, ignored));
}

function comparable(statement: Json, ignored: readonly string[]): Json {
  const copy: Json = structuredClone(statement);
  for (const property of ignored) delete copy[property];
  normaliseForComparison(copy);
  const object = copy.object as Json | undefined;
  if (object?.objectType === 'SubStatement') normaliseForComparison(object);
  return copy;
}

function normaliseForComparison(statement: Json): void {
  if (typeof statement.timestamp === 'string' && isXapiTimestamp(statement.timestamp)) {
    statement.timestamp = instantOf(statement.timestamp);
  }
  normaliseContextActivities(statement.context as Json | undefined);
  const result = statement.result as Json | undefined;
  if (typeof result?.duration === 'string') result.duration = hundredthsOf(result.duration);
}

/** The duration with its seconds cut to hundredths, e.g. PT0.1237S to PT0.12S. */
function hundredthsOf(duration: string): string {
  return duration.replace(/(\d+)\.(\d+)S$/, (_match, whole: string, fraction: string) => {
    const kept = fraction.slice(0, 2).replace(/0+$/, '');
    return kept === '' ? `${whole}S` : `${whole}.${kept}S`;
  });
}
