import Database from 'better-sqlite3';
import type { AttemptRecord, Course, CourseListing, LocalizedText, TestKind } from '@smart-training/core';
import { agentKey } from '../xapi/model';
import { SqliteActivities } from './sqlite-activities';
import type { SqliteCredentials } from './sqlite-credentials';
import { SqliteDocuments } from './sqlite-documents';
import type { GroupCommit } from './sqlite-group-commit';
import {
  DuplicateFormAttemptError,
  DuplicateStatementIdError,
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
} from './types';

interface FormRow {
  id: string;
  course_id: string;
  nip: string;
  test_id: string;
  attempt: number;
  seed: string;
  item_ids_json: string;
  keyed_items_json: string;
  served_json: string;
  started_at: string;
  expires_at: string;
  status: FormRecord['status'];
  answers_json: string | null;
  closed_at: string | null;
}

interface AttemptRow {
  nip: string;
  test_id: string;
  kind: TestKind;
  attempt: number;
  score: number;
  outcome: AttemptRecord['outcome'];
  at: string;
}

interface StatementRow {
  seq: number;
  id: string;
  stored: string;
  timestamp: string;
  verb_id: string;
  actor_key: string | null;
  object_agent_key: string | null;
  activity_id: string | null;
  target_statement_id: string | null;
  registration: string | null;
  related_agents: string;
  related_activities: string;
  voided: number;
  statement_json: string;
}

interface EnrolmentRow {
  course_id: string;
  nip: string;
  registration: string;
  created_at: string;
}

interface CertificateRow {
  number: string;
  course_id: string;
  nip: string;
  basis: CertificateRecord['basis'];
  issued_at: string;
}

/** Prepared statement queries kept per store; past this the cache starts afresh. */
const PREPARED_QUERY_LIMIT = 500;

function isUniqueViolation(error: unknown): boolean {
  return error instanceof Database.SqliteError && error.code.startsWith('SQLITE_CONSTRAINT');
}

/**
 * The view of one store of the SQLite database (see sqlite-root.ts): every
 * statement below names `store_id`, in its writes and in its filters.
 */
export class SqliteStore implements Store {
  private readonly insertStatementRow;
  private readonly insertStatementActivity;
  private readonly findStatementRow;
  private readonly insertCertificateRow;
  private readonly statementQueries = new Map<string, Database.Statement>();
  private readonly documents: SqliteDocuments;
  private readonly activities: SqliteActivities;

