import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { pino } from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SessionView } from '@smart-training/core';
import { auActivityId, courseActivityId, learnerAgent } from '@smart-training/xapi';
import { createCredential, startLrs, type Judgement, type LaunchView } from '../src/index';
import { basic, openSession, publishFixture, startHarness, XAPI, type Harness } from './harness';
import { COURSE_ID, NIP_ANI, NIP_BUDI, REGISTRY } from './fixtures';
import { cmi5Xml, smartAus } from './support/cmi5-course';

const CMI5_CATEGORY = 'https://w3id.org/xapi/cmi5/context/categories/cmi5';
const MOVEON_CATEGORY = 'https://w3id.org/xapi/cmi5/context/categories/moveon';
const SESSION_ID = 'https://w3id.org/xapi/cmi5/context/extensions/sessionid';
const REASON = 'https://w3id.org/xapi/cmi5/result/extensions/reason';
const VERB = {
  launched: 'http://adlnet.gov/expapi/verbs/launched',
  initialized: 'http://adlnet.gov/expapi/verbs/initialized',
  passed: 'http://adlnet.gov/expapi/verbs/passed',
  failed: 'http://adlnet.gov/expapi/verbs/failed',
  completed: 'http://adlnet.gov/expapi/verbs/completed',
  terminated: 'http://adlnet.gov/expapi/verbs/terminated',
  abandoned: 'https://w3id.org/xapi/adl/verbs/abandoned',
  waived: 'https://w3id.org/xapi/adl/verbs/waived',
  satisfied: 'https://w3id.org/xapi/adl/verbs/satisfied',
};

type Json = Record<string, unknown>;
interface LaunchData {
  contextTemplate: { registration: string; contextActivities: { grouping: { id: string }[] }; extensions: Json };
  launchMode: string;
  launchMethod: string;
  moveOn: string;
  masteryScore?: number;
  returnURL?: string;
}
interface StoredStatement {
  id: string;
  verb: { id: string };
  actor: { account: { name: string } };
  object: { id: string; definition?: { type?: string } };
  result?: { success?: boolean; completion?: boolean; extensions?: Json };
  context: { registration: string; contextActivities: { category?: { id: string }[]; grouping?: { id: string }[] }; extensions: Json };
}

const AU_BASE = 'https://lms.example.go.id/etika/';
const XML = cmi5Xml(COURSE_ID, smartAus(AU_BASE));
const au = (testId: string) => auActivityId(COURSE_ID, testId);

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
  const registry = await h.call('PUT', '/smart/v1/registry', { auth: h.admin, body: REGISTRY });
  expect(registry.status).toBe(200);
});
afterEach(async () => {
  await h.close();
});

async function launch(testId: string, nip = NIP_ANI): Promise<LaunchView> {
  const reply = await h.call<LaunchView>('POST', '/host/cmi5/launches', {
    auth: h.admin,
    body: { courseStructure: XML, nip, auId: au(testId), returnUrl: 'https://lms.example.go.id/done' },
  });
  expect(reply.status, JSON.stringify(reply.body)).toBe(201);
  return reply.body;
}

async function fetchToken(view: LaunchView): Promise<string> {
  const reply = await fetch(view.fetchUrl, { method: 'POST' });
  expect(reply.status).toBe(200);
  const body = (await reply.json()) as { 'auth-token': string };
  expect(body['auth-token']).toEqual(expect.any(String));
  return `Basic ${body['auth-token']}`;
}

async function readLaunchData(view: LaunchView, auth: string): Promise<LaunchData> {
  const query = new URLSearchParams({
    activityId: view.activityId,
    agent: JSON.stringify(view.actor),
    registration: view.registration,
    stateId: 'LMS.LaunchData',
  });
  const reply = await h.call<LaunchData>('GET', `/xapi/activities/state?${query}`, { auth, headers: XAPI });
  expect(reply.status).toBe(200);
  return reply.body;
}

