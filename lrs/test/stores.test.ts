import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { pino } from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Course, FormView, LearnerRow, OfferingSummary, ResultView, SessionView } from '@smart-training/core';
import { learnerAgent } from '@smart-training/xapi';
import { startLrs } from '../src/index';
import { migrate } from '../src/store/schema';
import { buildCourse, COURSE_ID, correctAnswers, NIP_ANI, NIP_BUDI, REGISTRY } from './fixtures';
import { basic, startHarness, XAPI, type Harness } from './harness';
import { tenant, type Tenant } from './support/tenants';

let h: Harness;
let a: Tenant;
let b: Tenant;
beforeEach(async () => {
  h = await startHarness();
  a = await tenant(h, 'bkpsdm-bandung');
  b = await tenant(h, 'bkd-jabar');
});
afterEach(async () => {
  await h.close();
});

interface StoredStatement {
  id: string;
  object: { id: string };
}

const ANI = REGISTRY.employees[0]!;
const BUDI = REGISTRY.employees[1]!;

function experienced(activityId: string, extra: Record<string, unknown> = {}) {
  return {
    actor: { objectType: 'Agent', mbox: 'mailto:ani@example.org' },
    verb: { id: 'http://adlnet.gov/expapi/verbs/experienced' },
    object: { objectType: 'Activity', id: activityId },
    ...extra,
  };
}

async function publish(t: Tenant, course: Course, employees: (typeof REGISTRY)['employees']): Promise<void> {
  const published = await h.call('PUT', `/smart/v1/courses/${course.id}`, { auth: t.admin, body: course });
  expect(published.status, JSON.stringify(published.body)).toBe(200);
  const registry = await h.call('PUT', '/smart/v1/registry', { auth: t.admin, body: { employees } });
  expect(registry.status, JSON.stringify(registry.body)).toBe(200);
}

async function session(t: Tenant, nip: string): Promise<string> {
  const launch = await t.credential({ kind: 'launch', courseId: COURSE_ID, label: 'package' });
  const reply = await h.call<SessionView>('POST', '/smart/v1/sessions', { auth: launch, body: { courseId: COURSE_ID, nip } });
  expect(reply.status, JSON.stringify(reply.body)).toBe(201);
  return basic(reply.body.key, reply.body.secret);
}

async function passPlacement(auth: string, course: Course): Promise<ResultView> {
  const form = await h.call<FormView>('POST', '/smart/v1/forms', { auth, body: { testId: 'placement' } });
  expect(form.status).toBe(201);
  const answers = correctAnswers(course, form.body.items);
  const result = await h.call<ResultView>('POST', `/smart/v1/forms/${form.body.formId}/answers`, { auth, body: { answers } });
  expect(result.status).toBe(200);
  return result.body;
}