  constructor(
    private readonly db: Database.Database,
    readonly storeId: string,
    private readonly credentials: SqliteCredentials,
    private readonly writes: GroupCommit,
    private readonly closeDatabase: () => Promise<void>,
  ) {
    this.documents = new SqliteDocuments(db, storeId);
    this.activities = new SqliteActivities(db, storeId, writes);
    this.insertStatementRow = db.prepare(
      `INSERT INTO statements (store_id, id, stored, timestamp, verb_id, actor_key, object_agent_key,
         activity_id, target_statement_id, authority_key, registration, related_agents,
         related_activities, voided, statement_json)
       VALUES (@storeId, @id, @stored, @timestamp, @verbId, @actorKey, @objectAgentKey,
         @activityId, @targetStatementId, @authorityKey, @registration, @relatedAgents,
         @relatedActivities, @voided, @json)`,
    );
    this.insertStatementActivity = db.prepare(
      'INSERT OR IGNORE INTO statement_activities (store, activity, at, statement_seq) VALUES (?, ?, ?, ?)',
    );
    this.findStatementRow = db.prepare('SELECT * FROM statements WHERE store_id = ? AND id = ?');
    this.insertCertificateRow = db.prepare(
      `INSERT INTO certificates (store_id, number, course_id, nip, year, sequence, basis, issued_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    );
  }

  async insertCredential(credential: NewCredential): Promise<void> {
    this.credentials.insert(this.storeId, credential);
  }

  async findCredential(key: string): Promise<CredentialRecord | undefined> {
    const credential = this.credentials.find(key);
    return credential?.storeId === this.storeId ? credential : undefined;
  }

  async insertSession(session: SessionRecord, credential: NewCredential): Promise<void> {
    this.db.transaction(() => {
      this.credentials.insert(this.storeId, credential);
      this.db
        .prepare(
          `INSERT INTO sessions (id, store_id, credential_key, course_id, nip, created_at)
           VALUES (?, ?, ?, ?, ?, ?)`,
        )
        .run(session.id, this.storeId, session.credentialKey, session.courseId, session.nip, session.createdAt);
    })();
  }

  async putCourse(course: Course, at: string): Promise<void> {
    this.db
      .prepare(
        `INSERT INTO courses (store_id, id, version, title_json, jp, item_count, course_json, updated_at)
         VALUES (@storeId, @id, @version, @title, @jp, @items, @json, @at)
         ON CONFLICT (store_id, id) DO UPDATE SET version = excluded.version, title_json = excluded.title_json,
           jp = excluded.jp, item_count = excluded.item_count, course_json = excluded.course_json,
           updated_at = excluded.updated_at`,
      )
      .run({
        storeId: this.storeId,
        id: course.id,
        version: course.version,
        title: JSON.stringify(course.title),
        jp: course.jp,
        items: course.bank.length,
        json: JSON.stringify(course),
        at,
      });
  }

  async getCourse(courseId: string): Promise<Course | undefined> {
    const row = this.db
      .prepare('SELECT course_json FROM courses WHERE store_id = ? AND id = ?')
      .get(this.storeId, courseId) as { course_json: string } | undefined;
    return row ? (JSON.parse(row.course_json) as Course) : undefined;
  }

  async listCourses(): Promise<CourseListing[]> {
    const rows = this.db
      .prepare('SELECT id, version, title_json, jp, item_count FROM courses WHERE store_id = ? ORDER BY id')
      .all(this.storeId) as { id: string; version: string; title_json: string; jp: number; item_count: number }[];
    return rows.map((row) => ({
      id: row.id,
      version: row.version,
      title: JSON.parse(row.title_json) as LocalizedText,
      jp: row.jp,
      items: row.item_count,
    }));
  }

  async upsertEmployees(employees: EmployeeRecord[]): Promise<{ added: number; updated: number }> {
    const exists = this.db.prepare('SELECT 1 FROM employees WHERE store_id = ? AND nip = ?');
    const upsert = this.db.prepare(
      `INSERT INTO employees (store_id, nip, name, unit, position)
       VALUES (@storeId, @nip, @name, @unit, @position)
       ON CONFLICT (store_id, nip) DO UPDATE SET name = excluded.name, unit = excluded.unit,
         position = excluded.position`,
    );
    return this.db.transaction(() => {
      let added = 0;
      let updated = 0;
      for (const employee of employees) {
        if (exists.get(this.storeId, employee.nip)) updated += 1;
        else added += 1;
        upsert.run({ ...employee, storeId: this.storeId });
      }
      return { added, updated };
    })();
  }

  async getEmployee(nip: string): Promise<EmployeeRecord | undefined> {
    return this.db
      .prepare('SELECT nip, name, unit, position FROM employees WHERE store_id = ? AND nip = ?')
      .get(this.storeId, nip) as EmployeeRecord | undefined;
  }

  async ensureEnrolment(enrolment: EnrolmentRecord): Promise<EnrolmentRecord> {
    this.db
      .prepare(
        `INSERT INTO enrolments (store_id, course_id, nip, registration, created_at) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (store_id, course_id, nip) DO NOTHING`,
      )
      .run(this.storeId, enrolment.courseId, enrolment.nip, enrolment.registration, enrolment.createdAt);
    return (await this.getEnrolment(enrolment.courseId, enrolment.nip)) as EnrolmentRecord;
  }

  async getEnrolment(courseId: string, nip: string): Promise<EnrolmentRecord | undefined> {
    const row = this.db
      .prepare('SELECT * FROM enrolments WHERE store_id = ? AND course_id = ? AND nip = ?')
      .get(this.storeId, courseId, nip) as EnrolmentRow | undefined;
    return row ? toEnrolment(row) : undefined;
  }

  async listEnrolledLearners(courseId: string): Promise<EnrolledLearner[]> {
    const rows = this.db
      .prepare(
        `SELECT e.course_id, e.nip, e.registration, e.created_at,
           p.name, p.unit, p.position, p.nip AS registered_nip
         FROM enrolments e LEFT JOIN employees p ON p.store_id = e.store_id AND p.nip = e.nip
         WHERE e.store_id = ? AND e.course_id = ? ORDER BY e.created_at, e.nip`,
      )
      .all(this.storeId, courseId) as (EnrolmentRow & {
      name: string | null;
      unit: string | null;
      position: string | null;
      registered_nip: string | null;
    })[];
    return rows.map((row) => ({
      enrolment: toEnrolment(row),
      employee:
        row.registered_nip === null
          ? undefined
          : { nip: row.nip, name: row.name ?? '', unit: row.unit ?? '', position: row.position },
    }));
  }

  async getForm(formId: string): Promise<FormRecord | undefined> {
    const row = this.db
      .prepare('SELECT * FROM forms WHERE store_id = ? AND id = ?')
      .get(this.storeId, formId) as FormRow | undefined;
    return row ? toForm(row) : undefined;
  }

  async listOpenForms(courseId: string, nip: string): Promise<FormRecord[]> {
    const rows = this.db
      .prepare(
        `SELECT * FROM forms WHERE store_id = ? AND course_id = ? AND nip = ? AND status = 'open'
         ORDER BY started_at`,
      )
      .all(this.storeId, courseId, nip) as FormRow[];
    return rows.map(toForm);
  }

  async itemsSeenByLearner(courseId: string, nip: string, testId: string): Promise<Set<string>> {
    const rows = this.db
      .prepare('SELECT item_ids_json FROM forms WHERE store_id = ? AND course_id = ? AND nip = ? AND test_id = ?')
      .all(this.storeId, courseId, nip, testId) as { item_ids_json: string }[];
    return new Set(rows.flatMap((row) => JSON.parse(row.item_ids_json) as string[]));
  }

  async itemExposure(courseId: string): Promise<Map<string, number>> {
    const rows = this.db
      .prepare('SELECT item_id, count FROM item_exposure WHERE store_id = ? AND course_id = ?')
      .all(this.storeId, courseId) as { item_id: string; count: number }[];
    return new Map(rows.map((row) => [row.item_id, row.count]));
  }

  async insertForm(form: FormRecord): Promise<void> {
    const insert = this.db.prepare(
      `INSERT INTO forms (id, store_id, course_id, nip, test_id, attempt, seed, item_ids_json,
         keyed_items_json, served_json, started_at, expires_at, status, answers_json, closed_at)
       VALUES (@id, @storeId, @courseId, @nip, @testId, @attempt, @seed, @itemIds, @keyedItems,
         @served, @startedAt, @expiresAt, @status, @answers, @closedAt)`,
    );
    const expose = this.db.prepare(
      `INSERT INTO item_exposure (store_id, course_id, item_id, count) VALUES (?, ?, ?, 1)
       ON CONFLICT (store_id, course_id, item_id) DO UPDATE SET count = count + 1`,
    );
    try {
      this.db.transaction(() => {
        insert.run({
          id: form.id,
          storeId: this.storeId,
          courseId: form.courseId,
          nip: form.nip,
          testId: form.testId,
          attempt: form.attempt,
          seed: form.seed,
          itemIds: JSON.stringify(form.itemIds),
          keyedItems: JSON.stringify(form.keyedItems),
          served: JSON.stringify(form.served),
          startedAt: form.startedAt,
          expiresAt: form.expiresAt,
          status: form.status,
          answers: form.answers === null ? null : JSON.stringify(form.answers),
          closedAt: form.closedAt,
        });
        for (const itemId of form.itemIds) expose.run(this.storeId, form.courseId, itemId);
      })();
    } catch (error) {
      if (isUniqueViolation(error)) throw new DuplicateFormAttemptError(form.testId, form.attempt);
      throw error;
    }
  }

  async closeForm(closing: FormClosing): Promise<{ certificate: CertificateRecord | null }> {
    return this.writes.run(() => {
      const closed = this.db
        .prepare(
          `UPDATE forms SET status = ?, answers_json = ?, closed_at = ?
           WHERE store_id = ? AND id = ? AND status = 'open'`,
        )
        .run(
          closing.status,
          closing.answers === null ? null : JSON.stringify(closing.answers),
          closing.closedAt,
          this.storeId,
          closing.formId,
        );
      if (closed.changes === 0) throw new FormNotOpenError(closing.formId);

      const { attempt } = closing;
      this.db
        .prepare(
          `INSERT INTO attempts (store_id, course_id, nip, test_id, kind, attempt, score, outcome, at, form_id)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(
          this.storeId,
          attempt.courseId,
          attempt.nip,
          attempt.testId,
          attempt.kind,
          attempt.attempt,
          attempt.score,
          attempt.outcome,
          attempt.at,
          attempt.formId,
        );
      for (const statement of closing.statements) this.writeStatement(statement, true);
      const certificate = closing.certificate ? this.issueCertificate(closing.certificate) : null;
      return { certificate };
    });
  }

  /** Returns the learner's certificate, issuing it with the next sequence number when absent. */
  private issueCertificate(request: CertificateRequest): CertificateRecord {
    const existing = this.readCertificate(request.courseId, request.nip);
    if (existing) return existing;
    const { last } = this.db
      .prepare('SELECT MAX(sequence) AS last FROM certificates WHERE store_id = ? AND course_id = ? AND year = ?')
      .get(this.storeId, request.courseId, request.year) as { last: number | null };
    const sequence = (last ?? 0) + 1;
    const number = request.numberFor(sequence);
    this.insertCertificateRow.run(
      this.storeId,
      number,
      request.courseId,
      request.nip,
      request.year,
      sequence,
      request.basis,
      request.issuedAt,
    );
    return {
      number,
      courseId: request.courseId,
      nip: request.nip,
      basis: request.basis,
      issuedAt: request.issuedAt,
    };
  }

  async listAttempts(courseId: string, nip: string): Promise<AttemptRecord[]> {
    const rows = this.db
      .prepare(
        `SELECT nip, test_id, kind, attempt, score, outcome, at FROM attempts
         WHERE store_id = ? AND course_id = ? AND nip = ? ORDER BY seq`,
      )
      .all(this.storeId, courseId, nip) as AttemptRow[];
    return rows.map(toAttempt);
  }

  async listCourseAttempts(courseId: string): Promise<LearnerAttempt[]> {
    const rows = this.db
      .prepare(
        `SELECT nip, test_id, kind, attempt, score, outcome, at FROM attempts
         WHERE store_id = ? AND course_id = ? ORDER BY seq`,
      )
      .all(this.storeId, courseId) as AttemptRow[];
    return rows.map((row) => ({ ...toAttempt(row), nip: row.nip }));
  }

  async getCertificate(courseId: string, nip: string): Promise<CertificateRecord | undefined> {
    return this.readCertificate(courseId, nip);
  }

  private readCertificate(courseId: string, nip: string): CertificateRecord | undefined {
    const row = this.db
      .prepare('SELECT * FROM certificates WHERE store_id = ? AND course_id = ? AND nip = ?')
      .get(this.storeId, courseId, nip) as CertificateRow | undefined;
    if (!row) return undefined;
    return {
      number: row.number,
      courseId: row.course_id,
      nip: row.nip,
      basis: row.basis,
      issuedAt: row.issued_at,
    };
  }

  async getStatements(ids: readonly string[]): Promise<StatementRecord[]> {
    if (ids.length === 0) return [];
    return ids
      .map((id) => this.findStatementRow.get(this.storeId, id) as StatementRow | undefined)
      .filter((row): row is StatementRow => row !== undefined)
      .map(toStatement);
  }

  async insertStatements(
    statements: StatementRecord[],
    voidIds: readonly string[],
    attachments: readonly AttachmentRecord[] = [],
    options: InsertStatementsOptions = {},
  ): Promise<void> {
    const markVoided = this.db.prepare('UPDATE statements SET voided = 1 WHERE store_id = ? AND id = ?');
    const keepAttachment = this.db.prepare(
      `INSERT INTO attachments (store_id, sha2, content_type, length, content) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (store_id, sha2) DO NOTHING`,
    );
    const define = options.define ?? true;
    await this.writes.run(() => {
      for (const statement of statements) this.writeStatement(statement, define);
      for (const id of voidIds) markVoided.run(this.storeId, id);
      for (const attachment of attachments) {
        keepAttachment.run(this.storeId, attachment.sha2, attachment.contentType, attachment.content.length, attachment.content);
      }
    });
  }

  async getAttachments(sha2s: readonly string[]): Promise<AttachmentRecord[]> {
    const find = this.db.prepare(
      'SELECT sha2, content_type, content FROM attachments WHERE store_id = ? AND sha2 = ?',
    );
    return sha2s
      .map((sha2) => find.get(this.storeId, sha2) as { sha2: string; content_type: string; content: Buffer } | undefined)
      .filter((row) => row !== undefined)
      .map((row) => ({ sha2: row.sha2, contentType: row.content_type, content: row.content }));
  }

  /** Writes one statement row; `define`: whether its activity definitions update the stored ones. */
  private writeStatement(statement: StatementRecord, define: boolean): void {
    let seq: number | bigint;
    try {
      seq = this.insertStatementRow.run({
        storeId: this.storeId,
        id: statement.id,
        stored: statement.stored,
        timestamp: statement.timestamp,
        verbId: statement.verbId,
        actorKey: statement.actorKey,
        objectAgentKey: statement.objectAgentKey,
        activityId: statement.activityId,
        targetStatementId: statement.targetStatementId,
        authorityKey: agentKey(statement.statement.authority),
        registration: statement.registration,
        relatedAgents: joinRelated(statement.relatedAgentKeys),
        relatedActivities: joinRelated(statement.relatedActivityIds),
        voided: statement.voided ? 1 : 0,
        json: JSON.stringify(statement.statement),
      }).lastInsertRowid;
    } catch (error) {
      if (isUniqueViolation(error)) throw new DuplicateStatementIdError(statement.id);
      throw error;
    }
    // The statement's own activity is found through statements_activity;
    // the side table holds the others it relates to (see schema.ts).
    for (const activityId of statement.relatedActivityIds) {
      if (activityId !== statement.activityId) {
        this.insertStatementActivity.run(this.storeId, activityId, statement.stored, seq);
      }
    }
    if (define) this.activities.project(statement.statement);
  }

  async queryStatements(query: StatementQuery): Promise<StatementRecord[]> {
    const params: Record<string, string | number> = { limit: query.limit, storeId: this.storeId };
    // Conditions on the returned statement itself. The store is a filter
    // (+store_id), never the index to search: see the statement indexes in
    // schema.ts.
    const own: string[] = ['+store_id = @storeId', 'voided = 0'];
    // Filters a statement also meets through the statement it targets; each
    // is written for a table alias prefix ('' or 't.'), and the agent filter
    // for one side (actor or object) when given.
    const filters: ((alias: string, side?: AgentSide, source?: Source) => string)[] = [];
    const bind = (name: string, value: string | undefined): boolean => {
      if (value === undefined) return false;
      params[name] = value;
      return true;
    };
    if (bind('agentKey', query.agentKey)) {
      filters.push((t, side) => {
        if (query.relatedAgents) return `instr(${t}related_agents, char(31) || @agentKey || char(31)) > 0`;
        return side ? `${t}${side} = @agentKey` : `(${t}actor_key = @agentKey OR ${t}object_agent_key = @agentKey)`;
      });
    }
    if (bind('verbId', query.verbId)) filters.push((t) => `${t}verb_id = @verbId`);
    // A related activity is either the statement's own (activity_id) or one
    // of its context or sub-statement activities, kept in
    // statement_activities; the few targets of statement references ('t.')
    // are matched on their related_activities text.
    const byRelatedActivity = query.relatedActivities === true && query.activityId !== undefined;
    if (bind('activityId', query.activityId)) {
      filters.push((t, _side, source) => {
        if (source === 'related') return 'activity = @activityId';
        if (!query.relatedActivities || t === '') return `${t}activity_id = @activityId`;
        return `instr(${t}related_activities, char(31) || @activityId || char(31)) > 0`;
      });
    }
    if (bind('registration', query.registration)) filters.push((t) => `${t}registration = @registration`);
    if (bind('actorKey', query.actorKey)) own.push('actor_key = @actorKey');
    if (bind('authorityKey', query.authorityKey)) own.push('authority_key = @authorityKey');
    if (bind('since', query.since)) own.push('stored > @since');
    if (bind('until', query.until)) own.push('stored <= @until');
    if (query.after !== undefined) {
      own.push(`(stored, seq) ${query.ascending ? '>' : '<'} (@afterStored, @afterPosition)`);
      params.afterStored = query.after.stored;
      params.afterPosition = query.after.position;
    }
    const direction = query.ascending ? 'ASC' : 'DESC';
    const order = `ORDER BY stored ${direction}, seq ${direction} LIMIT @limit`;
    const matching = (alias: string, side?: AgentSide, source?: Source) =>
      filters.map((filter) => filter(alias, side, source));
    const select = (side?: AgentSide, source: Source = 'statements') => {
      if (source === 'statements') {
        return `SELECT * FROM statements WHERE ${[...own, ...matching('', side)].join(' AND ')} ${order}`;
      }
      // Through statement_activities the page is read in its index order
      // (at = stored, statement_seq = seq), with the time bounds repeated on
      // its columns so that they bound the index range.
      return `SELECT statements.* FROM statement_activities CROSS JOIN statements
        ON seq = statement_seq AND store = @storeId
        WHERE ${[...own, ...activityBounds(query, direction), ...matching('', side, source)].join(' AND ')}
        ORDER BY at ${direction}, statement_seq ${direction} LIMIT @limit`;
    };
    // Each side alone reads only its newest (or oldest) rows, in index order;
    // asked as one OR, SQLite would read every match of both and sort them.
    const union = (first: string, second: string) =>
      `SELECT * FROM (SELECT * FROM (${first}) UNION SELECT * FROM (${second})) ${order}`;
    // An agent matches as actor or as object, each side through its index.
    const agentSides = (source?: Source) =>
      query.agentKey !== undefined && !query.relatedAgents
        ? union(select('actor_key', source), select('object_agent_key', source))
        : select(undefined, source);
    const direct = byRelatedActivity ? union(agentSides('statements'), agentSides('related')) : agentSides();
    if (filters.length === 0) {
      return (this.prepared(direct).all(params) as StatementRow[]).map(toStatement);
    }
    // Each branch keeps its own index and limit. Referring statements are
    // few, so the matching targets are found from the references (CROSS JOIN
    // keeps SQLite from scanning every statement the filters match instead).
    const sql = `
      WITH RECURSIVE targeted(id) AS (
        SELECT t.id
          FROM (SELECT DISTINCT target_statement_id AS id FROM statements
                  WHERE +store_id = @storeId AND target_statement_id IS NOT NULL) AS referenced
          CROSS JOIN statements t ON t.store_id = @storeId AND t.id = referenced.id
          WHERE ${matching('t.').join(' AND ')}
        UNION
        SELECT s.id FROM statements s JOIN targeted
          ON +s.store_id = @storeId AND s.target_statement_id = targeted.id
      )
      SELECT * FROM (
        SELECT * FROM (${direct})
        UNION
        SELECT * FROM (
          SELECT * FROM statements
            WHERE ${own.join(' AND ')} AND target_statement_id IN (SELECT id FROM targeted) ${order}
        )
      ) ${order}`;
    return (this.prepared(sql).all(params) as StatementRow[]).map(toStatement);
  }

  /**
   * The prepared form of a statement query. Queries are built from which
   * filters a request uses, so their texts are few; preparing one costs as
   * much as running it on a small page.
   */
  private prepared(sql: string): Database.Statement {
    let statement = this.statementQueries.get(sql);
    if (statement === undefined) {
      if (this.statementQueries.size >= PREPARED_QUERY_LIMIT) this.statementQueries.clear();
      statement = this.db.prepare(sql);
      this.statementQueries.set(sql, statement);
    }
    return statement;
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
    this.documents.deleteAll(scope);
  }

  async getActivityDefinition(activityId: string): Promise<Record<string, unknown> | undefined> {
    return this.activities.get(activityId);
  }

  async close(): Promise<void> {
    await this.closeDatabase();
  }
}