/** A statement as an AU writes it: the launch's actor, activity and context template. */
function auStatement(view: LaunchView, data: LaunchData, verb: string, result?: Json): Json {
  const template = data.contextTemplate;
  const judged = result !== undefined && ('success' in result || 'completion' in result);
  return {
    id: randomUUID(),
    actor: view.actor,
    verb: { id: verb, display: { 'en-US': verb.split('/').at(-1) } },
    object: { objectType: 'Activity', id: view.activityId },
    timestamp: new Date().toISOString(),
    ...(result ? { result } : {}),
    context: {
      ...template,
      contextActivities: {
        ...template.contextActivities,
        category: [{ id: CMI5_CATEGORY }, ...(judged ? [{ id: MOVEON_CATEGORY }] : [])],
      },
    },
  };
}

async function post(auth: string, statements: Json | Json[]): Promise<number> {
  const reply = await h.call('POST', '/xapi/statements', { auth, body: statements, headers: XAPI });
  return reply.status;
}

/**
 * Plays an AU session through: initialized, passed (or failed) with a
 * score, completed (once per registration, so not on a retake), terminated.
 */
async function playAu(view: LaunchView, scaled: number, masteryScore: number, complete = true): Promise<void> {
  const auth = await fetchToken(view);
  const data = await readLaunchData(view, auth);
  const passed = scaled >= masteryScore;
  const score = { scaled, raw: Math.round(scaled * 100), min: 0, max: 100 };
  const statements = [
    auStatement(view, data, VERB.initialized),
    auStatement(view, data, passed ? VERB.passed : VERB.failed, { success: passed, score, duration: 'PT5M' }),
    ...(complete ? [auStatement(view, data, VERB.completed, { completion: true, duration: 'PT5M' })] : []),
    auStatement(view, data, VERB.terminated, { duration: 'PT6M' }),
  ];
  for (const statement of statements) expect(await post(auth, statement)).toBe(200);
}

async function evaluate(registration: string, sessionId?: string): Promise<Judgement> {
  const reply = await h.call<Judgement>('POST', `/host/cmi5/registrations/${registration}/evaluate`, {
    auth: h.admin,
    body: sessionId ? { sessionId } : {},
  });
  expect(reply.status, JSON.stringify(reply.body)).toBe(200);
  return reply.body;
}

async function statementsOf(registration: string, verb: string): Promise<StoredStatement[]> {
  const query = new URLSearchParams({ registration, verb, limit: '100' });
  const reply = await h.call<{ statements: StoredStatement[] }>('GET', `/xapi/statements?${query}`, {
    auth: h.admin,
    headers: XAPI,
  });
  expect(reply.status).toBe(200);
  return reply.body.statements;
}

