import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdir, readFile, readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { pino } from 'pino';
import type { Browser } from 'playwright-core';
import { createCredential, startLrs, type RunningLrs } from '@smart-training/lrs';
import { launchChromium } from '../../test/support/chromium';
import { createHostRouter } from '../src/host/index';
import { scormCourseActivityId } from '../src/host/cmi-to-xapi';
import { scorm12Manifest, tempDir, writeZip, type ErrorBody, type StatementJson, type ZipEntry } from './host-fixtures';

/** Waits for the page or the LRS to reach a state; the bound only guards against a hung browser. */
const eventually = <T>(read: () => Promise<T> | T) => expect.poll(read, { timeout: 20_000, interval: 100 });

const FIXTURE = fileURLToPath(new URL('./fixtures/third-party-scorm12/', import.meta.url));
const LEARNER = { nip: '198503302010011002', name: 'Siti Rahma', unit: 'Biro Umum', position: null };
const OTHER_LEARNER = { nip: '199001012015032001', name: 'Budi Santoso', unit: 'Biro Umum', position: null };
const RETAKING_LEARNER = { nip: '198807122012122003', name: 'Dewi Lestari', unit: 'Inspektorat', position: null };
const UNREGISTERED = '197001011990031001';
const UPLOAD_LIMIT = 64 * 1024;

let root: string;
let lrs: RunningLrs;
let browser: Browser;
let admin: string;
let otherStoreAdmin: string;
let launch: string;
let fixtureZip: Buffer;

function basic(pair: { key: string; secret: string }): string {
  return `Basic ${Buffer.from(`${pair.key}:${pair.secret}`).toString('base64')}`;
}

async function zipOf(entries: ZipEntry[], name = 'package.zip'): Promise<Buffer> {
  return readFile(await writeZip(root, name, entries));
}

async function fixtureEntries(): Promise<ZipEntry[]> {
  const files = await readdir(FIXTURE);
  return Promise.all(files.map(async (path) => ({ path, text: await readFile(join(FIXTURE, path), 'utf8') })));
}

function upload(name: string, body: Buffer, authorization = admin, type = 'application/zip') {
  return fetch(`${lrs.url}/host/packages?name=${encodeURIComponent(name)}`, {
    method: 'POST',
    headers: { Authorization: authorization, 'Content-Type': type },
    body: new Uint8Array(body),
  });
}

/** The launch token and runtime URL the play page hands to `<smart-host-player>`. */
async function playPageReporting(pkg: string, nip: string) {
  const html = await (await fetch(`${lrs.url}/host/play/${pkg}?learner=${nip}`)).text();
  return {
    url: /report-url="([^"]+)"/.exec(html)?.[1] ?? '',
    token: /report-token="([^"]+)"/.exec(html)?.[1] ?? '',
  };
}

