import { mongo, Schema, type Connection, type Model } from 'mongoose';
import type { CertificateRecord, CredentialKind, DocumentKind, FormStatus } from '../types';

/*
 * The MongoDB collections, one per SQLite table (see ../schema.ts), with the
 * same fields. Nested JSON (courses, forms, statements) is kept as JSON text
 * as in SQLite: xAPI extension keys are IRIs full of dots, which MongoDB
 * field names cannot carry safely. Every index starts with the store id, and
 * every SQLite primary key or UNIQUE constraint is a unique index here, so a
 * duplicate raises the same domain error in both adapters.
 */

export interface CredentialDoc {
  key: string;
  storeId: string;
  secretHash: string;
  kind: CredentialKind;
  scopes: string[];
  courseId: string | null;
  nip: string | null;
  label: string;
  createdAt: string;
  revokedAt: string | null;
}

export interface SessionDoc {
  storeId: string;
  id: string;
  credentialKey: string;
  courseId: string;
  nip: string;
  createdAt: string;
}

export interface CourseDoc {
  storeId: string;
  id: string;
  version: string;
  titleJson: string;
  jp: number;
  itemCount: number;
  courseJson: string;
  updatedAt: string;
}

export interface EmployeeDoc {
  storeId: string;
  nip: string;
  name: string;
  unit: string;
  position: string | null;
}

export interface EnrolmentDoc {
  storeId: string;
  courseId: string;
  nip: string;
  registration: string;
  createdAt: string;
}

export interface FormDoc {
  storeId: string;
  id: string;
  courseId: string;
  nip: string;
  testId: string;
  attempt: number;
  seed: string;
  itemIds: string[];
  keyedItemsJson: string;
  servedJson: string;
  startedAt: string;
  expiresAt: string;
  status: FormStatus;
  answersJson: string | null;
  closedAt: string | null;
}

export interface AttemptDoc {
  storeId: string;
  /** Order of scoring within the store, from the `counters` collection. */
  seq: number;
  courseId: string;
  nip: string;
  testId: string;
  kind: 'placement' | 'material' | 'final';
  attempt: number;
  score: number;
  outcome: 'passed' | 'failed';
  at: string;
  formId: string;
}

export interface ExposureDoc {
  storeId: string;
  courseId: string;
  itemId: string;
  count: number;
}

export interface CertificateDoc {
  storeId: string;
  number: string;
  courseId: string;
  nip: string;
  year: number;
  sequence: number;
  basis: CertificateRecord['basis'];
  issuedAt: string;
}

export interface StatementDoc {
  storeId: string;
  /** Insertion order within the store, from the `counters` collection: the paging tiebreak. */
  seq: number;
  id: string;
  stored: string;
  timestamp: string;
  verbId: string;
  actorKey: string | null;
  objectAgentKey: string | null;
  activityId: string | null;
  targetStatementId: string | null;
  authorityKey: string | null;
  registration: string | null;
  relatedAgents: string[];
  relatedActivities: string[];
  voided: boolean;
  statementJson: string;
}

export interface DocumentDoc {
  storeId: string;
  kind: DocumentKind;
  activityId: string;
  agentKey: string;
  registration: string;
  documentId: string;
  content: Buffer;
  contentType: string;
  etag: string;
  updatedAt: string;
}

export interface AttachmentDoc {
  storeId: string;
  sha2: string;
  contentType: string;
  length: number;
  content: Buffer;
}

export interface ActivityDoc {
  storeId: string;
  id: string;
  definitionJson: string;
}

/** A per-store sequence (`<storeId>/statements`, `<storeId>/attempts`). */
export interface CounterDoc {
  _id: string;
  value: number;
}

// Strings, arrays and buffers are not marked required: Mongoose's required
// check refuses an empty string or buffer, which the port may store (an
// empty xAPI document, an empty label). The port's types guarantee presence.
const text = { type: String } as const;
const optionalText = { type: String, default: null } as const;
const options = { versionKey: false, autoIndex: false, autoCreate: false } as const;

function schema<T>(definition: Record<string, unknown>, indexes: [Record<string, 1 | -1>, boolean][]): Schema<T> {
  const built = new Schema<T>(definition, options);
  for (const [fields, unique] of indexes) built.index(fields, { unique });
  return built;
}