describe('cmi5 launch', () => {
  it('answers a launch URL with the five cmi5 parameters and an LMS activity id', async () => {
    const view = await launch('material:etika');
    const url = new URL(view.launchUrl);
    expect(`${url.origin}${url.pathname}`).toBe(`${AU_BASE}index.html`);
    expect(url.searchParams.get('smart-au')).toBe('material:etika');
    expect(url.searchParams.get('endpoint')).toBe(`${h.lrs.url}/xapi/`);
    expect(url.searchParams.get('fetch')).toBe(view.fetchUrl);
    expect(JSON.parse(url.searchParams.get('actor') ?? '')).toEqual(learnerAgent(NIP_ANI, 'Ani Lestari'));
    expect(url.searchParams.get('registration')).toBe(view.registration);
    expect(url.searchParams.get('activityId')).toBe(view.activityId);
    // cmi5 8.1.5: the launch activity id is the LMS's own, not the publisher's AU id.
    expect(view.activityId).not.toBe(au('material:etika'));
  });

  it('hands the auth token out once; a second fetch gets error 1, a forged one error 2', async () => {
    const view = await launch('material:etika');
    await fetchToken(view);
    const again = await fetch(view.fetchUrl, { method: 'POST' });
    expect(again.status).toBe(200);
    expect(again.headers.get('content-type')).toMatch(/^application\/json/);
    expect(await again.json()).toMatchObject({ 'error-code': '1' });
    const forged = await fetch(view.fetchUrl.replace(/\.[^.]+$/, '.forged'), { method: 'POST' });
    expect(await forged.json()).toMatchObject({ 'error-code': '2' });
  });

  it('writes LMS.LaunchData that the token reads, and records launched before the AU starts', async () => {
    const view = await launch('material:etika');
    const auth = await fetchToken(view);
    const data = await readLaunchData(view, auth);
    expect(data).toMatchObject({
      launchMode: 'Normal',
      launchMethod: 'AnyWindow',
      moveOn: 'Passed',
      masteryScore: 0.7,
      returnURL: `${h.lrs.url}/host/cmi5/return/default/${view.registration}/${view.sessionId}`,
    });
    expect(data.contextTemplate.registration).toBe(view.registration);
    expect(data.contextTemplate.extensions[SESSION_ID]).toBe(view.sessionId);
    expect(data.contextTemplate.contextActivities.grouping).toEqual([
      { objectType: 'Activity', id: au('material:etika') },
    ]);

    const [launched, ...more] = await statementsOf(view.registration, VERB.launched);
    expect(more).toEqual([]);
    expect(launched?.object.id).toBe(view.activityId);
    expect(launched?.context.contextActivities.category).toEqual([{ objectType: 'Activity', id: CMI5_CATEGORY }]);
    expect(launched?.context.extensions).toMatchObject({
      [SESSION_ID]: view.sessionId,
      'https://w3id.org/xapi/cmi5/context/extensions/launchmode': 'Normal',
      'https://w3id.org/xapi/cmi5/context/extensions/moveon': 'Passed',
      'https://w3id.org/xapi/cmi5/context/extensions/masteryscore': 0.7,
      'https://w3id.org/xapi/cmi5/context/extensions/launchurl': `${AU_BASE}index.html?smart-au=material%3Aetika`,
    });
  });

  it('keeps one registration per learner and course, shared with the SMART session of a published course', async () => {
    await publishFixture(h);
    const first = await launch('material:etika');
    const second = await launch('final');
    const other = await launch('final', NIP_BUDI);
    expect(second.registration).toBe(first.registration);
    expect(other.registration).not.toBe(first.registration);
    const { session }: { session: SessionView } = await openSession(h, NIP_ANI);
    expect(session.registration).toBe(first.registration);
  });

  it('refuses a launch of an AU the course does not have, and a course structure with a DOCTYPE', async () => {
    const unknown = await h.call('POST', '/host/cmi5/launches', {
      auth: h.admin,
      body: { courseStructure: XML, nip: NIP_ANI, auId: 'https://example.com/nope' },
    });
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe('unknown_au');
    const hostile = await h.call('POST', '/host/cmi5/launches', {
      auth: h.admin,
      body: { courseStructure: `<!DOCTYPE x [<!ENTITY a "b">]>${XML}`, nip: NIP_ANI, auId: au('final') },
    });
    expect(hostile.status).toBe(422);
    expect(hostile.body.error.code).toBe('invalid_course_structure');
  });

  it('needs an admin credential to launch', async () => {
    const { key, secret } = await createCredential(h.lrs.store, { kind: 'launch', courseId: COURSE_ID, label: 'pkg' });
    const reply = await h.call('POST', '/host/cmi5/launches', {
      auth: basic(key, secret),
      body: { courseStructure: XML, nip: NIP_ANI, auId: au('final') },
    });
    expect(reply.status).toBe(403);
  });
});

