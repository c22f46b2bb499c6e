import { execFile } from 'node:child_process';
import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FormView, SessionView } from '@smart-training/core';
import { createCredential, SCOPES, type CredentialOptions, type Scope } from '../src/index';
import { buildCourse, COURSE_ID, NIP_ANI, NIP_BUDI, REGISTRY } from './fixtures';
import { basic, openSession, publishFixture, startHarness, XAPI, type Harness, type Reply } from './harness';
import { snapshot } from './support/tenants';

const run = promisify(execFile);
const BIN = path.resolve(import.meta.dirname, '../bin/smart-lrs.mjs');

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
  await publishFixture(h);
});
afterEach(async () => {
  await h.close();
});

async function credential(options: CredentialOptions): Promise<string> {
  const { key, secret } = await createCredential(h.lrs.store, options);
  return basic(key, secret);
}

/** Runs `smart-lrs` on the test's database and answers what it printed. */
async function cli(...args: string[]): Promise<string> {
  const { stdout } = await run(process.execPath, [BIN, ...args, '--db', h.dbFile]);
  return stdout;
}

const ACTIVITY = 'https://example.org/activity/scoped';
const AGENT = { objectType: 'Agent', mbox: 'mailto:ani@example.org' };
const q = (params: Record<string, unknown>) =>
  new URLSearchParams(
    Object.entries(params).map(([name, value]) => [name, typeof value === 'string' ? value : JSON.stringify(value)]),
  ).toString();
const STATE = q({ activityId: ACTIVITY, agent: AGENT });
const ACTIVITY_PROFILE = q({ activityId: ACTIVITY });
const AGENT_PROFILE = q({ agent: AGENT });

function statement(extra: Record<string, unknown> = {}) {
  return {
    actor: AGENT,
    verb: { id: 'http://adlnet.gov/expapi/verbs/experienced' },
    object: { objectType: 'Activity', id: ACTIVITY },
    ...extra,
  };
}

type Call = (auth: string) => Promise<Reply>;
const xapi = (method: string, url: string, body?: unknown, headers: Record<string, string> = {}): Call => (auth) =>
  h.call(method, url, { auth, headers: { ...XAPI, ...headers }, ...(body === undefined ? {} : { body }) });

/** One call of each resource and method, with fresh ids so that any may be repeated. */
const CALLS: Record<string, () => Call> = {
  'POST /xapi/statements': () => xapi('POST', '/xapi/statements', statement()),
  'PUT /xapi/statements': () => xapi('PUT', `/xapi/statements?statementId=${randomUUID()}`, statement()),
  'GET /xapi/statements': () => xapi('GET', '/xapi/statements'),
  'GET /xapi/activities/state': () => xapi('GET', `/xapi/activities/state?${STATE}`),
  'PUT /xapi/activities/state': () => xapi('PUT', `/xapi/activities/state?${STATE}&stateId=${randomUUID()}`, { page: 1 }),
  'POST /xapi/activities/state': () => xapi('POST', `/xapi/activities/state?${STATE}&stateId=${randomUUID()}`, { page: 1 }),
  'DELETE /xapi/activities/state': () => xapi('DELETE', `/xapi/activities/state?${STATE}`),
  'GET /xapi/activities/profile': () => xapi('GET', `/xapi/activities/profile?${ACTIVITY_PROFILE}`),
  'PUT /xapi/activities/profile': () =>
    xapi('PUT', `/xapi/activities/profile?${ACTIVITY_PROFILE}&profileId=${randomUUID()}`, { v: 1 }, { 'If-None-Match': '*' }),
  'POST /xapi/activities/profile': () =>
    xapi('POST', `/xapi/activities/profile?${ACTIVITY_PROFILE}&profileId=${randomUUID()}`, { v: 1 }),
  'DELETE /xapi/activities/profile': () => xapi('DELETE', `/xapi/activities/profile?${ACTIVITY_PROFILE}&profileId=none`),
  'GET /xapi/agents/profile': () => xapi('GET', `/xapi/agents/profile?${AGENT_PROFILE}`),
  'PUT /xapi/agents/profile': () =>
    xapi('PUT', `/xapi/agents/profile?${AGENT_PROFILE}&profileId=${randomUUID()}`, { v: 1 }, { 'If-None-Match': '*' }),
  'POST /xapi/agents/profile': () => xapi('POST', `/xapi/agents/profile?${AGENT_PROFILE}&profileId=${randomUUID()}`, { v: 1 }),
  'DELETE /xapi/agents/profile': () => xapi('DELETE', `/xapi/agents/profile?${AGENT_PROFILE}&profileId=none`),
  'GET /xapi/activities': () => xapi('GET', `/xapi/activities?${q({ activityId: ACTIVITY })}`),
  'GET /xapi/agents': () => xapi('GET', `/xapi/agents?${q({ agent: AGENT })}`),
  'PUT /smart/v1/courses/:id': () => (auth) => h.call('PUT', `/smart/v1/courses/${COURSE_ID}`, { auth, body: buildCourse() }),
  'GET /smart/v1/courses': () => (auth) => h.call('GET', '/smart/v1/courses', { auth }),
  'PUT /smart/v1/registry': () => (auth) => h.call('PUT', '/smart/v1/registry', { auth, body: REGISTRY }),
  'POST /smart/v1/sessions': () => (auth) =>
    h.call('POST', '/smart/v1/sessions', { auth, body: { courseId: COURSE_ID, nip: NIP_ANI } }),
  'GET /smart/v1/offerings/:id/summary': () => (auth) => h.call('GET', `/smart/v1/offerings/${COURSE_ID}/summary`, { auth }),
};
type CallName = keyof typeof CALLS;
const XAPI_CALLS = Object.keys(CALLS).filter((name) => name.includes(' /xapi/'));
const XAPI_READS = XAPI_CALLS.filter((name) => name.startsWith('GET '));
const SMART_ADMIN_CALLS = Object.keys(CALLS).filter((name) => name.includes(' /smart/v1/'));