describe('two stores on one LRS', () => {
  it('keeps the same statement id in two stores as two statements, each read, listed and voided in its own store only', async () => {
    const id = randomUUID();
    const inA = await h.call('PUT', `/xapi/statements?statementId=${id}`, {
      auth: a.admin,
      headers: XAPI,
      body: experienced('https://example.org/bandung/module-1'),
    });
    const inB = await h.call('PUT', `/xapi/statements?statementId=${id}`, {
      auth: b.admin,
      headers: XAPI,
      body: experienced('https://example.org/jabar/module-1'),
    });
    expect([inA.status, inB.status]).toEqual([204, 204]);

    const read = async (auth: string) =>
      (await h.call<StoredStatement>('GET', `/xapi/statements?statementId=${id}`, { auth, headers: XAPI })).body.object.id;
    expect(await read(a.admin)).toBe('https://example.org/bandung/module-1');
    expect(await read(b.admin)).toBe('https://example.org/jabar/module-1');
    const list = async (auth: string) =>
      (await h.call<{ statements: StoredStatement[] }>('GET', '/xapi/statements', { auth, headers: XAPI })).body.statements;
    expect((await list(a.admin)).map((statement) => statement.object.id)).toEqual(['https://example.org/bandung/module-1']);
    expect(await list(h.admin)).toEqual([]);

    const voiding = await h.call('POST', '/xapi/statements', {
      auth: a.admin,
      headers: XAPI,
      body: experienced('', { verb: { id: 'http://adlnet.gov/expapi/verbs/voided' }, object: { objectType: 'StatementRef', id } }),
    });
    expect(voiding.status).toBe(200);
    expect((await h.call('GET', `/xapi/statements?statementId=${id}`, { auth: a.admin, headers: XAPI })).status).toBe(404);
    expect(await read(b.admin)).toBe('https://example.org/jabar/module-1');
    expect(await list(b.admin)).toHaveLength(1);
  });

  it('keeps the same course id in two stores apart: versions, registry, sessions, learners and certificate numbers', async () => {
    const bandung = buildCourse();
    const jabar = buildCourse({ version: '2.0.0', jp: 30 });
    await publish(a, bandung, [ANI]);
    await publish(b, jabar, [BUDI]);

    const courses = async (t: Tenant) => (await h.call<{ version: string; jp: number }[]>('GET', '/smart/v1/courses', { auth: t.admin })).body;
    expect(await courses(a)).toMatchObject([{ version: '1.0.0', jp: 20 }]);
    expect(await courses(b)).toMatchObject([{ version: '2.0.0', jp: 30 }]);

    const launchA = await a.credential({ kind: 'launch', courseId: COURSE_ID, label: 'package' });
    const budiInA = await h.call('POST', '/smart/v1/sessions', { auth: launchA, body: { courseId: COURSE_ID, nip: NIP_BUDI } });
    expect(budiInA.status).toBe(404);
    expect(budiInA.body.error.code).toBe('unknown_nip');

    const aniResult = await passPlacement(await session(a, NIP_ANI), bandung);
    const budiResult = await passPlacement(await session(b, NIP_BUDI), jabar);
    // Each institution numbers its own certificates.
    expect(aniResult.status.certificate?.number).toBe('STTPL/ETIKA-2026/2026/000001');
    expect(budiResult.status.certificate?.number).toBe('STTPL/ETIKA-2026/2026/000001');
    expect(aniResult.status.jpCredited).toBe(20);
    expect(budiResult.status.jpCredited).toBe(30);

    const learners = async (t: Tenant) =>
      (await h.call<LearnerRow[]>('GET', `/smart/v1/offerings/${COURSE_ID}/learners`, { auth: t.admin })).body.map((row) => row.nip);
    expect(await learners(a)).toEqual([NIP_ANI]);
    expect(await learners(b)).toEqual([NIP_BUDI]);
    const summary = await h.call<OfferingSummary>('GET', `/smart/v1/offerings/${COURSE_ID}/summary`, { auth: a.admin });
    expect(summary.body).toMatchObject({ enrolled: 1, waivedByPlacement: 1 });
    const budiFromA = await h.call('GET', `/smart/v1/learners/${NIP_BUDI}/status?courseId=${COURSE_ID}`, { auth: a.admin });
    expect(budiFromA.status).toBe(404);

    const engineStatements = async (t: Tenant) =>
      (await h.call<{ statements: StoredStatement[] }>('GET', '/xapi/statements?limit=0', { auth: t.admin, headers: XAPI })).body
        .statements;
    const inA = await engineStatements(a);
    const inB = await engineStatements(b);
    expect(inA.length).toBeGreaterThan(0);
    expect(inA.map((statement) => statement.id).filter((id) => inB.some((other) => other.id === id))).toEqual([]);
  });

  it("answers a credential of one store 404 or an empty list for every kind of another store's data, and lets it change none", async () => {
    const course = buildCourse();
    await publish(b, course, [ANI, BUDI]);
    const statementId = randomUUID();
    const activity = 'https://example.org/jabar/defined';
    await h.call('PUT', `/xapi/statements?statementId=${statementId}`, {
      auth: b.admin,
      headers: XAPI,
      body: experienced(activity, {
        object: { objectType: 'Activity', id: activity, definition: { name: { en: 'Jabar module' } } },
      }),
    });
    const agent = JSON.stringify({ objectType: 'Agent', mbox: 'mailto:ani@example.org' });
    const state = `activityId=${encodeURIComponent(activity)}&agent=${encodeURIComponent(agent)}`;
    const documents = [
      `/xapi/activities/state?${state}&stateId=resume`,
      `/xapi/activities/profile?activityId=${encodeURIComponent(activity)}&profileId=settings`,
      `/xapi/agents/profile?agent=${encodeURIComponent(agent)}&profileId=preferences`,
    ];
    for (const url of documents) {
      const put = await h.call('PUT', url, { auth: b.admin, headers: { ...XAPI, 'If-None-Match': '*' }, body: { page: 3 } });
      expect(put.status, url).toBe(204);
    }
    const budi = await session(b, NIP_BUDI);
    const bForm = await h.call<FormView>('POST', '/smart/v1/forms', { auth: budi, body: { testId: 'placement' } });
    expect(bForm.status).toBe(201);

    const fromA = (method: string, url: string, body?: unknown) =>
      h.call(method, url, { auth: a.admin, headers: XAPI, ...(body === undefined ? {} : { body }) });
    expect((await fromA('GET', `/xapi/statements?statementId=${statementId}`)).status).toBe(404);
    expect((await fromA('GET', `/xapi/statements?activity=${encodeURIComponent(activity)}`)).body).toMatchObject({ statements: [] });
    expect((await fromA('GET', `/xapi/activities?activityId=${encodeURIComponent(activity)}`)).body).toEqual({
      objectType: 'Activity',
      id: activity,
    });
    for (const url of documents) expect((await fromA('GET', url)).status, url).toBe(404);
    expect((await fromA('GET', `/xapi/activities/state?${state}`)).body).toEqual([]);
    expect((await fromA('GET', '/smart/v1/courses')).body).toEqual([]);
    expect((await fromA('GET', `/smart/v1/courses/${COURSE_ID}`)).status).toBe(404);
    expect((await fromA('GET', `/smart/v1/offerings/${COURSE_ID}/summary`)).status).toBe(404);
    expect((await fromA('GET', `/smart/v1/learners/${NIP_BUDI}/status?courseId=${COURSE_ID}`)).status).toBe(404);
    expect((await fromA('POST', '/smart/v1/sessions', { courseId: COURSE_ID, nip: NIP_BUDI })).status).toBe(404);

    // What A writes under B's ids lands in A's store and leaves B's data as it was.
    expect((await fromA('DELETE', `/xapi/activities/state?${state}`)).status).toBe(204);
    expect((await fromA('PUT', `/xapi/statements?statementId=${statementId}`, experienced('https://example.org/bandung/x'))).status).toBe(204);
    await publish(a, course, [ANI]);
    const aniInA = await session(a, NIP_ANI);
    const answers = correctAnswers(course, bForm.body.items);
    const foreignForm = await h.call('POST', `/smart/v1/forms/${bForm.body.formId}/answers`, { auth: aniInA, body: { answers } });
    expect(foreignForm.status).toBe(404);
    expect(foreignForm.body.error.code).toBe('unknown_form');

    for (const url of documents) expect((await h.call('GET', url, { auth: b.admin, headers: XAPI })).status, url).toBe(200);
    const inB = await h.call<StoredStatement>('GET', `/xapi/statements?statementId=${statementId}`, { auth: b.admin, headers: XAPI });
    expect(inB.body.object.id).toBe(activity);
    const definition = await h.call('GET', `/xapi/activities?activityId=${encodeURIComponent(activity)}`, { auth: b.admin, headers: XAPI });
    expect(definition.body).toMatchObject({ definition: { name: { en: 'Jabar module' } } });
    const budiStatus = await h.call('GET', `/smart/v1/learners/${NIP_BUDI}/status?courseId=${COURSE_ID}`, { auth: b.admin });
    expect(budiStatus.status).toBe(200);
    const submitted = await h.call('POST', `/smart/v1/forms/${bForm.body.formId}/answers`, { auth: budi, body: { answers } });
    expect(submitted.status).toBe(200);
  });

  it("finds no statement about a learner in a store that has none, though another store has", async () => {
    const actor = learnerAgent(NIP_ANI);
    const inA = await h.call('POST', '/xapi/statements', { auth: a.admin, headers: XAPI, body: experienced('https://example.org/a', { actor }) });
    expect(inA.status).toBe(200);
    const agent = encodeURIComponent(JSON.stringify(actor));
    const seenByB = await h.call<{ statements: unknown[] }>('GET', `/xapi/statements?agent=${agent}`, { auth: b.admin, headers: XAPI });
    expect(seenByB.body.statements).toEqual([]);
  });
  it('refuses a store id that is not a slug', () => {
    expect(() => h.lrs.root.store('BKD Jabar')).toThrow(/not a store id/);
  });
});