describe("an AU's auth token", () => {
  it('refuses a statement about another learner', async () => {
    const view = await launch('material:etika');
    const auth = await fetchToken(view);
    const data = await readLaunchData(view, auth);
    const other = { ...auStatement(view, data, VERB.initialized), actor: learnerAgent(NIP_BUDI) };
    expect(await post(auth, other)).toBe(403);
  });

  it('refuses the LMS verbs, another registration, and changes to LMS.LaunchData', async () => {
    const view = await launch('material:etika');
    const auth = await fetchToken(view);
    const data = await readLaunchData(view, auth);
    expect(await post(auth, auStatement(view, data, VERB.satisfied))).toBe(403);
    const elsewhere = auStatement(view, data, VERB.initialized);
    (elsewhere.context as Json).registration = randomUUID();
    expect(await post(auth, elsewhere)).toBe(403);
    const query = new URLSearchParams({
      activityId: view.activityId,
      agent: JSON.stringify(view.actor),
      registration: view.registration,
      stateId: 'LMS.LaunchData',
    });
    const overwrite = await h.call('PUT', `/xapi/activities/state?${query}`, { auth, body: {}, headers: XAPI });
    expect(overwrite.status).toBe(403);
  });

  it('takes failures then one pass across sessions, and refuses a failure or a pass after it', async () => {
    const first = await launch('material:etika');
    await playAu(first, 0.5, 0.7);
    await playAu(await launch('material:etika'), 0.6, 0.7, false);
    const remedial = await launch('material:etika');
    await playAu(remedial, 0.8, 0.7, false);

    const after = await launch('material:etika');
    const auth = await fetchToken(after);
    const data = await readLaunchData(after, auth);
    const score = { scaled: 0.9, raw: 90, min: 0, max: 100 };
    expect(await post(auth, auStatement(after, data, VERB.failed, { success: false, score }))).toBe(403);
    expect(await post(auth, auStatement(after, data, VERB.passed, { success: true, score }))).toBe(403);
    expect(await post(auth, auStatement(after, data, VERB.completed, { completion: true }))).toBe(403);
    // Statements without the cmi5 category are "cmi5 allowed" and outside these rules (cmi5 7.1.3).
    const allowed = auStatement(after, data, VERB.passed, { success: true, score });
    (allowed.context as { contextActivities: Json }).contextActivities = { grouping: data.contextTemplate.contextActivities.grouping };
    expect(await post(auth, allowed)).toBe(200);
  });

  it('takes a repeat of a stored pass as the same statement, not a second pass', async () => {
    const view = await launch('material:etika');
    const auth = await fetchToken(view);
    const data = await readLaunchData(view, auth);
    const pass = auStatement(view, data, VERB.passed, { success: true, score: { scaled: 0.8 } });
    expect(await post(auth, pass)).toBe(200);
    expect(await post(auth, pass)).toBe(200);
    expect(await statementsOf(view.registration, VERB.passed)).toHaveLength(1);
  });

  it('may not call the SMART learner API', async () => {
    const view = await launch('material:etika');
    const auth = await fetchToken(view);
    const reply = await h.call('POST', '/smart/v1/forms', { auth, body: { testId: 'material:etika' } });
    expect(reply.status).toBe(403);
  });

  it('stops working once its terminated session is judged', async () => {
    const view = await launch('material:etika');
    const auth = await fetchToken(view);
    const data = await readLaunchData(view, auth);
    expect(await post(auth, auStatement(view, data, VERB.initialized))).toBe(200);
    expect(await post(auth, auStatement(view, data, VERB.terminated, { duration: 'PT1M' }))).toBe(200);
    await evaluate(view.registration, view.sessionId);
    expect(await post(auth, auStatement(view, data, VERB.initialized))).toBe(401);
  });
});