/** Exactly the calls a credential holding one scope may make. */
const ALLOWED: Record<Scope, readonly CallName[]> = {
  'statements/write': ['POST /xapi/statements', 'PUT /xapi/statements'],
  'statements/read': ['GET /xapi/statements', 'GET /xapi/activities', 'GET /xapi/agents'],
  'statements/read/mine': ['GET /xapi/statements'],
  state: XAPI_CALLS.filter((name) => name.endsWith('/activities/state')),
  define: [],
  profile: XAPI_CALLS.filter((name) => name.endsWith('/profile')),
  'all/read': XAPI_READS,
  all: XAPI_CALLS,
  'smart/admin': SMART_ADMIN_CALLS,
  'smart/launch': ['POST /smart/v1/sessions'],
};

describe('xAPI and SMART scopes', () => {
  it.each(SCOPES)('lets a credential holding only %s make exactly the calls that scope allows, refusing the rest with 403 naming a scope', async (scope) => {
    const auth = await credential({
      scopes: [scope],
      label: `only ${scope}`,
      ...(scope === 'smart/launch' ? { courseId: COURSE_ID } : {}),
    });
    for (const [name, call] of Object.entries(CALLS)) {
      const before = snapshot(h.dbFile);
      const reply = await call()(auth);
      if (ALLOWED[scope].includes(name)) {
        expect([401, 403], `${name}: ${JSON.stringify(reply.body)}`).not.toContain(reply.status);
        expect(reply.status, name).toBeLessThan(500);
      } else {
        expect(reply.status, `${name}: ${JSON.stringify(reply.body)}`).toBe(403);
        expect(reply.body.error.code, name).toBe('scope_missing');
        expect(reply.body.error.message, name).toMatch(/needs the "[a-z/]+" scope/);
        expect(snapshot(h.dbFile), name).toEqual(before);
      }
    }
  });

  it('shows a statements/read/mine credential only the statements it is the authority of', async () => {
    const writer = await credential({ scopes: ['statements/write', 'statements/read/mine'], label: 'writer' });
    const mine = await xapi('POST', '/xapi/statements', statement())(writer);
    const others = await xapi('POST', '/xapi/statements', statement())(h.admin);
    const [mineId] = mine.body as unknown as string[];
    const [othersId] = others.body as unknown as string[];

    const listed = await xapi('GET', '/xapi/statements')(writer);
    expect((listed.body as unknown as { statements: { id: string }[] }).statements.map((s) => s.id)).toEqual([mineId]);
    expect((await xapi('GET', `/xapi/statements?statementId=${mineId}`)(writer)).status).toBe(200);
    expect((await xapi('GET', `/xapi/statements?statementId=${othersId}`)(writer)).status).toBe(404);
    const everything = await xapi('GET', '/xapi/statements')(h.admin);
    expect((everything.body as unknown as { statements: unknown[] }).statements).toHaveLength(2);
  });

  it('takes up activity definitions only from credentials with define (or all)', async () => {
    const definition = (name: string) => ({ objectType: 'Activity', id: ACTIVITY, definition: { name: { en: name } } });
    const writer = await credential({ scopes: ['statements/write'], label: 'writer' });
    expect((await xapi('POST', '/xapi/statements', statement({ object: definition('Without define') }))(writer)).status).toBe(200);
    const read = async () => (await xapi('GET', `/xapi/activities?${q({ activityId: ACTIVITY })}`)(h.admin)).body;
    expect(await read()).toEqual({ objectType: 'Activity', id: ACTIVITY });

    const definer = await credential({ scopes: ['statements/write', 'define'], label: 'definer' });
    expect((await xapi('POST', '/xapi/statements', statement({ object: definition('With define') }))(definer)).status).toBe(200);
    expect(await read()).toMatchObject({ definition: { name: { en: 'With define' } } });
  });

  it('stamps its own authority on the statements of a credential without all, and keeps a claimed one from all', async () => {
    const claimed = { objectType: 'Agent', mbox: 'mailto:registrar@example.org' };
    const writer = await credential({ scopes: ['statements/write'], label: 'writer' });
    const [byWriter] = (await xapi('POST', '/xapi/statements', statement({ authority: claimed }))(writer)).body as unknown as string[];
    const [byAdmin] = (await xapi('POST', '/xapi/statements', statement({ authority: claimed }))(h.admin)).body as unknown as string[];
    const authority = async (id: string | undefined) =>
      ((await xapi('GET', `/xapi/statements?statementId=${id}`)(h.admin)).body as unknown as { authority: unknown }).authority;
    expect(await authority(byWriter)).toMatchObject({ name: 'writer', account: { homePage: 'https://smart-training.id/lrs' } });
    expect(await authority(byAdmin)).toEqual(claimed);
  });

  it('lets a smart/admin credential open a session for any course, a launch credential for its own only', async () => {
    const other = buildCourse({ id: 'other-2026' });
    expect((await h.call('PUT', `/smart/v1/courses/${other.id}`, { auth: h.admin, body: other })).status).toBe(200);
    const smartAdmin = await credential({ scopes: ['smart/admin'], label: 'operator' });
    const launch = await credential({ kind: 'launch', courseId: COURSE_ID, label: 'package' });
    const open = (auth: string, courseId: string) => h.call('POST', '/smart/v1/sessions', { auth, body: { courseId, nip: NIP_BUDI } });
    expect((await open(smartAdmin, other.id)).status).toBe(201);
    expect((await open(launch, COURSE_ID)).status).toBe(201);
    const refused = await open(launch, other.id);
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('wrong_course');
  });
});

