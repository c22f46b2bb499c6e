import type {
  Answers,
  AttemptRecord,
  Course,
  CourseListing,
  Item,
} from '@smart-training/core';
import type { Scope } from '../scopes';

/**
 * The storage port of the LRS. Rules and decisions live above it, in the
 * services; an adapter only keeps and finds records. Every method that writes
 * several records does so atomically: all of them or none.
 *
 * Methods return promises so that a networked adapter (MongoDB) fits the same
 * port as the embedded SQLite one.
 *
 * A Store is the view of one store (institution) of a {@link StoreRoot}:
 * every record it writes carries its store id and every read is confined to
 * it, so the same statement id or course id may live in two stores.
 */
export interface Store {
  /** The store (institution) this view reads and writes; every record it touches carries it. */
  readonly storeId: string;

  // credentials and sessions
  /** Stores a credential of this store. */
  insertCredential(credential: NewCredential): Promise<void>;
  /** The credential with this key when it belongs to this store (revoked ones included). */
  findCredential(key: string): Promise<CredentialRecord | undefined>;
  /** Stores the session and its credential together. */
  insertSession(session: SessionRecord, credential: NewCredential): Promise<void>;

  // courses
  /** Inserts or replaces the course; attempts and forms of earlier versions stay. */
  putCourse(course: Course, at: string): Promise<void>;
  getCourse(courseId: string): Promise<Course | undefined>;
  listCourses(): Promise<CourseListing[]>;

  // employee registry
  /** Inserts new employees and updates known ones; answers how many of each. */
  upsertEmployees(employees: EmployeeRecord[]): Promise<{ added: number; updated: number }>;
  getEmployee(nip: string): Promise<EmployeeRecord | undefined>;

  // enrolments
  /** Keeps the first enrolment of a learner in a course and returns whichever is stored. */
  ensureEnrolment(enrolment: EnrolmentRecord): Promise<EnrolmentRecord>;
  getEnrolment(courseId: string, nip: string): Promise<EnrolmentRecord | undefined>;
  /** Every enrolled learner of the course with their registry entry, oldest enrolment first. */
  listEnrolledLearners(courseId: string): Promise<EnrolledLearner[]>;

  // forms
  getForm(formId: string): Promise<FormRecord | undefined>;
  /** The learner's forms still open in the course, any test (late ones included). */
  listOpenForms(courseId: string, nip: string): Promise<FormRecord[]>;
  /** Item ids of every form this learner was served for this test. */
  itemsSeenByLearner(courseId: string, nip: string, testId: string): Promise<Set<string>>;
  /** How many forms of any learner each item of the course appeared on. */
  itemExposure(courseId: string): Promise<Map<string, number>>;
  /** Stores a new open form and counts its items' exposure, together. */
  insertForm(form: FormRecord): Promise<void>;
  /**
   * Closes an open form and records what closing it means, together: the
   * attempt, its statements, and a certificate when one is due. Throws
   * {@link FormNotOpenError} when the form was closed meanwhile.
   */
  closeForm(closing: FormClosing): Promise<{ certificate: CertificateRecord | null }>;

  // projections
  /** The learner's attempts in the course, in the order they were scored. */
  listAttempts(courseId: string, nip: string): Promise<AttemptRecord[]>;
  /** Every attempt of every learner in the course, in the order scored. */
  listCourseAttempts(courseId: string): Promise<LearnerAttempt[]>;
  getCertificate(courseId: string, nip: string): Promise<CertificateRecord | undefined>;

  // xAPI statements
  getStatements(ids: readonly string[]): Promise<StatementRecord[]>;
  /**
   * Stores the statements, marks `voidIds` voided and keeps the raw data of
   * their attachments, together. Throws {@link DuplicateStatementIdError}
   * when an id is already stored. Attachment data is kept once per SHA-256.
   */
  insertStatements(
    statements: StatementRecord[],
    voidIds: readonly string[],
    attachments?: readonly AttachmentRecord[],
    options?: InsertStatementsOptions,
  ): Promise<void>;
  queryStatements(query: StatementQuery): Promise<StatementRecord[]>;
  /** The stored raw data of the attachments with these SHA-256 hashes (those the store has). */
  getAttachments(sha2s: readonly string[]): Promise<AttachmentRecord[]>;

  // xAPI documents: state, activity profile and agent profile
  getDocument(key: DocumentKey): Promise<DocumentRecord | undefined>;
  /** The documents in `scope`, only those updated after `since` when given, oldest first. */
  listDocuments(scope: DocumentScope, since?: string): Promise<DocumentListing[]>;
  /**
   * Stores `document` in place of the stored one whose ETag is `expectedEtag`
   * (null: none is stored). Answers false and changes nothing when the stored
   * document is not the one expected, because another writer came first.
   */
  saveDocument(document: DocumentRecord, expectedEtag: string | null): Promise<boolean>;
  /** Deletes the document if its ETag is still `expectedEtag`; answers false otherwise. */
  deleteDocument(key: DocumentKey, expectedEtag: string): Promise<boolean>;
  /** Deletes every document in `scope`. */
  deleteDocuments(scope: DocumentScope): Promise<void>;