describe('judging a registration', () => {
  it('satisfies the course once, when every AU met its moveOn', async () => {
    const material = await launch('material:etika');
    await playAu(material, 0.8, 0.7);
    const partial = await evaluate(material.registration, material.sessionId);
    expect(partial.satisfied).toBe(false);
    expect(partial.aus.find((entry) => entry.auId === au('material:etika'))?.satisfied).toBe(true);
    expect(partial.aus.find((entry) => entry.auId === au('placement'))?.satisfied).toBe(true);
    expect(partial.issued).toEqual([]);

    await playAu(await launch('material:integritas'), 0.9, 0.7);
    const final = await launch('final');
    await playAu(final, 0.75, 0.7);
    const judged = await evaluate(final.registration, final.sessionId);
    expect(judged.satisfied).toBe(true);
    expect(judged.issued.map((entry) => entry.verb)).toEqual([VERB.satisfied]);
    const again = await evaluate(final.registration, final.sessionId);
    expect(again.issued).toEqual([]);

    const satisfied = await statementsOf(final.registration, VERB.satisfied);
    expect(satisfied).toHaveLength(1);
    expect(satisfied[0]?.object.definition?.type).toBe('https://w3id.org/xapi/cmi5/activitytype/course');
    expect(satisfied[0]?.object.id).not.toBe(courseActivityId(COURSE_ID));
    expect(satisfied[0]?.context.contextActivities.grouping).toEqual([
      { objectType: 'Activity', id: courseActivityId(COURSE_ID) },
    ]);
    expect(satisfied[0]?.context.extensions[SESSION_ID]).toBe(final.sessionId);
    expect(await statementsOf(final.registration, VERB.waived)).toEqual([]);
  });

  it('does not count a failed attempt, nor a pass below the mastery score', async () => {
    const material = await launch('material:etika');
    await playAu(material, 0.5, 0.7);
    const judged = await evaluate(material.registration);
    expect(judged.aus.find((entry) => entry.auId === au('material:etika'))).toMatchObject({
      passed: false,
      satisfied: false,
    });

    const retake = await launch('material:etika');
    const auth = await fetchToken(retake);
    const data = await readLaunchData(retake, auth);
    const low = { scaled: 0.6, raw: 60, min: 0, max: 100 };
    expect(await post(auth, auStatement(retake, data, VERB.passed, { success: true, score: low }))).toBe(200);
    const stillNot = await evaluate(retake.registration);
    expect(stillNot.aus.find((entry) => entry.auId === au('material:etika'))?.passed).toBe(false);
  });

  it('waives every material AU and the final as Tested Out after a placement pass, and satisfies the course', async () => {
    const placement = await launch('placement');
    await playAu(placement, 0.9, 0.85);
    const judged = await evaluate(placement.registration, placement.sessionId);
    expect(judged.satisfied).toBe(true);

    const waived = await statementsOf(placement.registration, VERB.waived);
    const launchIds = new Map(judged.aus.map((entry) => [entry.activityId, entry.auId]));
    expect(waived.map((statement) => launchIds.get(statement.object.id)).sort()).toEqual(
      [au('final'), au('material:etika'), au('material:integritas')].sort(),
    );
    for (const statement of waived) {
      expect(statement.result).toMatchObject({ success: true, completion: true, extensions: { [REASON]: 'Tested Out' } });
      expect(statement.context.contextActivities.category).toEqual([{ objectType: 'Activity', id: CMI5_CATEGORY }]);
      expect(statement.context.extensions[SESSION_ID]).not.toBe(placement.sessionId);
    }
    expect(new Set(waived.map((statement) => statement.context.extensions[SESSION_ID])).size).toBe(3);
    expect(await statementsOf(placement.registration, VERB.satisfied)).toHaveLength(1);

    const again = await evaluate(placement.registration, placement.sessionId);
    expect(again.issued).toEqual([]);
    expect(await statementsOf(placement.registration, VERB.waived)).toHaveLength(3);
  });

  it('does not waive anything after a failed placement test', async () => {
    const placement = await launch('placement');
    await playAu(placement, 0.6, 0.85);
    const judged = await evaluate(placement.registration, placement.sessionId);
    expect(judged.satisfied).toBe(false);
    expect(await statementsOf(placement.registration, VERB.waived)).toEqual([]);
  });

  it('abandons a session that never terminated when the registration launches again, and stops its token', async () => {
    const first = await launch('material:etika');
    const auth = await fetchToken(first);
    const data = await readLaunchData(first, auth);
    expect(await post(auth, auStatement(first, data, VERB.initialized))).toBe(200);
    await launch('material:etika');
    const abandoned = await statementsOf(first.registration, VERB.abandoned);
    expect(abandoned).toHaveLength(1);
    expect(abandoned[0]?.context.extensions[SESSION_ID]).toBe(first.sessionId);
    expect(await post(auth, auStatement(first, data, VERB.terminated, { duration: 'PT1M' }))).toBe(401);
  });

  it("judges the session when the AU returns to LMS.LaunchData's returnURL, then sends the learner on", async () => {
    const placement = await launch('placement');
    await playAu(placement, 0.9, 0.85);
    // No credential: the AU's page navigates there.
    const returnUrl = `${h.lrs.url}/host/cmi5/return/default/${placement.registration}/${placement.sessionId}`;
    const reply = await fetch(returnUrl, { redirect: 'manual' });
    expect(reply.status).toBe(303);
    expect(reply.headers.get('location')).toBe('https://lms.example.go.id/done');
    expect(await statementsOf(placement.registration, VERB.waived)).toHaveLength(3);
    expect(await statementsOf(placement.registration, VERB.satisfied)).toHaveLength(1);

    const bare = await h.call<LaunchView>('POST', '/host/cmi5/launches', {
      auth: h.admin,
      body: { courseStructure: XML, nip: NIP_BUDI, auId: au('final') },
    });
    const page = await fetch(`${h.lrs.url}/host/cmi5/return/default/${bare.body.registration}/${bare.body.sessionId}`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('Sesi selesai');
    const forged = await fetch(`${h.lrs.url}/host/cmi5/return/default/${placement.registration}/${randomUUID()}`);
    expect(forged.status).toBe(404);
  });

  it('answers 404 for a registration it never made', async () => {
    const reply = await h.call('POST', `/host/cmi5/registrations/${randomUUID()}/evaluate`, { auth: h.admin, body: {} });
    expect(reply.status).toBe(404);
    expect(reply.body.error.code).toBe('unknown_registration');
  });
});

describe('a hosted cmi5 package', () => {
  it('launches its AU from the package folder, with the URL resolved under /host/packages', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'smart-cmi5-'));
    const packagesDir = path.join(dir, 'packages');
    fs.mkdirSync(path.join(packagesDir, 'etika-cmi5'), { recursive: true });
    // Relative AU URLs, as in a zip (cmi5 14.1).
    fs.writeFileSync(path.join(packagesDir, 'etika-cmi5', 'cmi5.xml'), cmi5Xml(COURSE_ID, smartAus('')));
    const lrs = await startLrs({
      port: 0,
      host: '127.0.0.1',
      dbFile: path.join(dir, 'lrs.sqlite'),
      logger: pino({ level: 'silent' }),
      packagesDir,
    });
    try {
      const admin = await createCredential(lrs.store, { kind: 'admin', label: 'admin' });
      await lrs.store.upsertEmployees(REGISTRY.employees.map((employee) => ({ position: null, ...employee })));
      const call = (pkg: string) =>
        fetch(`${lrs.url}/host/cmi5/launches`, {
          method: 'POST',
          headers: { Authorization: basic(admin.key, admin.secret), 'Content-Type': 'application/json' },
          body: JSON.stringify({ package: pkg, nip: NIP_ANI, auId: au('material:etika') }),
        });
      const reply = await call('etika-cmi5');
      expect(reply.status).toBe(201);
      const view = (await reply.json()) as LaunchView;
      expect(view.launchUrl.startsWith(`${lrs.url}/host/packages/etika-cmi5/index.html?smart-au=material%3Aetika&endpoint=`)).toBe(true);
      expect((await call('../etc')).status).toBe(404);
      expect((await call('missing')).status).toBe(404);
    } finally {
      await lrs.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
