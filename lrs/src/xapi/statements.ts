import type { Statement } from '@xapi/xapi';
import { learnerAgent, VERBS } from '@smart-training/xapi';
import { boundNip, hasScope, type Principal } from '../auth';
import { authoriseAuRegistrationRules, authoriseAuStatement } from '../cmi5/au-credential';
import {
  InvalidRequestError,
  InvalidStatementError,
  StatementConflictError,
  StatementNotAllowedError,
  StatementNotFoundError,
  StatementNotYoursError,
} from '../errors';
import { NEEDED } from '../scopes';
import {
  DuplicateStatementIdError,
  type AttachmentRecord,
  type StatementQuery,
  type StatementRecord,
  type Store,
} from '../store/types';
import { attachmentRecords } from './attachments';
import {
  agentKey,
  completeStatement,
  sameStatement,
  toRecord,
  validateStatement,
  VOIDED_VERB,
  type StatementJson,
} from './model';
import type { AttachmentPart } from './multipart';
import type { XapiVersion } from './version';

/** Account home page of the LRS's own credentials when they act as authority. */
export const AUTHORITY_HOME_PAGE = 'https://smart-training.id/lrs';

/** The authority the SMART engine signs its own statements with. */
export const ENGINE_AUTHORITY = {
  objectType: 'Agent',
  name: 'SMART assessment engine',
  account: { homePage: AUTHORITY_HOME_PAGE, name: 'engine' },
};

/**
 * Checks and completes statements the SMART engine recorded about a learner,
 * ready for the store's transaction. A builder fault shows up here as an
 * error rather than as a malformed statement in the record.
 */
export function engineRecords(statements: readonly Statement[], stored: string): StatementRecord[] {
  return statements.map((statement, index) => {
    const json = statement as unknown as StatementJson;
    validateStatement(json, `engine statement [${index}]`);
    return toRecord(completeStatement(json, { stored, authority: ENGINE_AUTHORITY }));
  });
}

/** How a statements request was sent, besides its statements. */
export interface StatementsRequest {
  /** The xAPI version the request asked for (1.0.3 when absent). */
  version?: XapiVersion;
  /** The attachment parts of a multipart/mixed request. */
  parts?: readonly AttachmentPart[];
}

/**
 * Stores statements the way xAPI asks: all or nothing, an id already stored
 * with the same content is a no-op and with other content a conflict,
 * voiding statements void their target, attachments arrive with their data
 * and signatures hold. Answers the ids in input order.
 */
export async function storeStatements(
  store: Store,
  principal: Principal,
  inputs: readonly unknown[],
  stored: string,
  request: StatementsRequest = {},
): Promise<string[]> {
  const version = request.version ?? '1.0.3';
  const where = (index: number) => (inputs.length === 1 ? 'statement' : `statements[${index}]`);
  const statements = inputs.map((input, index): Incoming => {
    validateStatement(input, where(index), version);
    authoriseActor(principal, input);
    authoriseContent(principal, input);
    // Only a credential with unrestricted access may record on another
    // authority's behalf; any other's statements carry it as their authority.
    const { authority, ...rest } = input;
    const claimed = hasScope(principal, ['all']) && authority !== undefined ? { authority } : {};
    const sent = { ...rest, ...claimed };
    const completed = completeStatement(sent, { stored, authority: authorityOf(principal), version });
    return { sent, completed };
  });
  rejectRepeatedIds(statements.map((statement) => statement.completed));
  if (principal.auSession !== null) {
    await authoriseAuRegistrationRules(store, principal.auSession, statements.map((statement) => statement.completed));
  }
  const attachments = await attachmentRecords(
    inputs.map((input, index) => ({ statement: input as StatementJson, where: where(index) })),
    request.parts ?? [],
  );
  // A concurrent writer may store one of our ids between the check and the
  // insert; one more round then sees it and decides no-op or conflict.
  for (let round = 0; ; round += 1) {
    try {
      return await storeNew(store, statements, attachments, hasScope(principal, NEEDED.define));
    } catch (error) {
      if (!(error instanceof DuplicateStatementIdError) || round > 0) throw error;
    }
  }
}

/**
 * A statement as its sender wrote it and as the LRS completes it: a repeat
 * of a stored statement is judged by what the sender wrote, not by the
 * timestamp this LRS would have filled in.
 */
interface Incoming {
  sent: StatementJson;
  completed: StatementJson;
}

/** `define`: whether the statements' activity definitions update the stored ones (the `define` scope). */
async function storeNew(
  store: Store,
  statements: Incoming[],
  attachments: readonly AttachmentRecord[],
  define: boolean,
): Promise<string[]> {
  const ids = statements.map(({ completed }) => completed.id as string);
  const existing = await store.getStatements(ids);
  const existingById = new Map(existing.map((record) => [record.id, record]));
  const fresh = statements.flatMap(({ sent, completed }) => {
    const known = existingById.get(completed.id as string);
    if (!known) return [completed];
    if (!sameStatement(known.statement, sent)) throw new StatementConflictError(known.id);
    return [];
  });
  const records = fresh.map(toRecord);
  const voidIds = await voidTargets(store, records);
  for (const record of records) {
    if (voidIds.includes(record.id)) record.voided = true;
  }
  await store.insertStatements(records, voidIds, attachments, { define });
  return ids;
}

