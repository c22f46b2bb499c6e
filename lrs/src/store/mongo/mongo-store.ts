import type { AttemptRecord, Course, CourseListing, LocalizedText } from '@smart-training/core';
import type { ClientSession } from 'mongoose';
import {
  DuplicateFormAttemptError,
  FormNotOpenError,
  type AttachmentRecord,
  type CertificateRecord,
  type CertificateRequest,
  type CredentialRecord,
  type DocumentKey,
  type DocumentListing,
  type DocumentRecord,
  type DocumentScope,
  type EmployeeRecord,
  type EnrolledLearner,
  type EnrolmentRecord,
  type FormClosing,
  type FormRecord,
  type InsertStatementsOptions,
  type LearnerAttempt,
  type NewCredential,
  type SessionRecord,
  type StatementQuery,
  type StatementRecord,
  type Store,
} from '../types';
import {
  toBuffer,
  type AttachmentDoc,
  type AttemptDoc,
  type CertificateDoc,
  type CourseDoc,
  type CredentialDoc,
  type EmployeeDoc,
  type EnrolmentDoc,
  type FormDoc,
  type MongoModels,
} from './models';
import { MongoDocuments } from './mongo-documents';
import { toCredential, toCredentialDoc } from './mongo-credentials';
import type { RunInTransaction } from './mongo-root';
import { allocate, isDuplicateKey, MongoStatements } from './mongo-statements';

/**
 * The view of one store of the MongoDB database (see mongo-root.ts): every
 * write carries `storeId` and every filter names it.
 */
export class MongoStore implements Store {
  private readonly statements: MongoStatements;
  private readonly documents: MongoDocuments;

  constructor(
    private readonly models: MongoModels,
    readonly storeId: string,
    private readonly transaction: RunInTransaction,
    private readonly closeDatabase: () => Promise<void>,
  ) {
    this.documents = new MongoDocuments(models.documents, storeId);
    this.statements = new MongoStatements(models, storeId);
  }

  async insertCredential(credential: NewCredential): Promise<void> {
    await this.models.credentials.create([this.credentialDoc(credential)]);
  }

  async findCredential(key: string): Promise<CredentialRecord | undefined> {
    const found = await this.models.credentials.findOne({ key, storeId: this.storeId }).lean<CredentialDoc>();
    return found === null ? undefined : toCredential(found);
  }

  async insertSession(session: SessionRecord, credential: NewCredential): Promise<void> {
    await this.transaction(async (transaction) => {
      await this.models.credentials.create([this.credentialDoc(credential)], { session: transaction });
      await this.models.sessions.create([{ ...session, storeId: this.storeId }], { session: transaction });
    });
  }

  async putCourse(course: Course, at: string): Promise<void> {
    const doc: CourseDoc = {
      storeId: this.storeId,
      id: course.id,
      version: course.version,
      titleJson: JSON.stringify(course.title),
      jp: course.jp,
      itemCount: course.bank.length,
      courseJson: JSON.stringify(course),
      updatedAt: at,
    };
    await this.models.courses.replaceOne({ storeId: this.storeId, id: course.id }, doc, { upsert: true });
  }

  async getCourse(courseId: string): Promise<Course | undefined> {
    const found = await this.models.courses.findOne({ storeId: this.storeId, id: courseId }).lean<CourseDoc>();
    return found === null ? undefined : (JSON.parse(found.courseJson) as Course);
  }

  async listCourses(): Promise<CourseListing[]> {
    const found = await this.models.courses.find({ storeId: this.storeId }).sort({ id: 1 }).lean<CourseDoc[]>();
    return found.map((doc) => ({
      id: doc.id,
      version: doc.version,
      title: JSON.parse(doc.titleJson) as LocalizedText,
      jp: doc.jp,
      items: doc.itemCount,
    }));
  }