  // activities, as defined by the stored statements
  /** The definition of the activity merged from every stored statement that defines it. */
  getActivityDefinition(activityId: string): Promise<Record<string, unknown> | undefined>;

  /** Closes the database this view reads, with every other view of it. */
  close(): Promise<void>;
}

/**
 * The whole database: the credentials of every store (a key names its store)
 * and a {@link Store} view bound to each store id.
 *
 * @example
 * const root = openSqliteRoot('./data/lrs.sqlite');
 * const bpsdm = root.store('bpsdm-kemendagri');
 * await bpsdm.listCourses(); // that institution's courses only
 */
export interface StoreRoot {
  /** The view of one store; throws {@link InvalidStoreIdError} for a malformed id. */
  store(storeId: string): Store;
  /** The credential with this key, whichever store it belongs to: how a request finds its store. */
  findCredential(key: string): Promise<CredentialRecord | undefined>;
  /** Credentials oldest first, of one store when given; learner session credentials only when asked for. */
  listCredentials(filter?: { storeId?: string; sessions?: boolean }): Promise<CredentialRecord[]>;
  /** Marks the credential revoked from `at` on; answers false when no credential has this key. */
  revokeCredential(key: string, at: string): Promise<boolean>;
  close(): Promise<void>;
}

/** The store of every credential made before stores existed, and of `npm start`. */
export const DEFAULT_STORE_ID = 'default';

/** Store ids are short slugs, e.g. `bpsdm-kemendagri`. */
export const STORE_ID_PATTERN = /^[a-z0-9][a-z0-9-]{0,63}$/;

/** A store id that is not a slug of lower-case letters, digits and dashes. */
export class InvalidStoreIdError extends Error {
  constructor(readonly storeId: string) {
    super(
      `"${storeId}" is not a store id: use 1 to 64 lower-case letters, digits and dashes, starting with a letter or digit (e.g. bpsdm-kemendagri).`,
    );
    this.name = 'InvalidStoreIdError';
  }
}

/** How a credential was made: a preset (admin, launch, session) or an explicit scope list. */
export type CredentialKind = 'admin' | 'launch' | 'session' | 'custom';

/** A credential to store; the store it goes into supplies its store id. */
export interface NewCredential {
  key: string;
  /** Hex SHA-256 of the secret; the secret itself is never stored. */
  secretHash: string;
  kind: CredentialKind;
  scopes: readonly Scope[];
  /** The course a launch or session credential is bound to. */
  courseId: string | null;
  /** The learner a session credential is bound to. */
  nip: string | null;
  label: string;
  createdAt: string;
}

export interface CredentialRecord extends NewCredential {
  storeId: string;
  /** When the credential stopped working; null while it works. */
  revokedAt: string | null;
}

export interface SessionRecord {
  id: string;
  credentialKey: string;
  courseId: string;
  nip: string;
  createdAt: string;
}

export interface EmployeeRecord {
  nip: string;
  name: string;
  unit: string;
  position: string | null;
}

export interface EnrolmentRecord {
  courseId: string;
  nip: string;
  /** The xAPI registration UUID on all of this learner's statements for the course. */
  registration: string;
  createdAt: string;
}

export interface EnrolledLearner {
  enrolment: EnrolmentRecord;
  employee: EmployeeRecord | undefined;
}

export type FormStatus = 'open' | 'submitted' | 'expired';

export interface FormRecord {
  id: string;
  courseId: string;
  nip: string;
  testId: string;
  attempt: number;
  seed: string;
  /** Item ids in the order served. */
  itemIds: string[];
  /**
   * The served items with their keys as they were when served, so a course
   * update cannot change how a running form is scored.
   */
  keyedItems: Item[];
  /** What the learner got (the FormView JSON), returned again when a reload resumes the form. */
  served: unknown;
  startedAt: string;
  expiresAt: string;
  status: FormStatus;
  answers: Answers | null;
  closedAt: string | null;
}

export interface LearnerAttempt extends AttemptRecord {
  nip: string;
}

export interface StoredAttempt extends AttemptRecord {
  courseId: string;
  nip: string;
  formId: string;
}

export interface CertificateRecord {
  number: string;
  courseId: string;
  nip: string;
  basis: 'placement' | 'final';
  issuedAt: string;
}

/** A certificate to issue; the store allocates its per-course, per-year sequence number. */
export interface CertificateRequest {
  courseId: string;
  nip: string;
  basis: 'placement' | 'final';
  issuedAt: string;
  year: number;
  /** Turns the allocated sequence number into the printed certificate number. */
  numberFor(sequence: number): string;
}