/** Ids the voiding statements among `records` void; a voiding statement itself cannot be voided. */
async function voidTargets(store: Store, records: StatementRecord[]): Promise<string[]> {
  const voiding = records.filter((record) => record.verbId === VOIDED_VERB);
  if (voiding.length === 0) return [];
  const targetIds = voiding.map((record) => (record.statement.object as { id: string }).id);
  const targets = [
    ...(await store.getStatements(targetIds)),
    ...records.filter((record) => targetIds.includes(record.id)),
  ];
  for (const target of targets) {
    if (target.verbId === VOIDED_VERB) {
      throw new InvalidStatementError(
        'object.id',
        `statement ${target.id} is itself a voiding statement and cannot be voided`,
      );
    }
  }
  return targetIds;
}

function rejectRepeatedIds(statements: StatementJson[]): void {
  const seen = new Set<string>();
  for (const statement of statements) {
    const id = statement.id as string;
    if (seen.has(id)) {
      throw new InvalidRequestError(
        `statement id ${id} appears twice in one request`,
        `id pernyataan ${id} muncul dua kali dalam satu permintaan`,
      );
    }
    seen.add(id);
  }
}

function authoriseActor(principal: Principal, statement: StatementJson): void {
  const nip = boundNip(principal);
  if (nip === undefined) return;
  if (agentKey(statement.actor) !== learnerKey(nip)) {
    throw new StatementNotYoursError(statement.id as string | undefined);
  }
}

/** The verbs the course unit itself sends (initialized, terminated, experienced). */
const UNIT_VERB_IDS: readonly string[] = [
  VERBS.initialized.id,
  VERBS.terminated.id,
  VERBS.experienced.id,
];

/**
 * A learner session may send only what the unit sends: its lifecycle and
 * the materials opened, without results. Anything else would let a learner
 * forge a pass or a decision beside the LRS's own record.
 */
function authoriseContent(principal: Principal, statement: StatementJson): void {
  // A cmi5 AU reports its own results (cmi5 9.3); the LMS judges them.
  if (principal.auSession !== null) {
    authoriseAuStatement(principal.auSession, statement);
    return;
  }
  if (principal.learner === null) return;
  const verbId = (statement.verb as { id: string }).id;
  if (!UNIT_VERB_IDS.includes(verbId)) {
    throw new StatementNotAllowedError(verbId, UNIT_VERB_IDS, 'verb');
  }
  if (statement.result !== undefined) {
    throw new StatementNotAllowedError(verbId, UNIT_VERB_IDS, 'result');
  }
}

function learnerKey(nip: string): string | null {
  return agentKey(learnerAgent(nip));
}

/** The authority stamped on a credential's statements: the credential itself. */
function authorityOf(principal: Principal): Record<string, unknown> {
  return {
    objectType: 'Agent',
    name: principal.label,
    account: { homePage: AUTHORITY_HOME_PAGE, name: principal.key },
  };
}

/**
 * Which statements the principal may read: a learner session its own
 * learner's (as actor), a credential with `statements/read` (or `all/read`,
 * `all`) every statement of its store, one with only `statements/read/mine`
 * those it is the authority of (Communication 4.2, OAuth Scope).
 */
type Readable = { actorKey: string } | { authorityKey: string } | 'all';

function readableBy(principal: Principal): Readable {
  const nip = boundNip(principal);
  if (nip !== undefined) return { actorKey: learnerKey(nip) ?? '' };
  if (hasScope(principal, NEEDED.readStatements)) return 'all';
  return { authorityKey: agentKey(authorityOf(principal)) ?? '' };
}

/** One statement by id; a voided one only through `voided`, and only one the principal may read. */
export async function getStatement(
  store: Store,
  principal: Principal,
  id: string,
  voided: boolean,
): Promise<StatementRecord> {
  const [record] = await store.getStatements([id]);
  if (record === undefined || record.voided !== voided) throw new StatementNotFoundError(id);
  const readable = readableBy(principal);
  const allowed =
    readable === 'all' ||
    ('actorKey' in readable
      ? record.actorKey === readable.actorKey
      : agentKey(record.statement.authority) === readable.authorityKey);
  if (!allowed) throw new StatementNotFoundError(id);
  return record;
}

/** Runs a statement query, restricted to the statements the principal may read. */
export async function queryStatements(
  store: Store,
  principal: Principal,
  query: StatementQuery,
): Promise<StatementRecord[]> {
  const readable = readableBy(principal);
  return store.queryStatements(readable === 'all' ? query : { ...query, ...readable });
}