  async upsertEmployees(employees: EmployeeRecord[]): Promise<{ added: number; updated: number }> {
    if (employees.length === 0) return { added: 0, updated: 0 };
    return this.transaction(async (session) => {
      const written = await this.models.employees.bulkWrite(
        employees.map((employee) => ({
          updateOne: {
            filter: { storeId: this.storeId, nip: employee.nip },
            update: { $set: { name: employee.name, unit: employee.unit, position: employee.position } },
            upsert: true,
          },
        })),
        { session, ordered: true },
      );
      return { added: written.upsertedCount, updated: written.matchedCount };
    });
  }

  async getEmployee(nip: string): Promise<EmployeeRecord | undefined> {
    const found = await this.models.employees.findOne({ storeId: this.storeId, nip }).lean<EmployeeDoc>();
    return found === null ? undefined : toEmployee(found);
  }

  async ensureEnrolment(enrolment: EnrolmentRecord): Promise<EnrolmentRecord> {
    try {
      await this.models.enrolments.updateOne(
        { storeId: this.storeId, courseId: enrolment.courseId, nip: enrolment.nip },
        { $setOnInsert: { registration: enrolment.registration, createdAt: enrolment.createdAt } },
        { upsert: true },
      );
    } catch (error) {
      // Two processes enrolling the same learner at once: the other one's
      // stays. Any other clash (a registration already in use) is an error.
      const stored = isDuplicateKey(error) ? await this.getEnrolment(enrolment.courseId, enrolment.nip) : undefined;
      if (stored === undefined) throw error;
      return stored;
    }
    return (await this.getEnrolment(enrolment.courseId, enrolment.nip)) as EnrolmentRecord;
  }

  async getEnrolment(courseId: string, nip: string): Promise<EnrolmentRecord | undefined> {
    const found = await this.models.enrolments.findOne({ storeId: this.storeId, courseId, nip }).lean<EnrolmentDoc>();
    return found === null ? undefined : toEnrolment(found);
  }

  async listEnrolledLearners(courseId: string): Promise<EnrolledLearner[]> {
    const enrolments = await this.models.enrolments
      .find({ storeId: this.storeId, courseId })
      .sort({ createdAt: 1, nip: 1 })
      .lean<EnrolmentDoc[]>();
    const employees = await this.models.employees
      .find({ storeId: this.storeId, nip: { $in: enrolments.map((doc) => doc.nip) } })
      .lean<EmployeeDoc[]>();
    const byNip = new Map(employees.map((doc) => [doc.nip, toEmployee(doc)]));
    return enrolments.map((doc) => ({ enrolment: toEnrolment(doc), employee: byNip.get(doc.nip) }));
  }

  async getForm(formId: string): Promise<FormRecord | undefined> {
    const found = await this.models.forms.findOne({ storeId: this.storeId, id: formId }).lean<FormDoc>();
    return found === null ? undefined : toForm(found);
  }

  async listOpenForms(courseId: string, nip: string): Promise<FormRecord[]> {
    const found = await this.models.forms
      .find({ storeId: this.storeId, courseId, nip, status: 'open' })
      .sort({ startedAt: 1 })
      .lean<FormDoc[]>();
    return found.map(toForm);
  }

  async itemsSeenByLearner(courseId: string, nip: string, testId: string): Promise<Set<string>> {
    const found = await this.models.forms
      .find({ storeId: this.storeId, courseId, nip, testId }, { itemIds: 1 })
      .lean<{ itemIds: string[] }[]>();
    return new Set(found.flatMap((doc) => doc.itemIds));
  }

  async itemExposure(courseId: string): Promise<Map<string, number>> {
    const found = await this.models.itemExposure
      .find({ storeId: this.storeId, courseId })
      .lean<{ itemId: string; count: number }[]>();
    return new Map(found.map((doc) => [doc.itemId, doc.count]));
  }

  async insertForm(form: FormRecord): Promise<void> {
    try {
      await this.transaction(async (session) => {
        await this.models.forms.create([toFormDoc(this.storeId, form)], { session });
        if (form.itemIds.length === 0) return;
        // $inc on upserted counters: concurrent forms from other processes add up.
        await this.models.itemExposure.bulkWrite(
          form.itemIds.map((itemId) => ({
            updateOne: {
              filter: { storeId: this.storeId, courseId: form.courseId, itemId },
              update: { $inc: { count: 1 } },
              upsert: true,
            },
          })),
          { session },
        );
      });
    } catch (error) {
      if (isDuplicateKey(error)) throw new DuplicateFormAttemptError(form.testId, form.attempt);
      throw error;
    }
  }