describe('upgrading a database from before stores', () => {
  it('keeps every row in the default store, where the old credentials still work with their kind’s scopes', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'smart-lrs-upgrade-'));
    const dbFile = path.join(dir, 'lrs.sqlite');
    const old = new Database(dbFile);
    migrate(old, 5);
    const secret = 'an-old-secret';
    old
      .prepare(`INSERT INTO credentials (key, secret_hash, kind, course_id, nip, label, created_at) VALUES (?, ?, 'admin', NULL, NULL, 'old admin', ?)`)
      .run('old-admin', createHash('sha256').update(secret).digest('hex'), '2026-01-01T00:00:00.000Z');
    const course = buildCourse();
    old
      .prepare(`INSERT INTO courses (id, version, title_json, jp, item_count, course_json, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)`)
      .run(course.id, course.version, JSON.stringify(course.title), course.jp, course.bank.length, JSON.stringify(course), '2026-01-01T00:00:00.000Z');
    const authority = { objectType: 'Agent', name: 'old admin', account: { homePage: 'https://smart-training.id/lrs', name: 'old-admin' } };
    const statement = { ...experienced('https://example.org/old'), id: randomUUID(), stored: '2026-01-01T00:00:00.000Z', timestamp: '2026-01-01T00:00:00.000Z', authority };
    old
      .prepare(
        `INSERT INTO statements (id, stored, timestamp, verb_id, actor_key, activity_id, related_agents, related_activities, statement_json)
         VALUES (?, ?, ?, ?, 'mbox:mailto:ani@example.org', 'https://example.org/old', '', '', ?)`,
      )
      .run(statement.id, statement.stored, statement.timestamp, statement.verb.id, JSON.stringify(statement));
    old.close();

    const lrs = await startLrs({ port: 0, host: '127.0.0.1', dbFile, logger: pino({ level: 'silent' }) });
    try {
      const auth = basic('old-admin', secret);
      const listed = await fetch(`${lrs.url}/xapi/statements`, { headers: { ...XAPI, Authorization: auth } });
      expect(((await listed.json()) as { statements: { id: string }[] }).statements.map((s) => s.id)).toEqual([statement.id]);
      const courses = await fetch(`${lrs.url}/smart/v1/courses`, { headers: { Authorization: auth } });
      expect(await courses.json()).toMatchObject([{ id: COURSE_ID }]);
      const posted = await fetch(`${lrs.url}/xapi/statements`, {
        method: 'POST',
        headers: { ...XAPI, Authorization: auth, 'Content-Type': 'application/json' },
        body: JSON.stringify(experienced('https://example.org/new')),
      });
      expect(posted.status).toBe(200);
      expect((await lrs.root.findCredential('old-admin'))).toMatchObject({ storeId: 'default', scopes: ['all', 'smart/admin'] });
    } finally {
      await lrs.close();
    }
    const upgraded = new Database(dbFile, { readonly: true });
    const rows = upgraded.prepare('SELECT seq, store_id, authority_key FROM statements ORDER BY seq').all();
    upgraded.close();
    fs.rmSync(dir, { recursive: true, force: true });
    expect(rows).toEqual([
      { seq: 1, store_id: 'default', authority_key: 'account:https://smart-training.id/lrs::old-admin' },
      { seq: 2, store_id: 'default', authority_key: 'account:https://smart-training.id/lrs::old-admin' },
    ]);
  });

});
