import { learnerAgent } from '@smart-training/xapi';
import type { Clock } from '../clock';
import { DocumentContendedError } from '../errors';
import type { DocumentKey, StatementRecord, Store } from '../store/types';
import { etagOf } from '../xapi/concurrency';
import { agentKey, completeStatement, toRecord, validateStatement } from '../xapi/model';
import { AUTHORITY_HOME_PAGE } from '../xapi/statements';
import type { CourseStructure } from './course-structure';
import { LMS_IRI } from './ids';

/*
 * What the LMS remembers of a registration, kept as an xAPI activity
 * profile document of an LMS-internal activity, so that both storage
 * adapters keep it and concurrent writers are settled by the document's
 * ETag. Nothing secret is kept: fetch tokens only as hashes.
 */

/** One AU launch session (cmi5 9.6.3.1). */
export interface SessionEntry {
  id: string;
  /** The publisher's AU id. */
  auId: string;
  launchedAt: string;
  /** SHA-256 of the secret part of the fetch token. */
  fetchTokenHash: string;
  fetchExpiresAt: string;
  fetchedAt: string | null;
  /** Key of the credential the fetch URL handed out. */
  credentialKey: string | null;
  /** When the session ended for the LMS (terminated and judged, or abandoned); its token stops then. */
  closedAt: string | null;
  /** Where the learner goes after the LMS judged the session, as the launch asked. */
  returnUrl: string | null;
}

export interface RegistrationRecord {
  registration: string;
  nip: string;
  learnerName: string;
  /** The course structure as of the latest launch. */
  course: CourseStructure;
  /** The hosted package the structure came from; null when it was given inline. */
  packageName: string | null;
  sessions: SessionEntry[];
}

/** The authority of the statements the LMS itself issues. */
export const LMS_AUTHORITY = {
  objectType: 'Agent',
  name: 'SMART cmi5 LMS',
  account: { homePage: AUTHORITY_HOME_PAGE, name: 'cmi5-lms' },
};

const WRITE_ROUNDS = 5;

function recordKey(registration: string): DocumentKey {
  return {
    kind: 'activity_profile',
    activityId: `${LMS_IRI}/registration/${registration}`,
    agentKey: '',
    registration: '',
    documentId: 'record',
  };
}

export async function readRegistration(store: Store, registration: string): Promise<RegistrationRecord | undefined> {
  const document = await store.getDocument(recordKey(registration));
  return document ? (JSON.parse(document.content.toString('utf8')) as RegistrationRecord) : undefined;
}

/**
 * Reads the record, lets `change` decide the new one, and stores it unless
 * another writer came first, in which case `change` decides again. Answers
 * what was stored.
 */
export function updateRegistration(
  store: Store,
  clock: Clock,
  registration: string,
  change: (current: RegistrationRecord | undefined) => RegistrationRecord,
): Promise<RegistrationRecord> {
  return replaceJsonDocument(store, clock, recordKey(registration), change);
}

/** Writes a JSON state document, whatever was stored before. */
export async function putStateDocument(store: Store, clock: Clock, key: DocumentKey, value: unknown): Promise<void> {
  await replaceJsonDocument(store, clock, key, () => value);
}

/**
 * Stores what `change` makes of the JSON document at `key` over the version
 * it read (ETag compare-and-swap); when another writer came first, `change`
 * decides again on the newer version.
 */
async function replaceJsonDocument<T>(
  store: Store,
  clock: Clock,
  key: DocumentKey,
  change: (current: T | undefined) => T,
): Promise<T> {
  for (let round = 0; round < WRITE_ROUNDS; round += 1) {
    const current = await store.getDocument(key);
    const next = change(current ? (JSON.parse(current.content.toString('utf8')) as T) : undefined);
    const content = Buffer.from(JSON.stringify(next), 'utf8');
    const document = {
      ...key,
      content,
      contentType: 'application/json',
      etag: etagOf(content),
      updatedAt: clock.now().toISOString(),
    };
    if (await store.saveDocument(document, current?.etag ?? null)) return next;
  }
  throw new DocumentContendedError(key.documentId);
}

/** The learner's identity key, as documents and statement queries use it. */
export function learnerKey(nip: string): string {
  return agentKey(learnerAgent(nip)) ?? '';
}

/** Checks and completes statements the LMS issues, ready to store. */
export function lmsRecords(statements: readonly Record<string, unknown>[], stored: string): StatementRecord[] {
  return statements.map((statement, index) => {
    validateStatement(statement, `LMS statement [${index}]`);
    return toRecord(completeStatement(statement, { stored, authority: LMS_AUTHORITY }));
  });
}