  async closeForm(closing: FormClosing): Promise<{ certificate: CertificateRecord | null }> {
    return this.transaction(async (session) => {
      const closed = await this.models.forms.updateOne(
        { storeId: this.storeId, id: closing.formId, status: 'open' },
        {
          $set: {
            status: closing.status,
            answersJson: closing.answers === null ? null : JSON.stringify(closing.answers),
            closedAt: closing.closedAt,
          },
        },
        { session },
      );
      if (closed.matchedCount === 0) throw new FormNotOpenError(closing.formId);
      const { attempt } = closing;
      const seq = await allocate(this.models, session, `${this.storeId}/attempts`, 1);
      const attemptDoc: AttemptDoc = {
        storeId: this.storeId,
        seq,
        courseId: attempt.courseId,
        nip: attempt.nip,
        testId: attempt.testId,
        kind: attempt.kind,
        attempt: attempt.attempt,
        score: attempt.score,
        outcome: attempt.outcome,
        at: attempt.at,
        formId: attempt.formId,
      };
      await this.models.attempts.create([attemptDoc], { session });
      await this.statements.write(session, closing.statements, true);
      const certificate = closing.certificate ? await this.issueCertificate(session, closing.certificate) : null;
      return { certificate };
    });
  }

  /** Returns the learner's certificate, issuing it with the next sequence number when absent. */
  private async issueCertificate(session: ClientSession, request: CertificateRequest): Promise<CertificateRecord> {
    const existing = await this.models.certificates
      .findOne({ storeId: this.storeId, courseId: request.courseId, nip: request.nip })
      .session(session)
      .lean<CertificateDoc>();
    if (existing !== null) return toCertificate(existing);
    const last = await this.models.certificates
      .findOne({ storeId: this.storeId, courseId: request.courseId, year: request.year })
      .sort({ sequence: -1 })
      .session(session)
      .lean<CertificateDoc>();
    const sequence = (last?.sequence ?? 0) + 1;
    const doc: CertificateDoc = {
      storeId: this.storeId,
      number: request.numberFor(sequence),
      courseId: request.courseId,
      nip: request.nip,
      year: request.year,
      sequence,
      basis: request.basis,
      issuedAt: request.issuedAt,
    };
    await this.models.certificates.create([doc], { session });
    return toCertificate(doc);
  }

  async listAttempts(courseId: string, nip: string): Promise<AttemptRecord[]> {
    const found = await this.models.attempts
      .find({ storeId: this.storeId, courseId, nip })
      .sort({ seq: 1 })
      .lean<AttemptDoc[]>();
    return found.map(toAttempt);
  }

  async listCourseAttempts(courseId: string): Promise<LearnerAttempt[]> {
    const found = await this.models.attempts.find({ storeId: this.storeId, courseId }).sort({ seq: 1 }).lean<AttemptDoc[]>();
    return found.map((doc) => ({ ...toAttempt(doc), nip: doc.nip }));
  }

  async getCertificate(courseId: string, nip: string): Promise<CertificateRecord | undefined> {
    const found = await this.models.certificates.findOne({ storeId: this.storeId, courseId, nip }).lean<CertificateDoc>();
    return found === null ? undefined : toCertificate(found);
  }

  async getStatements(ids: readonly string[]): Promise<StatementRecord[]> {
    return this.statements.get(ids);
  }

  async insertStatements(
    statements: StatementRecord[],
    voidIds: readonly string[],
    attachments: readonly AttachmentRecord[] = [],
    options: InsertStatementsOptions = {},
  ): Promise<void> {
    await this.transaction(async (session) => {
      await this.statements.write(session, statements, options.define ?? true);
      await this.statements.markVoided(session, voidIds);
      for (const attachment of attachments) {
        await this.models.attachments.updateOne(
          { storeId: this.storeId, sha2: attachment.sha2 },
          {
            $setOnInsert: {
              contentType: attachment.contentType,
              length: attachment.content.length,
              content: attachment.content,
            },
          },
          { upsert: true, session },
        );
      }
    });
  }