export interface FormClosing {
  formId: string;
  status: 'submitted' | 'expired';
  answers: Answers | null;
  closedAt: string;
  attempt: StoredAttempt;
  statements: StatementRecord[];
  certificate: CertificateRequest | null;
}

/** A statement as stored, with the columns queries filter on. */
export interface StatementRecord {
  id: string;
  stored: string;
  timestamp: string;
  verbId: string;
  /** Identity key of the actor (see `agentKey`). */
  actorKey: string | null;
  /** Identity key of the object when it is an agent or group. */
  objectAgentKey: string | null;
  /** Object id when the object is an activity. */
  activityId: string | null;
  /** The statement a StatementRef object targets (voiding statements included). */
  targetStatementId: string | null;
  registration: string | null;
  /** Identity keys of every agent the statement mentions (actor, object, authority, context, members). */
  relatedAgentKeys: string[];
  /** Ids of every activity the statement mentions (object, context activities, sub-statement). */
  relatedActivityIds: string[];
  voided: boolean;
  statement: Record<string, unknown>;
  /**
   * Set by a store that keeps statements serialized, on reading: the
   * statement as JSON text, so that an answer in the `exact` format copies
   * it rather than parsing and serializing it again.
   */
  json?: string;
  /**
   * Set by the store on reading: the statement's place among those stored in
   * the same millisecond (insertion order), for stable paging.
   */
  position?: number;
}

export interface InsertStatementsOptions {
  /**
   * Whether the statements' activity definitions update the stored
   * definitions (the xAPI `define` scope). Without it the statements keep
   * their definitions, but the Activities resource does not take them up.
   * Defaults to true.
   */
  define?: boolean;
}

/** The raw data of a statement attachment, named by its SHA-256. */
export interface AttachmentRecord {
  /** Lower-case hex SHA-256 of `content`. */
  sha2: string;
  contentType: string;
  content: Buffer;
}

/**
 * A statement query. A statement whose StatementRef object targets one that
 * matches the agent, verb, activity and registration filters matches them
 * too, through any chain of references (Communication 2.1.3, filter
 * conditions for StatementRefs); `since`, `until`, `actorKey` and paging
 * apply to each returned statement itself.
 */
export interface StatementQuery {
  agentKey?: string;
  /** Match `agentKey` anywhere in the statement, not only as actor or object. */
  relatedAgents?: boolean;
  /** Restricts to statements whose actor is this agent (a learner session reading). */
  actorKey?: string;
  /** Restricts to statements whose authority is this agent (the `statements/read/mine` scope). */
  authorityKey?: string;
  verbId?: string;
  activityId?: string;
  /** Match `activityId` anywhere in the statement, not only as its object. */
  relatedActivities?: boolean;
  registration?: string;
  /** Exclusive lower bound on `stored`. */
  since?: string;
  /** Inclusive upper bound on `stored`. */
  until?: string;
  ascending: boolean;
  limit: number;
  /** Continue after this statement (its stored time and position) in the chosen order. */
  after?: { stored: string; position: number };
}

export type DocumentKind = 'state' | 'activity_profile' | 'agent_profile';

/**
 * What identifies one xAPI document. A kind leaves the parts it does not use
 * empty: an activity profile has no agent, an agent profile no activity, and
 * only state documents have a registration.
 */
export interface DocumentKey {
  kind: DocumentKind;
  activityId: string;
  /** Identity key of the agent (see `agentKey`). */
  agentKey: string;
  registration: string;
  documentId: string;
}

/** The documents a multiple-document GET or DELETE addresses. */
export interface DocumentScope {
  kind: DocumentKind;
  activityId: string;
  agentKey: string;
  /** Undefined: documents of any registration. */
  registration?: string;
}

export interface DocumentRecord extends DocumentKey {
  content: Buffer;
  /** The Content-Type the document was sent with, returned with it. */
  contentType: string;
  /** Hex SHA-1 of the content. */
  etag: string;
  updatedAt: string;
}

export interface DocumentListing {
  documentId: string;
  updatedAt: string;
}

/** The form was no longer open when the store tried to close it. */
export class FormNotOpenError extends Error {
  constructor(readonly formId: string) {
    super(`Form ${formId} is not open any more.`);
    this.name = 'FormNotOpenError';
  }
}

/** An inserted statement id was already stored (a concurrent writer won). */
export class DuplicateStatementIdError extends Error {
  constructor(readonly statementId: string) {
    super(`Statement ${statementId} is already stored.`);
    this.name = 'DuplicateStatementIdError';
  }
}

/** Another form for the same learner, test and attempt number was stored first. */
export class DuplicateFormAttemptError extends Error {
  constructor(
    readonly testId: string,
    readonly attempt: number,
  ) {
    super(`A form for attempt ${attempt} at ${testId} already exists.`);
    this.name = 'DuplicateFormAttemptError';
  }
}
