import { InvalidRequestError } from '../errors';
import { agentKey } from './model';
import { validateActor } from './schema';

/*
 * The query parameters of the document, Activities and Agents resources,
 * checked the same way everywhere: a missing or malformed parameter is a
 * 400 naming it (xAPI 1.0.3 Communication 2.3–2.7).
 */

type Params = Record<string, string>;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const ABSOLUTE_IRI = /^[A-Za-z][A-Za-z0-9+.-]*:\S+$/;

/**
 * The parameters of a request as single strings. Throws when one is given
 * twice or is not among `allowed`, naming it.
 */
export function singleParams(query: Record<string, unknown>, allowed: readonly string[]): Params {
  const params: Params = {};
  for (const [name, value] of Object.entries(query)) {
    if (!allowed.includes(name)) {
      throw invalidParameter(
        `parameter "${name}" is not used by this resource; it takes ${allowed.join(', ')}`,
        `parameter "${name}" tidak dipakai oleh resource ini; yang diterima: ${allowed.join(', ')}`,
      );
    }
    if (typeof value !== 'string') {
      throw invalidParameter(`parameter "${name}" must be given once`, `parameter "${name}" hanya boleh diberikan sekali`);
    }
    params[name] = value;
  }
  return params;
}

/** A parameter the call cannot do without. */
export function requiredParam(params: Params, name: string): string {
  const value = params[name];
  if (value === undefined || value === '') {
    throw invalidParameter(`the "${name}" parameter is required`, `parameter "${name}" wajib diisi`);
  }
  return value;
}

/** The `activityId` parameter: an absolute IRI. */
export function activityIdParam(params: Params): string {
  const value = requiredParam(params, 'activityId');
  if (!ABSOLUTE_IRI.test(value)) {
    throw invalidParameter('"activityId" must be an absolute IRI', '"activityId" harus berupa IRI absolut');
  }
  return value;
}

/** The `agent` parameter: an agent (or identified group) as JSON, with its identity key. */
export function agentParam(params: Params): { agent: Record<string, unknown>; key: string } {
  const value = requiredParam(params, 'agent');
  let agent: unknown;
  try {
    agent = JSON.parse(value);
  } catch {
    throw invalidParameter('"agent" must be an agent object as JSON', '"agent" harus berupa objek agen dalam JSON');
  }
  const key = validateActor(agent) ? agentKey(agent) : null;
  if (key === null) {
    throw invalidParameter(
      '"agent" must be an agent with exactly one of mbox, mbox_sha1sum, openid or account',
      '"agent" harus berupa agen dengan tepat satu dari mbox, mbox_sha1sum, openid atau account',
    );
  }
  return { agent: agent as Record<string, unknown>, key };
}

/** The optional `registration` parameter: a UUID, in lower case. */
export function registrationParam(params: Params): string | undefined {
  const value = params.registration;
  if (value === undefined) return undefined;
  if (!UUID.test(value)) {
    throw invalidParameter('"registration" must be a UUID', '"registration" harus berupa UUID');
  }
  return value.toLowerCase();
}

/** The optional `since` parameter: an ISO 8601 timestamp, normalised to UTC. */
export function sinceParam(params: Params): string | undefined {
  const value = params.since;
  if (value === undefined) return undefined;
  const time = Date.parse(value);
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(value) || Number.isNaN(time)) {
    throw invalidParameter(
      '"since" must be an ISO 8601 timestamp, e.g. 2026-12-01T08:00:00Z',
      '"since" harus berupa stempel waktu ISO 8601, mis. 2026-12-01T08:00:00Z',
    );
  }
  return new Date(time).toISOString();
}

function invalidParameter(detail: string, detailId: string): InvalidRequestError {
  return new InvalidRequestError(detail, detailId, 'invalid_parameter');
}