const credentialSchema = schema<CredentialDoc>(
  {
    key: text,
    storeId: text,
    secretHash: text,
    kind: text,
    scopes: { type: [String] },
    courseId: optionalText,
    nip: optionalText,
    label: { type: String, default: '' },
    createdAt: text,
    revokedAt: optionalText,
  },
  // A key names its store, so it is unique across stores: the one index
  // that does not start with the store id.
  [
    [{ key: 1 }, true],
    [{ storeId: 1, createdAt: 1 }, false],
  ],
);

const sessionSchema = schema<SessionDoc>(
  { storeId: text, id: text, credentialKey: text, courseId: text, nip: text, createdAt: text },
  [
    [{ storeId: 1, id: 1 }, true],
    [{ storeId: 1, credentialKey: 1 }, false],
  ],
);

const courseSchema = schema<CourseDoc>(
  {
    storeId: text,
    id: text,
    version: text,
    titleJson: text,
    jp: { type: Number, required: true },
    itemCount: { type: Number, required: true },
    courseJson: text,
    updatedAt: text,
  },
  [[{ storeId: 1, id: 1 }, true]],
);

const employeeSchema = schema<EmployeeDoc>(
  { storeId: text, nip: text, name: text, unit: { type: String, default: '' }, position: optionalText },
  [[{ storeId: 1, nip: 1 }, true]],
);

const enrolmentSchema = schema<EnrolmentDoc>(
  { storeId: text, courseId: text, nip: text, registration: text, createdAt: text },
  [
    [{ storeId: 1, courseId: 1, nip: 1 }, true],
    [{ storeId: 1, registration: 1 }, true],
    [{ storeId: 1, courseId: 1, createdAt: 1 }, false],
  ],
);

const formSchema = schema<FormDoc>(
  {
    storeId: text,
    id: text,
    courseId: text,
    nip: text,
    testId: text,
    attempt: { type: Number, required: true },
    seed: text,
    itemIds: { type: [String] },
    keyedItemsJson: text,
    servedJson: text,
    startedAt: text,
    expiresAt: text,
    status: text,
    answersJson: optionalText,
    closedAt: optionalText,
  },
  [
    [{ storeId: 1, id: 1 }, true],
    [{ storeId: 1, courseId: 1, nip: 1, testId: 1, attempt: 1 }, true],
    [{ storeId: 1, courseId: 1, nip: 1, status: 1, startedAt: 1 }, false],
  ],
);

const attemptSchema = schema<AttemptDoc>(
  {
    storeId: text,
    seq: { type: Number, required: true },
    courseId: text,
    nip: text,
    testId: text,
    kind: text,
    attempt: { type: Number, required: true },
    score: { type: Number, required: true },
    outcome: text,
    at: text,
    formId: text,
  },
  [
    [{ storeId: 1, formId: 1 }, true],
    [{ storeId: 1, courseId: 1, nip: 1, testId: 1, attempt: 1 }, true],
    [{ storeId: 1, courseId: 1, seq: 1 }, false],
    [{ storeId: 1, courseId: 1, nip: 1, seq: 1 }, false],
  ],
);

const exposureSchema = schema<ExposureDoc>(
  { storeId: text, courseId: text, itemId: text, count: { type: Number, required: true } },
  [[{ storeId: 1, courseId: 1, itemId: 1 }, true]],
);

const certificateSchema = schema<CertificateDoc>(
  {
    storeId: text,
    number: text,
    courseId: text,
    nip: text,
    year: { type: Number, required: true },
    sequence: { type: Number, required: true },
    basis: text,
    issuedAt: text,
  },
  [
    [{ storeId: 1, number: 1 }, true],
    [{ storeId: 1, courseId: 1, nip: 1 }, true],
    [{ storeId: 1, courseId: 1, year: 1, sequence: 1 }, true],
  ],
);

const statementSchema = schema<StatementDoc>(
  {
    storeId: text,
    seq: { type: Number, required: true },
    id: text,
    stored: text,
    timestamp: text,
    verbId: text,
    actorKey: optionalText,
    objectAgentKey: optionalText,
    activityId: optionalText,
    targetStatementId: optionalText,
    authorityKey: optionalText,
    registration: optionalText,
    relatedAgents: { type: [String] },
    relatedActivities: { type: [String] },
    voided: { type: Boolean, required: true },
    statementJson: text,
  },
  [
    [{ storeId: 1, id: 1 }, true],
    [{ storeId: 1, stored: 1, seq: 1 }, false],
    [{ storeId: 1, actorKey: 1, stored: 1 }, false],
    [{ storeId: 1, objectAgentKey: 1, stored: 1 }, false],
    [{ storeId: 1, verbId: 1, stored: 1 }, false],
    [{ storeId: 1, activityId: 1, stored: 1 }, false],
    [{ storeId: 1, registration: 1, stored: 1 }, false],
    [{ storeId: 1, targetStatementId: 1 }, false],
  ],
);