describe('every endpoint behind credentials', () => {
  it('answers 401 to every call without a credential or with a wrong one, and changes nothing', async () => {
    const { session, auth: learner } = await openSession(h, NIP_ANI);
    const form = await h.call<FormView>('POST', '/smart/v1/forms', { auth: learner, body: { testId: 'placement' } });
    expect(form.status).toBe(201);
    await xapi('PUT', `/xapi/activities/state?${STATE}&stateId=resume`, { page: 1 })(h.admin);
    await xapi('PUT', `/xapi/activities/profile?${ACTIVITY_PROFILE}&profileId=p`, { v: 1 }, { 'If-None-Match': '*' })(h.admin);
    await xapi('PUT', `/xapi/agents/profile?${AGENT_PROFILE}&profileId=p`, { v: 1 }, { 'If-None-Match': '*' })(h.admin);
    const stored = await xapi('POST', '/xapi/statements', statement())(h.admin);
    const [storedId] = stored.body as unknown as string[];

    // Every call as it would succeed with the right credential.
    const xapiCalls: [string, string, unknown?][] = [
      ['POST', '/xapi/statements', statement()],
      ['PUT', `/xapi/statements?statementId=${randomUUID()}`, statement()],
      ['GET', `/xapi/statements?statementId=${storedId}`],
      ['GET', '/xapi/statements'],
      ['POST', '/xapi/statements', statement({ verb: { id: 'http://adlnet.gov/expapi/verbs/voided' }, object: { objectType: 'StatementRef', id: storedId } })],
      ['GET', `/xapi/activities/state?${STATE}&stateId=resume`],
      ['GET', `/xapi/activities/state?${STATE}`],
      ['PUT', `/xapi/activities/state?${STATE}&stateId=resume`, { page: 9 }],
      ['POST', `/xapi/activities/state?${STATE}&stateId=resume`, { more: true }],
      ['DELETE', `/xapi/activities/state?${STATE}&stateId=resume`],
      ['DELETE', `/xapi/activities/state?${STATE}`],
      ['GET', `/xapi/activities/profile?${ACTIVITY_PROFILE}&profileId=p`],
      ['GET', `/xapi/activities/profile?${ACTIVITY_PROFILE}`],
      ['PUT', `/xapi/activities/profile?${ACTIVITY_PROFILE}&profileId=q`, { v: 2 }],
      ['POST', `/xapi/activities/profile?${ACTIVITY_PROFILE}&profileId=p`, { w: 2 }],
      ['DELETE', `/xapi/activities/profile?${ACTIVITY_PROFILE}&profileId=p`],
      ['GET', `/xapi/agents/profile?${AGENT_PROFILE}&profileId=p`],
      ['GET', `/xapi/agents/profile?${AGENT_PROFILE}`],
      ['PUT', `/xapi/agents/profile?${AGENT_PROFILE}&profileId=q`, { v: 2 }],
      ['POST', `/xapi/agents/profile?${AGENT_PROFILE}&profileId=p`, { w: 2 }],
      ['DELETE', `/xapi/agents/profile?${AGENT_PROFILE}&profileId=p`],
      ['GET', `/xapi/activities?${q({ activityId: ACTIVITY })}`],
      ['GET', `/xapi/agents?${q({ agent: AGENT })}`],
    ];
    const smartCalls: [string, string, unknown?][] = [
      ['PUT', `/smart/v1/courses/${COURSE_ID}`, buildCourse({ version: '1.1.0' })],
      ['PUT', '/smart/v1/registry', { employees: [{ nip: '199203142019031004', name: 'Citra', unit: 'BKD' }] }],
      ['POST', '/smart/v1/sessions', { courseId: COURSE_ID, nip: NIP_BUDI }],
      ['GET', '/smart/v1/session/status'],
      ['POST', '/smart/v1/forms', { testId: 'placement' }],
      ['POST', `/smart/v1/forms/${form.body.formId}/answers`, { answers: {} }],
      // The evaluator console's calls.
      ['GET', '/smart/v1/courses'],
      ['GET', `/smart/v1/courses/${COURSE_ID}`],
      ['GET', `/smart/v1/offerings/${COURSE_ID}/summary`],
      ['GET', `/smart/v1/offerings/${COURSE_ID}/learners`],
      ['GET', `/smart/v1/learners/${NIP_ANI}/status?courseId=${COURSE_ID}`],
    ];
    const adminKey = Buffer.from(h.admin.slice('Basic '.length), 'base64').toString().split(':')[0] as string;
    const wrong: [string, string | undefined, string][] = [
      ['no credential', undefined, 'credentials_missing'],
      ['not Basic', 'Bearer abc', 'credentials_missing'],
      ['an unknown key', basic('no-such-key', 'guess'), 'credentials_invalid'],
      ["the admin's key with a wrong secret", basic(adminKey, 'not-the-secret'), 'credentials_invalid'],
      ["a learner session's key with a wrong secret", basic(session.key, `${session.secret}x`), 'credentials_invalid'],
    ];

    const before = snapshot(h.dbFile);
    for (const [method, url, body] of [...xapiCalls, ...smartCalls]) {
      for (const [how, auth, code] of wrong) {
        const reply = await h.call(method, url, {
          ...(auth ? { auth } : {}),
          ...(url.startsWith('/xapi/') ? { headers: XAPI } : {}),
          ...(body === undefined ? {} : { body }),
        });
        expect(reply.status, `${method} ${url} with ${how}`).toBe(401);
        expect(reply.body.error.code, `${method} ${url} with ${how}`).toBe(code);
      }
    }
    expect(snapshot(h.dbFile)).toEqual(before);

    // The same calls with the right credentials do change the store: the snapshot can tell.
    expect((await h.call('PUT', '/smart/v1/registry', { auth: h.admin, body: smartCalls[1]?.[2] })).status).toBe(200);
    expect(snapshot(h.dbFile)).not.toEqual(before);
  });
});

