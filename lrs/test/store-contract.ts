import { createHash, randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { StoredAttempt } from '../src/store/types';
import {
  DuplicateFormAttemptError,
  DuplicateStatementIdError,
  FormNotOpenError,
  type DocumentRecord,
  type EmployeeRecord,
  type FormClosing,
  type FormRecord,
  type NewCredential,
  type StatementQuery,
  type StatementRecord,
  type Store,
  type StoreRoot,
} from '../src/store/types';
import { toRecord } from '../src/xapi/model';
import { buildCourse, COURSE_ID, NIP_ANI, NIP_BUDI, REGISTRY } from './fixtures';

/*
 * One behaviour suite for the storage port, run against every adapter
 * (store-contract-*.test.ts). It calls the port directly, without HTTP, so a
 * failure names the adapter method that broke.
 */

const ANI = 'mbox:mailto:ani@example.org';
const BUDI = 'mbox:mailto:budi@example.org';
const EXPERIENCED = 'http://adlnet.gov/expapi/verbs/experienced';
const ANSWERED = 'http://adlnet.gov/expapi/verbs/answered';
const VOIDED = 'http://adlnet.gov/expapi/verbs/voided';
const MODULE = 'https://example.org/activities/module-1';
const QUIZ = 'https://example.org/activities/quiz-1';
const REGISTRATION = '6f1d3b2a-1c4e-4f3a-9b2d-0a1b2c3d4e5f';
const EMPLOYEES: EmployeeRecord[] = REGISTRY.employees.map((employee) => ({ position: null, ...employee }));

function credential(key: string, overrides: Partial<NewCredential> = {}): NewCredential {
  return {
    key,
    secretHash: createHash('sha256').update(`secret-${key}`).digest('hex'),
    kind: 'admin',
    scopes: ['all'],
    courseId: null,
    nip: null,
    label: `credential ${key}`,
    createdAt: '2026-12-01T08:00:00.000Z',
    ...overrides,
  };
}

function form(id: string, overrides: Partial<FormRecord> = {}): FormRecord {
  return {
    id,
    courseId: COURSE_ID,
    nip: NIP_ANI,
    testId: 'placement',
    attempt: 1,
    seed: `seed-${id}`,
    itemIds: ['item-1', 'item-2'],
    keyedItems: [],
    served: { formId: id },
    startedAt: '2026-12-02T01:00:00.000Z',
    expiresAt: '2026-12-02T01:15:00.000Z',
    status: 'open',
    answers: null,
    closedAt: null,
    ...overrides,
  };
}

interface StatementSpec {
  id: string;
  stored: string;
  actor?: string;
  verb?: string;
  object?: Record<string, unknown>;
  registration?: string;
  context?: Record<string, unknown>;
}

/** A stored statement record built the way the LRS builds one. */
function statement(spec: StatementSpec): StatementRecord {
  const context = {
    ...(spec.registration ? { registration: spec.registration } : {}),
    ...spec.context,
  };
  return toRecord({
    id: spec.id,
    actor: { objectType: 'Agent', mbox: `mailto:${spec.actor ?? 'ani'}@example.org` },
    verb: { id: spec.verb ?? EXPERIENCED },
    object: spec.object ?? { objectType: 'Activity', id: MODULE },
    ...(Object.keys(context).length > 0 ? { context } : {}),
    timestamp: spec.stored,
    stored: spec.stored,
    authority: { objectType: 'Agent', mbox: 'mailto:lrs@example.org' },
    version: '1.0.0',
  });
}

function closing(formId: string, overrides: Partial<FormClosing> = {}): FormClosing {
  const attempt: StoredAttempt = {
    courseId: COURSE_ID,
    nip: NIP_ANI,
    formId,
    testId: 'placement',
    kind: 'placement',
    attempt: 1,
    score: 80,
    outcome: 'passed',
    at: '2026-12-02T01:10:00.000Z',
  };
  return {
    formId,
    status: 'submitted',
    answers: { 'item-1': ['b'] },
    closedAt: '2026-12-02T01:10:00.000Z',
    attempt,
    statements: [],
    certificate: null,
    ...overrides,
  };
}

function document(overrides: Partial<DocumentRecord> = {}): DocumentRecord {
  const content = Buffer.from(JSON.stringify({ bookmark: 3 }));
  return {
    kind: 'state',
    activityId: MODULE,
    agentKey: ANI,
    registration: '',
    documentId: 'bookmark',
    content,
    contentType: 'application/json',
    etag: createHash('sha1').update(content).digest('hex'),
    updatedAt: '2026-12-02T01:00:00.000Z',
    ...overrides,
  };
}

const QUERY: StatementQuery = { ascending: false, limit: 100 };

async function ids(store: Store, query: Partial<StatementQuery>): Promise<string[]> {
  return (await store.queryStatements({ ...QUERY, ...query })).map((record) => record.id);
}

/**
 * Registers the storage contract for one adapter. `openRoot` opens an empty
 * database for each test; `closeRoot` closes (and, for a server, drops) it.
 *
 * @example
 * describeStoreContract('SQLite', async () => openSqliteRoot(':memory:'), (root) => root.close());
 */
export function describeStoreContract(
  name: string,
  openRoot: () => Promise<StoreRoot>,
  closeRoot: (root: StoreRoot) => Promise<void>,
): void {
  describe(`storage contract: ${name}`, () => {
    let root: StoreRoot;
    let store: Store;
    let other: Store;
    beforeEach(async () => {
      root = await openRoot();
      store = root.store('bkpsdm-bandung');
      other = root.store('bkd-jabar');
    });
    afterEach(async () => {
      await closeRoot(root);
    });

    describe('credentials', () => {
      it('finds a stored credential by key through the root and its own store only', async () => {
        await store.insertCredential(credential('k-admin', { scopes: ['all', 'define'] }));
        const found = await root.findCredential('k-admin');
        expect(found).toMatchObject({ key: 'k-admin', storeId: 'bkpsdm-bandung', scopes: ['all', 'define'], revokedAt: null });
        expect(await store.findCredential('k-admin')).toEqual(found);
        expect(await other.findCredential('k-admin')).toBeUndefined();
        expect(await root.findCredential('unknown')).toBeUndefined();
      });

      it('lists credentials oldest first, by store, leaving session credentials out unless asked', async () => {
        await store.insertCredential(credential('k-late', { createdAt: '2026-12-01T09:00:00.000Z' }));
        await store.insertCredential(credential('k-early', { createdAt: '2026-12-01T07:00:00.000Z' }));
        await other.insertCredential(credential('k-other'));
        await store.insertSession(
          { id: 'session-1', credentialKey: 'k-session', courseId: COURSE_ID, nip: NIP_ANI, createdAt: '2026-12-01T10:00:00.000Z' },
          credential('k-session', { kind: 'session', courseId: COURSE_ID, nip: NIP_ANI, createdAt: '2026-12-01T10:00:00.000Z' }),
        );
        const keys = async (filter?: { storeId?: string; sessions?: boolean }) =>
          (await root.listCredentials(filter)).map((record) => record.key);
        expect(await keys({ storeId: 'bkpsdm-bandung' })).toEqual(['k-early', 'k-late']);
        expect(await keys({ storeId: 'bkpsdm-bandung', sessions: true })).toEqual(['k-early', 'k-late', 'k-session']);
        expect(await keys()).toEqual(['k-early', 'k-other', 'k-late']);
        expect(await store.findCredential('k-session')).toMatchObject({ kind: 'session', nip: NIP_ANI });
      });

      it('revokes a credential once, keeping the first revocation time, and answers false for an unknown key', async () => {
        await store.insertCredential(credential('k-admin'));
        expect(await root.revokeCredential('k-admin', '2026-12-02T00:00:00.000Z')).toBe(true);
        expect(await root.revokeCredential('k-admin', '2026-12-03T00:00:00.000Z')).toBe(true);
        expect((await root.findCredential('k-admin'))?.revokedAt).toBe('2026-12-02T00:00:00.000Z');
        expect(await root.revokeCredential('unknown', '2026-12-02T00:00:00.000Z')).toBe(false);
      });

      it('refuses a second credential with a stored key, in any store', async () => {
        await store.insertCredential(credential('k-admin'));
        await expect(other.insertCredential(credential('k-admin'))).rejects.toThrow();
        expect((await root.findCredential('k-admin'))?.storeId).toBe('bkpsdm-bandung');
      });
    });

    describe('courses, employees and enrolments', () => {
      it('replaces a course put again and lists courses by id', async () => {
        const course = buildCourse();
        await store.putCourse(course, '2026-12-01T00:00:00.000Z');
        await store.putCourse({ ...course, version: '2.0.0' }, '2026-12-02T00:00:00.000Z');
        await store.putCourse(buildCourse({ id: 'anti-korupsi' }), '2026-12-02T00:00:00.000Z');
        expect((await store.getCourse(COURSE_ID))?.version).toBe('2.0.0');
        expect(await store.getCourse('unknown')).toBeUndefined();
        const listed = await store.listCourses();
        expect(listed.map((listing) => listing.id)).toEqual(['anti-korupsi', COURSE_ID]);
        expect(listed[1]).toEqual({ id: COURSE_ID, version: '2.0.0', title: course.title, jp: course.jp, items: course.bank.length });
      });

      it('counts added and updated employees and keeps the latest details', async () => {
        expect(await store.upsertEmployees(EMPLOYEES)).toEqual({ added: 2, updated: 0 });
        const moved = { nip: NIP_ANI, name: 'Ani Lestari', unit: 'BKD Jawa Barat', position: null };
        expect(await store.upsertEmployees([moved])).toEqual({ added: 0, updated: 1 });
        expect(await store.getEmployee(NIP_ANI)).toEqual(moved);
        expect(await store.getEmployee('000')).toBeUndefined();
      });

      it('keeps the first enrolment of a learner and lists learners oldest enrolment first', async () => {
        await store.upsertEmployees([EMPLOYEES[0]!]);
        const first = { courseId: COURSE_ID, nip: NIP_BUDI, registration: 'reg-budi', createdAt: '2026-12-01T08:00:00.000Z' };
        expect(await store.ensureEnrolment(first)).toEqual(first);
        expect(await store.ensureEnrolment({ ...first, registration: 'reg-budi-2', createdAt: '2026-12-02T08:00:00.000Z' })).toEqual(first);
        await store.ensureEnrolment({ courseId: COURSE_ID, nip: NIP_ANI, registration: 'reg-ani', createdAt: '2026-12-01T09:00:00.000Z' });
        expect(await store.getEnrolment(COURSE_ID, NIP_BUDI)).toEqual(first);
        const learners = await store.listEnrolledLearners(COURSE_ID);
        expect(learners.map((learner) => learner.enrolment.nip)).toEqual([NIP_BUDI, NIP_ANI]);
        expect(learners[0]!.employee).toBeUndefined();
        expect(learners[1]!.employee).toMatchObject({ nip: NIP_ANI, name: 'Ani Lestari' });
      });
    });

    describe('forms and what closing them records', () => {
      it('stores an open form, lists it open and counts its items exposure', async () => {
        await store.insertForm(form('form-1'));
        await store.insertForm(form('form-2', { nip: NIP_BUDI, itemIds: ['item-2', 'item-3'] }));
        expect(await store.getForm('form-1')).toEqual(form('form-1'));
        expect((await store.listOpenForms(COURSE_ID, NIP_ANI)).map((open) => open.id)).toEqual(['form-1']);
        expect(await store.itemsSeenByLearner(COURSE_ID, NIP_ANI, 'placement')).toEqual(new Set(['item-1', 'item-2']));
        expect(await store.itemsSeenByLearner(COURSE_ID, NIP_ANI, 'final')).toEqual(new Set());
        expect(await store.itemExposure(COURSE_ID)).toEqual(new Map([['item-1', 1], ['item-2', 2], ['item-3', 1]]));
      });

      it('refuses a second form for the same attempt and counts no exposure for it', async () => {
        await store.insertForm(form('form-1'));
        await expect(store.insertForm(form('form-1b'))).rejects.toBeInstanceOf(DuplicateFormAttemptError);
        expect(await store.getForm('form-1b')).toBeUndefined();
        expect(await store.itemExposure(COURSE_ID)).toEqual(new Map([['item-1', 1], ['item-2', 1]]));
      });

      it('closes a form with its attempt, statements and certificate together, and refuses to close it twice', async () => {
        await store.insertForm(form('form-1'));
        const result = await store.closeForm(
          closing('form-1', {
            statements: [statement({ id: 'a0000000-0000-4000-8000-000000000001', stored: '2026-12-02T01:10:00.000Z' })],
            certificate: {
              courseId: COURSE_ID,
              nip: NIP_ANI,
              basis: 'placement',
              issuedAt: '2026-12-02T01:10:00.000Z',
              year: 2026,
              numberFor: (sequence) => `CERT/${sequence}`,
            },
          }),
        );
        expect(result.certificate).toEqual({
          number: 'CERT/1',
          courseId: COURSE_ID,
          nip: NIP_ANI,
          basis: 'placement',
          issuedAt: '2026-12-02T01:10:00.000Z',
        });
        expect(await store.getCertificate(COURSE_ID, NIP_ANI)).toEqual(result.certificate);
        expect(await store.getForm('form-1')).toMatchObject({
          status: 'submitted',
          answers: { 'item-1': ['b'] },
          closedAt: '2026-12-02T01:10:00.000Z',
        });
        expect(await store.listOpenForms(COURSE_ID, NIP_ANI)).toEqual([]);
        expect(await store.getStatements(['a0000000-0000-4000-8000-000000000001'])).toHaveLength(1);

        await expect(store.closeForm(closing('form-1', { status: 'expired' }))).rejects.toBeInstanceOf(FormNotOpenError);
        expect(await store.listAttempts(COURSE_ID, NIP_ANI)).toHaveLength(1);
      });

      it('numbers certificates per course and year and keeps a learner’s first certificate', async () => {
        const request = (nip: string) => ({
          courseId: COURSE_ID,
          nip,
          basis: 'final' as const,
          issuedAt: '2026-12-02T02:00:00.000Z',
          year: 2026,
          numberFor: (sequence: number) => `CERT/${nip}/${sequence}`,
        });
        await store.insertForm(form('form-ani'));
        await store.insertForm(form('form-budi', { nip: NIP_BUDI }));
        await store.insertForm(form('form-ani-2', { testId: 'final' }));
        await store.closeForm(closing('form-ani', { certificate: request(NIP_ANI) }));
        const budi = await store.closeForm(
          closing('form-budi', { attempt: { ...closing('form-budi').attempt, nip: NIP_BUDI }, certificate: request(NIP_BUDI) }),
        );
        const again = await store.closeForm(
          closing('form-ani-2', { attempt: { ...closing('form-ani-2').attempt, testId: 'final', kind: 'final' }, certificate: request(NIP_ANI) }),
        );
        expect(budi.certificate?.number).toBe(`CERT/${NIP_BUDI}/2`);
        expect(again.certificate?.number).toBe(`CERT/${NIP_ANI}/1`);
      });

      it('lists attempts in the order they were scored', async () => {
        const scored = [
          { id: 'f-1', nip: NIP_ANI, testId: 'placement', at: '2026-12-02T03:00:00.000Z' },
          { id: 'f-2', nip: NIP_BUDI, testId: 'placement', at: '2026-12-02T01:00:00.000Z' },
          { id: 'f-3', nip: NIP_ANI, testId: 'final', at: '2026-12-02T02:00:00.000Z' },
        ];
        for (const { id, nip, testId, at } of scored) {
          await store.insertForm(form(id, { nip, testId }));
          await store.closeForm(closing(id, { attempt: { ...closing(id).attempt, nip, testId, at } }));
        }
        expect((await store.listAttempts(COURSE_ID, NIP_ANI)).map((attempt) => attempt.testId)).toEqual(['placement', 'final']);
        expect((await store.listCourseAttempts(COURSE_ID)).map((attempt) => attempt.nip)).toEqual([NIP_ANI, NIP_BUDI, NIP_ANI]);
      });
    });

    describe('statements', () => {
      const S1 = 'b0000000-0000-4000-8000-000000000001';
      const S2 = 'b0000000-0000-4000-8000-000000000002';
      const S3 = 'b0000000-0000-4000-8000-000000000003';
      const S4 = 'b0000000-0000-4000-8000-000000000004';
      const S5 = 'b0000000-0000-4000-8000-000000000005';

      async function seed(): Promise<void> {
        await store.insertStatements(
          [
            statement({ id: S1, stored: '2026-12-02T01:00:00.000Z', registration: REGISTRATION }),
            statement({ id: S2, stored: '2026-12-02T02:00:00.000Z', actor: 'budi', verb: ANSWERED, object: { objectType: 'Activity', id: QUIZ } }),
            statement({
              id: S3,
              stored: '2026-12-02T03:00:00.000Z',
              actor: 'budi',
              object: { objectType: 'Agent', mbox: 'mailto:ani@example.org' },
              context: { contextActivities: { parent: [{ id: MODULE }] } },
            }),
          ],
          [],
        );
        await store.insertStatements(
          [
            statement({ id: S4, stored: '2026-12-02T03:00:00.000Z', actor: 'budi', verb: ANSWERED, object: { objectType: 'Activity', id: QUIZ } }),
            statement({ id: S5, stored: '2026-12-02T04:00:00.000Z', actor: 'budi', object: { objectType: 'StatementRef', id: S1 } }),
          ],
          [],
        );
      }

      it('reads statements by id in the order asked, skipping unknown ids', async () => {
        await seed();
        const found = await store.getStatements([S3, 'c0000000-0000-4000-8000-000000000000', S1]);
        expect(found.map((record) => record.id)).toEqual([S3, S1]);
        expect(found[1]).toMatchObject({ verbId: EXPERIENCED, actorKey: ANI, activityId: MODULE, registration: REGISTRATION, voided: false });
        expect(found[1]!.statement).toEqual(statement({ id: S1, stored: '2026-12-02T01:00:00.000Z', registration: REGISTRATION }).statement);
      });

      it('stores a batch all or nothing and names the id already stored', async () => {
        await seed();
        const fresh = 'd0000000-0000-4000-8000-000000000001';
        const batch = [statement({ id: fresh, stored: '2026-12-02T05:00:00.000Z' }), statement({ id: S2, stored: '2026-12-02T05:00:00.000Z' })];
        const refused = store.insertStatements(batch, []);
        await expect(refused).rejects.toBeInstanceOf(DuplicateStatementIdError);
        await expect(refused).rejects.toMatchObject({ statementId: S2 });
        expect(await store.getStatements([fresh])).toEqual([]);
      });

      it('filters by agent as actor or object, or anywhere when related agents are asked', async () => {
        await seed();
        expect(await ids(store, { agentKey: ANI })).toEqual([S5, S3, S1]);
        expect(await ids(store, { agentKey: BUDI })).toEqual([S5, S4, S3, S2]);
        expect(await ids(store, { agentKey: 'mbox:mailto:lrs@example.org' })).toEqual([]);
        expect(await ids(store, { agentKey: 'mbox:mailto:lrs@example.org', relatedAgents: true })).toEqual([S5, S4, S3, S2, S1]);
        expect(await ids(store, { actorKey: ANI })).toEqual([S1]);
        expect(await ids(store, { authorityKey: 'mbox:mailto:lrs@example.org' })).toHaveLength(5);
      });

      it('filters by verb, activity and registration, through statement references too', async () => {
        await seed();
        expect(await ids(store, { verbId: ANSWERED })).toEqual([S4, S2]);
        expect(await ids(store, { activityId: QUIZ })).toEqual([S4, S2]);
        expect(await ids(store, { activityId: MODULE })).toEqual([S5, S1]);
        expect(await ids(store, { activityId: MODULE, relatedActivities: true })).toEqual([S5, S3, S1]);
        expect(await ids(store, { registration: REGISTRATION })).toEqual([S5, S1]);
        expect(await ids(store, { verbId: VOIDED })).toEqual([]);
      });

      it('bounds by stored time, orders both ways and pages after a statement', async () => {
        await seed();
        expect(await ids(store, { since: '2026-12-02T02:00:00.000Z', until: '2026-12-02T03:00:00.000Z' })).toEqual([S4, S3]);
        expect(await ids(store, { ascending: true })).toEqual([S1, S2, S3, S4, S5]);
        const firstPage = await store.queryStatements({ ...QUERY, limit: 2 });
        expect(firstPage.map((record) => record.id)).toEqual([S5, S4]);
        const last = firstPage[1]!;
        expect(last.position).toEqual(expect.any(Number));
        const after = { stored: last.stored, position: last.position! };
        expect(await ids(store, { limit: 2, after })).toEqual([S3, S2]);
        const ascendingPage = await store.queryStatements({ ...QUERY, ascending: true, limit: 3 });
        const ascendingLast = ascendingPage[2]!;
        const ascendingAfter = { stored: ascendingLast.stored, position: ascendingLast.position! };
        expect(await ids(store, { ascending: true, after: ascendingAfter })).toEqual([S4, S5]);
      });

      it('marks voided statements, leaving them out of queries but readable by id', async () => {
        await seed();
        const voiding = statement({
          id: 'e0000000-0000-4000-8000-000000000001',
          stored: '2026-12-02T06:00:00.000Z',
          verb: VOIDED,
          object: { objectType: 'StatementRef', id: S2 },
        });
        await store.insertStatements([voiding], [S2]);
        // The voiding statement refers to S2, so it meets S2's verb filter.
        expect(await ids(store, { verbId: ANSWERED })).toEqual([voiding.id, S4]);
        expect((await store.getStatements([S2]))[0]?.voided).toBe(true);
        expect(await ids(store, { verbId: VOIDED })).toEqual([voiding.id]);
      });

      it('keeps attachment data once per hash and returns only the hashes it has', async () => {
        const content = Buffer.from('certificate scan');
        const sha2 = createHash('sha256').update(content).digest('hex');
        const attachment = { sha2, contentType: 'text/plain', content };
        await store.insertStatements([statement({ id: S1, stored: '2026-12-02T01:00:00.000Z' })], [], [attachment]);
        await store.insertStatements([statement({ id: S2, stored: '2026-12-02T02:00:00.000Z' })], [], [attachment]);
        const found = await store.getAttachments([sha2, 'f'.repeat(64)]);
        expect(found).toHaveLength(1);
        expect(found[0]!.contentType).toBe('text/plain');
        expect(Buffer.compare(found[0]!.content, content)).toBe(0);
      });

      it('merges activity definitions from statements unless definitions are not taken up', async () => {
        const defining = (id: string, stored: string, definition: Record<string, unknown>) =>
          statement({ id, stored, object: { objectType: 'Activity', id: QUIZ, definition } });
        await store.insertStatements([defining(S1, '2026-12-02T01:00:00.000Z', { name: { 'id-ID': 'Kuis' } })], []);
        await store.insertStatements([defining(S2, '2026-12-02T02:00:00.000Z', { name: { 'en-US': 'Quiz' } })], []);
        await store.insertStatements([defining(S3, '2026-12-02T03:00:00.000Z', { name: { 'en-US': 'Ignored' } })], [], [], { define: false });
        expect(await store.getActivityDefinition(QUIZ)).toEqual({ name: { 'id-ID': 'Kuis', 'en-US': 'Quiz' } });
        expect(await store.getActivityDefinition(MODULE)).toBeUndefined();
      });

      it('folds a definition given again after another changed it, and one whose batch was refused', async () => {
        const defining = (id: string, stored: string, definition: Record<string, unknown>) =>
          statement({ id, stored, object: { objectType: 'Activity', id: QUIZ, definition } });
        const kuis = { name: { 'id-ID': 'Kuis' } };
        await store.insertStatements([defining(S1, '2026-12-02T01:00:00.000Z', kuis)], []);
        await store.insertStatements([defining(S2, '2026-12-02T02:00:00.000Z', { name: { 'id-ID': 'Ujian' } })], []);
        await store.insertStatements([defining(S3, '2026-12-02T03:00:00.000Z', kuis)], []);
        expect(await store.getActivityDefinition(QUIZ)).toEqual(kuis);

        // The batch fails on its repeated id after its first statement folded
        // the new name in; nothing of it may stay, and the same definition
        // sent again afterwards is folded in.
        const quiz = { name: { 'id-ID': 'Kuis', 'en-US': 'Quiz' } };
        const refused = store.insertStatements(
          [defining(randomUUID(), '2026-12-02T04:00:00.000Z', quiz), defining(S1, '2026-12-02T04:00:00.000Z', quiz)],
          [],
        );
        await expect(refused).rejects.toBeInstanceOf(DuplicateStatementIdError);
        expect(await store.getActivityDefinition(QUIZ)).toEqual(kuis);
        await store.insertStatements([defining(randomUUID(), '2026-12-02T05:00:00.000Z', quiz)], []);
        expect(await store.getActivityDefinition(QUIZ)).toEqual(quiz);
      });
    });

    describe('documents', () => {
      it('saves a document only over the ETag expected and deletes it only with its current ETag', async () => {
        const first = document();
        expect(await store.saveDocument(first, null)).toBe(true);
        expect(await store.saveDocument(document({ etag: 'other' }), null)).toBe(false);
        const second = document({ content: Buffer.from('{"bookmark":4}'), etag: 'etag-2', updatedAt: '2026-12-02T02:00:00.000Z' });
        expect(await store.saveDocument(second, 'stale')).toBe(false);
        expect(await store.saveDocument(second, first.etag)).toBe(true);
        const stored = await store.getDocument(first);
        expect(stored).toMatchObject({ etag: 'etag-2', contentType: 'application/json', updatedAt: '2026-12-02T02:00:00.000Z' });
        expect(stored!.content.toString()).toBe('{"bookmark":4}');
        expect(await store.deleteDocument(first, first.etag)).toBe(false);
        expect(await store.deleteDocument(first, 'etag-2')).toBe(true);
        expect(await store.getDocument(first)).toBeUndefined();
      });

      it('lists and deletes the documents of a scope, by registration when given', async () => {
        await store.saveDocument(document({ documentId: 'b', updatedAt: '2026-12-02T02:00:00.000Z' }), null);
        await store.saveDocument(document({ documentId: 'a', updatedAt: '2026-12-02T01:00:00.000Z' }), null);
        await store.saveDocument(document({ documentId: 'r', registration: REGISTRATION, updatedAt: '2026-12-02T03:00:00.000Z' }), null);
        await store.saveDocument(document({ documentId: 'x', agentKey: BUDI }), null);
        const scope = { kind: 'state' as const, activityId: MODULE, agentKey: ANI };
        expect((await store.listDocuments(scope)).map((listing) => listing.documentId)).toEqual(['a', 'b', 'r']);
        expect(await store.listDocuments({ ...scope, registration: '' }, '2026-12-02T01:00:00.000Z')).toEqual([
          { documentId: 'b', updatedAt: '2026-12-02T02:00:00.000Z' },
        ]);
        await store.deleteDocuments({ ...scope, registration: REGISTRATION });
        expect((await store.listDocuments(scope)).map((listing) => listing.documentId)).toEqual(['a', 'b']);
        await store.deleteDocuments(scope);
        expect(await store.listDocuments(scope)).toEqual([]);
        expect(await store.listDocuments({ ...scope, agentKey: BUDI })).toHaveLength(1);
      });
    });

    describe('store isolation', () => {
      it('keeps two stores of one root from seeing each other’s records', async () => {
        const id = 'f0000000-0000-4000-8000-000000000001';
        await store.putCourse(buildCourse(), '2026-12-01T00:00:00.000Z');
        await store.upsertEmployees(EMPLOYEES);
        await store.insertForm(form('form-1'));
        const defining = { objectType: 'Activity', id: QUIZ, definition: { name: { en: 'Quiz' } } };
        await store.insertStatements([statement({ id, stored: '2026-12-02T01:00:00.000Z', object: defining })], []);
        await store.saveDocument(document(), null);

        expect(await other.getCourse(COURSE_ID)).toBeUndefined();
        expect(await other.listCourses()).toEqual([]);
        expect(await other.getEmployee(NIP_ANI)).toBeUndefined();
        expect(await other.getForm('form-1')).toBeUndefined();
        expect(await other.itemExposure(COURSE_ID)).toEqual(new Map());
        expect(await other.getStatements([id])).toEqual([]);
        expect(await other.queryStatements(QUERY)).toEqual([]);
        expect(await other.getDocument(document())).toBeUndefined();
        expect(await other.getActivityDefinition(QUIZ)).toBeUndefined();

        // The same natural ids may be used again in the other store.
        await other.insertStatements([statement({ id, stored: '2026-12-02T01:00:00.000Z' })], []);
        await other.insertForm(form('form-2'));
        expect(await ids(other, {})).toEqual([id]);
        expect(await other.saveDocument(document(), null)).toBe(true);
      });
    });
  });
}