/** The column an agent filter searches: the statement's actor or its object. */
type AgentSide = 'actor_key' | 'object_agent_key';

/**
 * Where a branch of a statement query reads: statements through their own
 * indexes, or ('related') the statements an activity is related to through
 * statement_activities.
 */
type Source = 'statements' | 'related';

/** The query's time bounds and paging cursor on statement_activities' columns (same parameters). */
function activityBounds(query: StatementQuery, direction: 'ASC' | 'DESC'): string[] {
  const bounds: string[] = [];
  if (query.since !== undefined) bounds.push('at > @since');
  if (query.until !== undefined) bounds.push('at <= @until');
  if (query.after !== undefined) {
    bounds.push(`(at, statement_seq) ${direction === 'ASC' ? '>' : '<'} (@afterStored, @afterPosition)`);
  }
  return bounds;
}

function toEnrolment(row: EnrolmentRow): EnrolmentRecord {
  return {
    courseId: row.course_id,
    nip: row.nip,
    registration: row.registration,
    createdAt: row.created_at,
  };
}

function toForm(row: FormRow): FormRecord {
  return {
    id: row.id,
    courseId: row.course_id,
    nip: row.nip,
    testId: row.test_id,
    attempt: row.attempt,
    seed: row.seed,
    itemIds: JSON.parse(row.item_ids_json) as string[],
    keyedItems: JSON.parse(row.keyed_items_json) as FormRecord['keyedItems'],
    served: JSON.parse(row.served_json) as unknown,
    startedAt: row.started_at,
    expiresAt: row.expires_at,
    status: row.status,
    answers: row.answers_json === null ? null : (JSON.parse(row.answers_json) as FormRecord['answers']),
    closedAt: row.closed_at,
  };
}