describe('credential management', () => {
  it('stops a revoked credential at once: its next call is refused with 401 and changes nothing', async () => {
    const { key, secret } = await createCredential(h.lrs.store, { kind: 'admin', label: 'to revoke' });
    const auth = basic(key, secret);
    expect((await h.call('GET', '/smart/v1/courses', { auth })).status).toBe(200);

    expect(await cli('credentials', 'revoke', key)).toContain(`revoked ${key}`);
    const before = snapshot(h.dbFile);
    const refused = await h.call('POST', '/xapi/statements', { auth, headers: XAPI, body: statement() });
    expect(refused.status).toBe(401);
    expect(refused.body.error.code).toBe('credentials_revoked');
    expect((await h.call('GET', '/smart/v1/courses', { auth })).status).toBe(401);
    expect(snapshot(h.dbFile)).toEqual(before);

    const { session, auth: learner } = await openSession(h, NIP_ANI);
    expect(await h.lrs.root.revokeCredential(session.key, new Date().toISOString())).toBe(true);
    const form = await h.call('POST', '/smart/v1/forms', { auth: learner, body: { testId: 'placement' } });
    expect(form.status).toBe(401);
  });

  it('keeps only the SHA-256 of every secret: no secret appears anywhere in the database files', async () => {
    const printed = await cli('credentials', 'add', '--store', 'bkd-jabar', '--scopes', 'statements/read,state', '--label', 'dashboard');
    const cliSecret = /secret:\s+(\S+)/.exec(printed)?.[1] ?? '';
    const launch = await createCredential(h.lrs.store, { kind: 'launch', courseId: COURSE_ID, label: 'package' });
    const opened = await h.call<SessionView>('POST', '/smart/v1/sessions', {
      auth: basic(launch.key, launch.secret),
      body: { courseId: COURSE_ID, nip: NIP_ANI },
    });
    const secrets = [cliSecret, launch.secret, opened.body.secret];
    expect(secrets.every((secret) => secret.length >= 40)).toBe(true);

    const files = fs.readdirSync(path.dirname(h.dbFile)).map((name) => fs.readFileSync(path.join(path.dirname(h.dbFile), name)));
    for (const secret of secrets) {
      for (const file of files) expect(file.includes(Buffer.from(secret, 'utf8'))).toBe(false);
    }
    const db = new Database(h.dbFile, { readonly: true });
    const hashes = new Set((db.prepare('SELECT secret_hash FROM credentials').all() as { secret_hash: string }[]).map((row) => row.secret_hash));
    db.close();
    for (const secret of secrets) expect(hashes.has(createHash('sha256').update(secret).digest('hex'))).toBe(true);
  });

  it('lists the credentials of a store with their scopes and revocation, never their secrets', async () => {
    const jabar = await cli('credentials', 'add', '--store', 'bkd-jabar', '--kind', 'admin', '--label', 'jabar ops');
    const bandung = await cli('credentials', 'add', '--store', 'bkpsdm-bandung', '--scopes', 'all/read', '--label', 'bandung audit');
    const [jabarKey, jabarSecret] = [/key:\s+(\S+)/.exec(jabar)?.[1] ?? '', /secret:\s+(\S+)/.exec(jabar)?.[1] ?? ''];
    const bandungKey = /key:\s+(\S+)/.exec(bandung)?.[1] ?? '';
    expect(jabar).toContain('scopes: all smart/admin');

    await cli('credentials', 'revoke', jabarKey);
    const listed = await cli('credentials', 'list', '--store', 'bkd-jabar');
    expect(listed).toMatch(new RegExp(`${jabarKey}\\s+bkd-jabar\\s+admin\\s+all,smart/admin\\s+-\\s+jabar ops\\s+\\S+\\s+\\d{4}-`));
    expect(listed).not.toContain(bandungKey);
    expect(listed).not.toContain(jabarSecret);
    const everyStore = await cli('credentials', 'list');
    expect(everyStore).toContain(bandungKey);
    expect(everyStore).toMatch(/default\s+admin/);
  }, 60_000);
});