const documentSchema = schema<DocumentDoc>(
  {
    storeId: text,
    kind: text,
    activityId: { type: String, default: '' },
    agentKey: { type: String, default: '' },
    registration: { type: String, default: '' },
    documentId: text,
    content: { type: Buffer },
    contentType: text,
    etag: text,
    updatedAt: text,
  },
  [
    [{ storeId: 1, kind: 1, activityId: 1, agentKey: 1, registration: 1, documentId: 1 }, true],
    [{ storeId: 1, kind: 1, activityId: 1, agentKey: 1, updatedAt: 1 }, false],
  ],
);

const attachmentSchema = schema<AttachmentDoc>(
  { storeId: text, sha2: text, contentType: text, length: { type: Number, required: true }, content: { type: Buffer } },
  [[{ storeId: 1, sha2: 1 }, true]],
);

const activitySchema = schema<ActivityDoc>(
  { storeId: text, id: text, definitionJson: text },
  [[{ storeId: 1, id: 1 }, true]],
);

const counterSchema = new Schema<CounterDoc>({ _id: String, value: { type: Number, required: true } }, options);

/** The models of one connection, named after the SQLite tables they mirror. */
export interface MongoModels {
  credentials: Model<CredentialDoc>;
  sessions: Model<SessionDoc>;
  courses: Model<CourseDoc>;
  employees: Model<EmployeeDoc>;
  enrolments: Model<EnrolmentDoc>;
  forms: Model<FormDoc>;
  attempts: Model<AttemptDoc>;
  itemExposure: Model<ExposureDoc>;
  certificates: Model<CertificateDoc>;
  statements: Model<StatementDoc>;
  documents: Model<DocumentDoc>;
  attachments: Model<AttachmentDoc>;
  activities: Model<ActivityDoc>;
  counters: Model<CounterDoc>;
}

/**
 * Registers the models on `connection` and creates their collections and
 * indexes. Collections must exist before a transaction writes to them, and
 * index creation is idempotent, so every LRS process may run this at start.
 */
export async function defineModels(connection: Connection): Promise<MongoModels> {
  const models: MongoModels = {
    credentials: connection.model<CredentialDoc>('Credential', credentialSchema, 'credentials'),
    sessions: connection.model<SessionDoc>('Session', sessionSchema, 'sessions'),
    courses: connection.model<CourseDoc>('Course', courseSchema, 'courses'),
    employees: connection.model<EmployeeDoc>('Employee', employeeSchema, 'employees'),
    enrolments: connection.model<EnrolmentDoc>('Enrolment', enrolmentSchema, 'enrolments'),
    forms: connection.model<FormDoc>('Form', formSchema, 'forms'),
    attempts: connection.model<AttemptDoc>('Attempt', attemptSchema, 'attempts'),
    itemExposure: connection.model<ExposureDoc>('ItemExposure', exposureSchema, 'item_exposure'),
    certificates: connection.model<CertificateDoc>('Certificate', certificateSchema, 'certificates'),
    statements: connection.model<StatementDoc>('Statement', statementSchema, 'statements'),
    documents: connection.model<DocumentDoc>('Document', documentSchema, 'documents'),
    attachments: connection.model<AttachmentDoc>('Attachment', attachmentSchema, 'attachments'),
    activities: connection.model<ActivityDoc>('Activity', activitySchema, 'activities'),
    counters: connection.model<CounterDoc>('Counter', counterSchema, 'counters'),
  };
  for (const model of Object.values(models) as Model<unknown>[]) {
    await model.createCollection();
    await model.createIndexes();
  }
  return models;
}

/**
 * A binary field as a Buffer. The connection asks for Buffers
 * (promoteBuffers), but a BSON Binary is accepted too, so the port's
 * promise does not hang on a driver option.
 */
export function toBuffer(value: Buffer | mongo.Binary): Buffer {
  return value instanceof mongo.Binary ? Buffer.from(value.read(0, value.length())) : Buffer.from(value);
}