function toAttempt(row: AttemptRow): AttemptRecord {
  return {
    testId: row.test_id,
    kind: row.kind,
    attempt: row.attempt,
    score: row.score,
    outcome: row.outcome,
    at: row.at,
  };
}

function toStatement(row: StatementRow): StatementRecord {
  let statement: Record<string, unknown> | undefined;
  return {
    id: row.id,
    stored: row.stored,
    timestamp: row.timestamp,
    verbId: row.verb_id,
    actorKey: row.actor_key,
    objectAgentKey: row.object_agent_key,
    activityId: row.activity_id,
    targetStatementId: row.target_statement_id,
    registration: row.registration,
    relatedAgentKeys: splitRelated(row.related_agents),
    relatedActivityIds: splitRelated(row.related_activities),
    voided: row.voided === 1,
    // Parsed when first asked for: a page answered in the exact format
    // copies `json` and never needs the object.
    get statement() {
      statement ??= JSON.parse(row.statement_json) as Record<string, unknown>;
      return statement;
    },
    json: row.statement_json,
    position: row.seq,
  };
}

/**
 * Related keys are stored delimited on both sides by the ASCII unit
 * separator, which IRIs and identity keys never contain, so `instr` matches
 * whole keys only.
 */
const SEPARATOR = '\u001f';

function joinRelated(values: readonly string[]): string {
  return `${SEPARATOR}${values.join(SEPARATOR)}${SEPARATOR}`;
}

function splitRelated(joined: string): string[] {
  return joined.split(SEPARATOR).filter((value) => value !== '');
}