function postReport(url: string, token: string, body: unknown) {
  return fetch(`${lrs.url}${url}`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
}

/** Every statement the LRS holds about the learner, as the admin reads them. */
async function statementsOf(nip: string): Promise<StatementJson[]> {
  const agent = JSON.stringify({ objectType: 'Agent', account: { homePage: 'https://siasn.bkn.go.id', name: nip } });
  const response = await fetch(`${lrs.url}/xapi/statements?agent=${encodeURIComponent(agent)}&limit=500`, {
    headers: { Authorization: admin, 'X-Experience-API-Version': '1.0.3' },
  });
  expect(response.status).toBe(200);
  return ((await response.json()) as { statements: StatementJson[] }).statements;
}

function countByVerb(statements: StatementJson[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const statement of statements) {
    const verb = String(statement.verb.id).split('/').pop()!;
    counts[verb] = (counts[verb] ?? 0) + 1;
  }
  return counts;
}

beforeAll(async () => {
  root = await tempDir('host-lrs');
  const distDir = join(root, 'dist');
  await mkdir(join(distDir, 'host'), { recursive: true });
  // The same entry rollup builds to dist/host/host.js.
  await build({
    entryPoints: [fileURLToPath(new URL('../src/host/host-page.ts', import.meta.url))],
    bundle: true,
    format: 'esm',
    target: 'es2020',
    outfile: join(distDir, 'host', 'host.js'),
  });
  lrs = await startLrs({
    port: 0,
    host: '127.0.0.1',
    dbFile: join(root, 'lrs.sqlite'),
    logger: pino({ level: 'silent' }),
    hostRouter: createHostRouter({ packagesDir: join(root, 'packages'), distDir, maxUploadBytes: UPLOAD_LIMIT }),
  });
  admin = basic(await createCredential(lrs.store, { kind: 'admin', label: 'operator' }));
  otherStoreAdmin = basic(await createCredential(lrs.root.store('pemda-lain'), { kind: 'admin', label: 'other' }));
  launch = basic(await createCredential(lrs.store, { kind: 'launch', courseId: 'berakhlak-2026', label: 'package' }));
  await lrs.store.upsertEmployees([LEARNER, OTHER_LEARNER, RETAKING_LEARNER]);
  fixtureZip = await zipOf(await fixtureEntries(), 'kuis.zip');
  browser = await launchChromium();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await lrs?.close();
  await rm(root, { recursive: true, force: true });
});

describe('POST /host/packages (upload)', () => {
  it('unpacks a third-party SCORM 1.2 zip for an admin: 201 with name, version and launch URL, and lists it', async () => {
    const response = await upload('kuis-wawasan', fixtureZip);

    expect(response.status).toBe(201);
    expect(await response.json()).toEqual({
      name: 'kuis-wawasan',
      title: 'Kuis Wawasan Kebangsaan',
      version: '1.2',
      launchUrl: `${lrs.url}/host/play/kuis-wawasan`,
    });
    expect(await (await fetch(`${lrs.url}/host/`)).text()).toContain('Kuis Wawasan Kebangsaan');
  });

  it('refuses a request without credentials (401) and a credential that is not an admin (403)', async () => {
    const anonymous = await fetch(`${lrs.url}/host/packages?name=anon`, { method: 'POST', body: new Uint8Array(fixtureZip) });
    const notAdmin = await upload('launch-upload', fixtureZip, launch);

    expect(anonymous.status).toBe(401);
    expect(notAdmin.status).toBe(403);
    expect(((await notAdmin.json()) as ErrorBody).error.code).toBe('scope_missing');
    expect((await fetch(`${lrs.url}/host/play/launch-upload?learner=${LEARNER.nip}`)).status).toBe(404);
  });

  it('refuses a zip whose entry escapes the package folder with 400 unsafe_entry, installing nothing', async () => {
    const hostile = await zipOf([
      { path: 'imsmanifest.xml', text: scorm12Manifest('Jahat') },
      { path: 'index.html', text: '<p>hi</p>' },
      { path: 'aa/evil.txt', hostileName: '../evil.txt', text: 'owned' },
    ]);

    const response = await upload('jahat', hostile);

    expect(response.status).toBe(400);
    const body = (await response.json()) as ErrorBody;
    expect(body.error.code).toBe('unsafe_entry');
    expect(body.error.message).toMatch(/outside the package folder/);
    expect(body.error.message_id).toMatch(/di luar folder paket/);
    expect((await fetch(`${lrs.url}/host/play/jahat?learner=${LEARNER.nip}`)).status).toBe(404);
  });

  it('refuses a manifest with an external entity with 400 invalid_manifest', async () => {
    const xxe = await zipOf([
      {
        path: 'imsmanifest.xml',
        text: scorm12Manifest('&rahasia;').replace(
          '<manifest ',
          '<!DOCTYPE manifest [<!ENTITY rahasia SYSTEM "file:///etc/passwd">]>\n<manifest ',
        ),
      },
      { path: 'index.html', text: '<p>hi</p>' },
    ]);

    const response = await upload('xxe', xxe);

    expect(response.status).toBe(400);
    expect(((await response.json()) as ErrorBody).error.code).toBe('invalid_manifest');
  });

  it('answers 413 above the upload limit, 415 for another media type, 400 for a body that is not a zip or a missing name', async () => {
    const big = await upload('besar', Buffer.alloc(UPLOAD_LIMIT + 1, 1));
    const wrongType = await upload('teks', fixtureZip, admin, 'text/plain');
    const notZip = await upload('bukan-zip', Buffer.from('this is not a zip'));
    const unnamed = await upload('', fixtureZip);

    expect(big.status).toBe(413);
    expect(wrongType.status).toBe(415);
    expect(notZip.status).toBe(400);
    expect(((await notZip.json()) as ErrorBody).error.code).toBe('unreadable_zip');
    expect(unnamed.status).toBe(400);
    expect(((await unnamed.json()) as ErrorBody).error.code).toBe('name_missing');
  });

  it("refuses another store's admin a name already taken (409), and lets the owner replace its package", async () => {
    await upload('milik-kami', fixtureZip);

    const other = await upload('milik-kami', fixtureZip, otherStoreAdmin);
    const owner = await upload('milik-kami', fixtureZip);

    expect(other.status).toBe(409);
    expect(((await other.json()) as ErrorBody).error.code).toBe('package_taken');
    expect(owner.status).toBe(201);
  });
});

describe('POST /host/packages/:pkg/runtime', () => {
  const report = (attempt: string) => ({
    attempt,
    session: 1,
    startedAt: '2026-12-04T08:00:00.000Z',
    at: '2026-12-04T08:01:00.000Z',
    cmi: { core: { lesson_status: 'failed', score: { raw: '40', min: '0', max: '100' }, exit: '' }, interactions: {} },
  });

  it('records the statements of a report once: the same report sent again stores nothing new', async () => {
    await upload('kuis-http', fixtureZip);
    const { url, token } = await playPageReporting('kuis-http', OTHER_LEARNER.nip);
    const body = report('3f1c2b4a-5d6e-4f70-8a9b-0c1d2e3f4a5b');

    const first = await postReport(url, token, body);
    const again = await postReport(url, token, { ...body, at: '2026-12-04T08:02:00.000Z' });

    // initialized, completed (a SCORM 1.2 failed is a completed SCO) and failed
    expect(await first.json()).toEqual({ statements: 3, stored: 3 });
    expect(await again.json()).toEqual({ statements: 3, stored: 0 });
    const failed = (await statementsOf(OTHER_LEARNER.nip)).filter((statement) => statement.verb.id.endsWith('/failed'));
    expect(failed).toHaveLength(1);
    expect(failed[0]!.result?.score).toEqual({ raw: 40, min: 0, max: 100, scaled: 0.4 });
    expect(failed[0]!.authority?.name).toBe('SMART host player');
  });

  it('refuses a report without a valid launch token (401) or with the token of another package (403)', async () => {
    await upload('kuis-lain', fixtureZip);
    const { url } = await playPageReporting('kuis-http', OTHER_LEARNER.nip);
    const other = await playPageReporting('kuis-lain', OTHER_LEARNER.nip);
    const body = report('9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d');

    expect((await postReport(url, '', body)).status).toBe(401);
    expect((await postReport(url, `${other.token.split('.')[0]}.forged`, body)).status).toBe(401);
    const crossed = await postReport(url, other.token, body);
    expect(crossed.status).toBe(403);
    expect(((await crossed.json()) as ErrorBody).error.code).toBe('launch_token_other_package');
  });

  it('refuses to play a reporting package for a NIP the store does not know', async () => {
    const response = await fetch(`${lrs.url}/host/play/kuis-http?learner=${UNREGISTERED}`);

    expect(response.status).toBe(403);
    expect(await response.text()).toContain('tidak terdaftar');
  });
});

describe('a third-party SCORM 1.2 package played in Chromium', () => {
  it('reports initialized, answered per interaction, passed with the score and terminated to the LRS, each once across a reload', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const sco = page.frameLocator('smart-host-player iframe');
    const playUrl = `${lrs.url}/host/play/kuis-wawasan?learner=${LEARNER.nip}`;

    await page.goto(playUrl);
    await eventually(() => sco.locator('#state').textContent()).toBe('committed');
    await eventually(async () => countByVerb(await statementsOf(LEARNER.nip))).toEqual({
      initialized: 1,
      answered: 2,
      completed: 1,
      passed: 1,
    });

    // The reload continues the attempt and sends the restored data again.
    await page.reload();
    await eventually(() => sco.locator('#state').textContent()).toBe('committed');
    await eventually(async () => countByVerb(await statementsOf(LEARNER.nip)).resumed).toBe(1);
    await sco.locator('#finish').click();
    await eventually(() => sco.locator('#state').textContent()).toBe('finished');
    await eventually(async () => countByVerb(await statementsOf(LEARNER.nip)).terminated).toBe(1);

    const statements = await statementsOf(LEARNER.nip);
    expect(countByVerb(statements)).toEqual({ initialized: 1, answered: 2, completed: 1, passed: 1, resumed: 1, terminated: 1 });
    const passed = statements.find((statement) => statement.verb.id === 'http://adlnet.gov/expapi/verbs/passed')!;
    expect(passed.actor.account).toEqual({ homePage: 'https://siasn.bkn.go.id', name: LEARNER.nip });
    expect(passed.actor.name).toBe(LEARNER.name);
    expect(passed.object.id).toBe(`${scormCourseActivityId('id.example.kuis-wawasan-kebangsaan')}/sco-kuis`);
    expect(passed.result).toEqual({ success: true, score: { raw: 80, min: 0, max: 100, scaled: 0.8 } });
    const answers = statements
      .filter((statement) => statement.verb.id.endsWith('/answered'))
      .map((statement) => [statement.object.id.split('/').pop(), statement.result?.response, statement.result?.success])
      .sort();
    expect(answers).toEqual([
      ['ibukota', 'b', true],
      ['sila-pertama', 'false', false],
    ]);
    const terminated = statements.find((statement) => statement.verb.id.endsWith('/terminated'))!;
    expect(terminated.result).toMatchObject({ success: true, completion: true, duration: 'PT1M30S' });
    // Every statement of the attempt groups the same attempt activity.
    const attempts = new Set(statements.map((statement) => statement.context.contextActivities.grouping[1]!.id));
    expect(attempts.size).toBe(1);
    await context.close();
  }, 60_000);

  it('starts a new attempt with fresh data on the launch after the SCO finished', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const sco = page.frameLocator('smart-host-player iframe');
    await page.goto(`${lrs.url}/host/play/kuis-wawasan?learner=${RETAKING_LEARNER.nip}`);
    await eventually(() => sco.locator('#state').textContent()).toBe('committed');
    await sco.locator('#finish').click();
    await eventually(async () => countByVerb(await statementsOf(RETAKING_LEARNER.nip)).terminated).toBe(1);

    await page.reload();
    await eventually(() => sco.locator('#state').textContent()).toBe('committed');
    await eventually(async () => countByVerb(await statementsOf(RETAKING_LEARNER.nip)).passed).toBe(2);

    const statements = await statementsOf(RETAKING_LEARNER.nip);
    expect(countByVerb(statements)).toMatchObject({ initialized: 2, answered: 4, passed: 2, terminated: 1 });
    expect(countByVerb(statements).resumed).toBeUndefined();
    const attempts = new Set(statements.map((statement) => statement.context.contextActivities.grouping[1]!.id));
    expect(attempts.size).toBe(2);
    await context.close();
  }, 60_000);
});
