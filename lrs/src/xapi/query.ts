import { InvalidRequestError } from '../errors';
import type { StatementQuery } from '../store/types';
import type { StatementFormat } from './formats';
import { agentKey } from './model';
import { validateActor } from './schema';
import { instantOf, isXapiTimestamp } from './timestamp';

/** Page size when the client asks for none, and the most one page holds. */
export const DEFAULT_PAGE_SIZE = 100;
export const MAX_PAGE_SIZE = 500;

/** How a GET /xapi/statements wants its answer: which format, and whether with attachment data. */
export interface StatementAnswer {
  format: StatementFormat;
  attachments: boolean;
}

/** What a GET /xapi/statements asks for. */
export type StatementRequest =
  | ({ kind: 'single'; id: string; voided: boolean } & StatementAnswer)
  | ({ kind: 'query'; query: StatementQuery } & StatementAnswer);

const SINGLE_PARAMS = new Set(['statementId', 'voidedStatementId', 'format', 'attachments']);
const QUERY_PARAMS = new Set([
  'agent',
  'verb',
  'activity',
  'registration',
  'related_activities',
  'related_agents',
  'since',
  'until',
  'limit',
  'format',
  'attachments',
  'ascending',
]);
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Parses and checks the query parameters of a statements GET. */
export function parseStatementRequest(params: Record<string, unknown>): StatementRequest {
  const values = singleValues(params);
  if (values.more !== undefined) {
    if (Object.keys(values).length > 1) {
      throw invalid('"more" cannot be combined with other parameters', '"more" tidak dapat digabung dengan parameter lain');
    }
    return decodeMore(values.more);
  }
  const format = parseFormat(values.format);
  const attachments = parseBoolean(values.attachments, 'attachments');
  const id = values.statementId ?? values.voidedStatementId;
  if (id !== undefined) {
    if (values.statementId !== undefined && values.voidedStatementId !== undefined) {
      throw invalid('send either statementId or voidedStatementId, not both', 'kirim statementId atau voidedStatementId, bukan keduanya');
    }
    rejectUnknown(values, SINGLE_PARAMS, 'with statementId or voidedStatementId');
    if (!UUID.test(id)) throw invalid(`"${id}" is not a statement id (UUID)`, `"${id}" bukan id pernyataan (UUID)`);
    return { kind: 'single', id, voided: values.voidedStatementId !== undefined, format, attachments };
  }
  rejectUnknown(values, QUERY_PARAMS, 'on a statement query');
  const query: StatementQuery = {
    ascending: parseBoolean(values.ascending, 'ascending'),
    limit: parseLimit(values.limit),
  };
  if (values.agent !== undefined) query.agentKey = parseAgent(values.agent);
  if (parseBoolean(values.related_agents, 'related_agents')) query.relatedAgents = true;
  if (values.verb !== undefined) query.verbId = parseIri(values.verb, 'verb');
  if (values.activity !== undefined) query.activityId = parseIri(values.activity, 'activity');
  if (parseBoolean(values.related_activities, 'related_activities')) query.relatedActivities = true;
  if (values.registration !== undefined) {
    if (!UUID.test(values.registration)) {
      throw invalid('"registration" must be a UUID', '"registration" harus berupa UUID');
    }
    query.registration = values.registration;
  }
  if (values.since !== undefined) query.since = parseInstant(values.since, 'since');
  if (values.until !== undefined) query.until = parseInstant(values.until, 'until');
  return { kind: 'query', query, format, attachments };
}

/** The `more` token of the page after `last`: the same query, continued after it. */
export function encodeMore(
  request: Extract<StatementRequest, { kind: 'query' }>,
  last: { stored: string; position: number },
): string {
  const after = { stored: last.stored, position: last.position };
  const payload = { query: { ...request.query, after }, format: request.format, attachments: request.attachments };
  return Buffer.from(JSON.stringify(payload), 'utf8').toString('base64url');
}

function decodeMore(token: string): StatementRequest {
  try {
    const payload = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as {
      query: StatementQuery;
      format: unknown;
      attachments: unknown;
    };
    if (typeof payload.query?.limit !== 'number' || typeof payload.query.after?.position !== 'number') {
      throw new Error('incomplete');
    }
    const format = FORMATS.find((known) => known === payload.format) ?? 'exact';
    return { kind: 'query', query: payload.query, format, attachments: payload.attachments === true };
  } catch {
    throw invalid('the "more" token is not one this LRS issued; start the query again', 'token "more" tidak dikenal; ulangi kueri dari awal');
  }
}

function singleValues(params: Record<string, unknown>): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [name, value] of Object.entries(params)) {
    if (typeof value !== 'string') {
      throw invalid(`parameter "${name}" must be given once`, `parameter "${name}" hanya boleh diberikan sekali`);
    }
    values[name] = value;
  }
  return values;
}

function rejectUnknown(values: Record<string, string>, allowed: Set<string>, where: string): void {
  for (const name of Object.keys(values)) {
    if (!allowed.has(name)) {
      throw invalid(`parameter "${name}" is not allowed ${where}`, `parameter "${name}" tidak diperbolehkan di sini`);
    }
  }
}

const FORMATS: readonly StatementFormat[] = ['exact', 'ids', 'canonical'];

function parseFormat(value: string | undefined): StatementFormat {
  if (value === undefined) return 'exact';
  const format = FORMATS.find((known) => known === value);
  if (format === undefined) {
    throw invalid('"format" must be ids, exact or canonical', '"format" harus ids, exact atau canonical');
  }
  return format;
}

function parseBoolean(value: string | undefined, name: string): boolean {
  if (value === undefined || value === 'false') return false;
  if (value === 'true') return true;
  throw invalid(`"${name}" must be true or false`, `"${name}" harus true atau false`);
}

function parseLimit(value: string | undefined): number {
  if (value === undefined) return DEFAULT_PAGE_SIZE;
  const limit = Number(value);
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(limit)) {
    throw invalid('"limit" must be a whole number of 0 or more', '"limit" harus bilangan bulat 0 atau lebih');
  }
  return limit === 0 ? MAX_PAGE_SIZE : Math.min(limit, MAX_PAGE_SIZE);
}

function parseAgent(value: string): string {
  let agent: unknown;
  try {
    agent = JSON.parse(value);
  } catch {
    throw invalid('"agent" must be an agent as JSON', '"agent" harus berupa agen dalam JSON');
  }
  const key = validateActor(agent) ? agentKey(agent) : null;
  if (key === null) {
    throw invalid(
      '"agent" must be an agent or identified group with exactly one of mbox, mbox_sha1sum, openid or account',
      '"agent" harus agen atau grup dengan tepat satu dari mbox, mbox_sha1sum, openid atau account',
    );
  }
  return key;
}

function parseIri(value: string, name: string): string {
  if (!/^[A-Za-z][A-Za-z0-9+.-]*:\S+$/.test(value)) {
    throw invalid(`"${name}" must be an absolute IRI`, `"${name}" harus IRI absolut`);
  }
  return value;
}

function parseInstant(value: string, name: string): string {
  if (!isXapiTimestamp(value)) {
    throw invalid(`"${name}" must be an ISO 8601 date-time`, `"${name}" harus tanggal-waktu ISO 8601`);
  }
  return instantOf(value);
}

function invalid(detail: string, detailId: string): InvalidRequestError {
  return new InvalidRequestError(detail, detailId, 'invalid_query');
}