  async queryStatements(query: StatementQuery): Promise<StatementRecord[]> {
    return this.statements.query(query);
  }

  async getAttachments(sha2s: readonly string[]): Promise<AttachmentRecord[]> {
    if (sha2s.length === 0) return [];
    const found = await this.models.attachments
      .find({ storeId: this.storeId, sha2: { $in: [...sha2s] } })
      .lean<AttachmentDoc[]>();
    const bySha2 = new Map(found.map((doc) => [doc.sha2, doc]));
    return sha2s.flatMap((sha2) => {
      const doc = bySha2.get(sha2);
      return doc === undefined ? [] : [{ sha2, contentType: doc.contentType, content: toBuffer(doc.content) }];
    });
  }

  async getDocument(key: DocumentKey): Promise<DocumentRecord | undefined> {
    return this.documents.get(key);
  }

  async listDocuments(scope: DocumentScope, since?: string): Promise<DocumentListing[]> {
    return this.documents.list(scope, since);
  }

  async saveDocument(document: DocumentRecord, expectedEtag: string | null): Promise<boolean> {
    return this.documents.save(document, expectedEtag);
  }

  async deleteDocument(key: DocumentKey, expectedEtag: string): Promise<boolean> {
    return this.documents.delete(key, expectedEtag);
  }

  async deleteDocuments(scope: DocumentScope): Promise<void> {
    await this.documents.deleteAll(scope);
  }

  async getActivityDefinition(activityId: string): Promise<Record<string, unknown> | undefined> {
    return this.statements.activityDefinition(activityId);
  }

  async close(): Promise<void> {
    await this.closeDatabase();
  }

  private credentialDoc(credential: NewCredential): CredentialDoc {
    return toCredentialDoc(this.storeId, credential);
  }
}

function toEmployee(doc: EmployeeDoc): EmployeeRecord {
  return { nip: doc.nip, name: doc.name, unit: doc.unit, position: doc.position ?? null };
}

function toEnrolment(doc: EnrolmentDoc): EnrolmentRecord {
  return { courseId: doc.courseId, nip: doc.nip, registration: doc.registration, createdAt: doc.createdAt };
}

function toFormDoc(storeId: string, form: FormRecord): FormDoc {
  return {
    storeId,
    id: form.id,
    courseId: form.courseId,
    nip: form.nip,
    testId: form.testId,
    attempt: form.attempt,
    seed: form.seed,
    itemIds: form.itemIds,
    keyedItemsJson: JSON.stringify(form.keyedItems),
    servedJson: JSON.stringify(form.served),
    startedAt: form.startedAt,
    expiresAt: form.expiresAt,
    status: form.status,
    answersJson: form.answers === null ? null : JSON.stringify(form.answers),
    closedAt: form.closedAt,
  };
}

function toForm(doc: FormDoc): FormRecord {
  return {
    id: doc.id,
    courseId: doc.courseId,
    nip: doc.nip,
    testId: doc.testId,
    attempt: doc.attempt,
    seed: doc.seed,
    itemIds: doc.itemIds,
    keyedItems: JSON.parse(doc.keyedItemsJson) as FormRecord['keyedItems'],
    served: JSON.parse(doc.servedJson) as unknown,
    startedAt: doc.startedAt,
    expiresAt: doc.expiresAt,
    status: doc.status,
    answers: doc.answersJson == null ? null : (JSON.parse(doc.answersJson) as FormRecord['answers']),
    closedAt: doc.closedAt ?? null,
  };
}

function toAttempt(doc: AttemptDoc): AttemptRecord {
  return { testId: doc.testId, kind: doc.kind, attempt: doc.attempt, score: doc.score, outcome: doc.outcome, at: doc.at };
}

function toCertificate(doc: CertificateDoc): CertificateRecord {
  return { number: doc.number, courseId: doc.courseId, nip: doc.nip, basis: doc.basis, issuedAt: doc.issuedAt };
}
