import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../../../test/support/chromium';
import { html, runtimeBundle, script } from './browser-fixture';
import { fakeCmi5Lms, SESSION_ID_EXTENSION } from './fake-cmi5-lms';
import { UNIT_STATE_ID } from '../src/unit-state-document';

// The unit launched by a cmi5 LMS and by an xAPI (tincan.xml) launch, in
// Chromium, against a fake LMS + LRS that records what the AU sent.

const NIP = '198503302010011002';
const ACTOR = { objectType: 'Agent', name: 'Siti Rahmawati', account: { homePage: 'https://siasn.bkn.go.id', name: NIP } };
const AU = 'https://smart-training.id/xapi/activities/course/berakhlak-2026/au/material/etika';
const CMI5_CATEGORY = 'https://w3id.org/xapi/cmi5/context/categories/cmi5';
const MOVEON_CATEGORY = 'https://w3id.org/xapi/cmi5/context/categories/moveon';
const MASTERY_EXTENSION = 'https://w3id.org/xapi/cmi5/context/extensions/masteryscore';

/** The parts of a recorded statement the tests read. */
interface Sent {
  id: string;
  actor: { objectType?: string; name?: string; account: { homePage: string; name: string } };
  verb: { id: string };
  object: { id: string };
  result?: { duration?: string; success?: boolean; completion?: boolean; score?: Record<string, number> };
  context: {
    registration?: string;
    extensions: Record<string, unknown>;
    contextActivities?: { category?: { id: string }[] };
  };
}
type Runtime = typeof import('../src/index');
type HostWindow = Window & { smartRuntime: Runtime; host: import('../src/index').HostBridge };

let browser: Browser;
let runtime: string;
/** The runtime without the cmi5 host, as smart-unit.js has it. */
let leanRuntime: string;
let lms: Awaited<ReturnType<typeof fakeCmi5Lms>>;
const sent = () => lms.statements as unknown as Sent[];
let page: Page;

beforeAll(async () => {
  runtime = await runtimeBundle();
  leanRuntime = await runtimeBundle({ cmi5: false });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
});

afterEach(async () => {
  await page?.close();
  await lms?.close();
});

async function startLms() {
  lms = await fakeCmi5Lms({
    '/runtime.js': script(runtime),
    '/index.html': html('<script src="/runtime.js"></script>'),
    '/lean-runtime.js': script(leanRuntime),
    '/lean.html': html('<script src="/lean-runtime.js"></script>'),
  });
  return lms;
}

/** Opens `url` in a fresh page and starts the host there; the host stays as `window.host`. */
async function launchUnit(url: string) {
  page = await browser.newPage();
  const warnings: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'warning') warnings.push(message.text());
  });
  await page.goto(url, { waitUntil: 'load' });
  const started = await page.evaluate(async () => {
    const win = window as unknown as HostWindow;
    win.host = win.smartRuntime.connectHost(window);
    const learner = await win.host.start();
    return { kind: win.host.kind, learner, progress: win.host.loadProgress() };
  });
  return { ...started, warnings };
}

/** Runs `script` against `window.host` in the unit's page and waits for what it returns. */
function inUnit(script: string): Promise<unknown> {
  return page.evaluate(`(async (host) => { ${script} })(window.host)`);
}

const verbOf = (statement: Sent) => String(statement.verb.id).split('/').pop();
const categories = (statement: Sent) => (statement.context.contextActivities?.category ?? []).map((activity) => activity.id);

describe('cmi5 host', () => {
  it('launches, fails then passes once, completes once, and terminates, each in the cmi5 context', async () => {
    await startLms();
    const registration = '0f4b3c52-8c1d-4a55-9f0e-6a2d7c1e9b10';
    const { url, sessionId } = lms.launch({
      path: '/index.html?smart-au=material%3Aetika',
      actor: ACTOR,
      registration,
      activityId: AU,
      launchData: { masteryScore: 0.7, moveOn: 'Passed' },
    });

    const started = await launchUnit(url);
    await inUnit(`
      await host.reportResult({ scoreRaw: 40, status: 'failed' });
      await host.reportResult({ scoreRaw: 80, status: 'passed' });
      await host.reportResult({ scoreRaw: 30, status: 'failed' });
      await host.reportResult({ scoreRaw: 95, status: 'passed' });
      await host.terminate();
    `);

    expect(started).toMatchObject({ kind: 'cmi5', learner: { id: NIP, name: 'Siti Rahmawati' }, progress: null });
    expect(sent().map(verbOf)).toEqual(['initialized', 'failed', 'completed', 'passed', 'terminated']);
    for (const statement of sent()) {
      expect(statement.actor.account.name).toBe(NIP);
      expect(statement.object.id).toBe(AU);
      expect(statement.context.registration).toBe(registration);
      expect(statement.context.extensions[SESSION_ID_EXTENSION]).toBe(sessionId);
      expect(categories(statement)).toContain(CMI5_CATEGORY);
    }
    const [initialized, failed, completed, passed, terminated] = sent();
    expect(categories(initialized!)).not.toContain(MOVEON_CATEGORY);
    expect(categories(terminated!)).not.toContain(MOVEON_CATEGORY);
    for (const moveOn of [failed!, completed!, passed!]) expect(categories(moveOn)).toContain(MOVEON_CATEGORY);
    expect(failed!.result).toMatchObject({ success: false, score: { scaled: 0.4, raw: 40, min: 0, max: 100 } });
    expect(passed!.result).toMatchObject({ success: true, score: { scaled: 0.8, raw: 80, min: 0, max: 100 } });
    expect(passed!.context.extensions[MASTERY_EXTENSION]).toBe(0.7);
    expect(completed!.result).toMatchObject({ completion: true });
    expect(terminated!.result?.duration).toMatch(/^PT/);
    expect(started.warnings.filter((w) => w.startsWith('[smart-runtime:lms-pass-kept]'))).toHaveLength(2);
    expect(lms.authorizations.every((auth) => auth.startsWith('Basic '))).toBe(true);
  });

  it('a relaunch in the same registration resumes the progress and sends no result after the pass', async () => {
    await startLms();
    const registration = '5d0e4a8b-1f2c-4b3d-8e9f-0a1b2c3d4e5f';
    const launch = () => lms.launch({ path: '/index.html', actor: ACTOR, registration, activityId: AU, launchData: { masteryScore: 0.7 } });

    await launchUnit(launch().url);
    await inUnit(`
      host.saveProgress('{"view":"material:etika","position":412}');
      await host.reportResult({ scoreRaw: 90, status: 'passed' });
      await host.terminate();
    `);
    await page.close();
    const firstSession = lms.statements.length;

    const relaunched = await launchUnit(launch().url);
    await inUnit(`
      await host.reportResult({ scoreRaw: 20, status: 'failed' });
      await host.terminate();
    `);

    expect(relaunched.progress).toBe('{"view":"material:etika","position":412}');
    expect(sent().slice(0, firstSession).map(verbOf)).toEqual(['initialized', 'passed', 'completed', 'terminated']);
    expect(sent().slice(firstSession).map(verbOf)).toEqual(['initialized', 'terminated']);
    expect(lms.state(AU, registration, UNIT_STATE_ID)).toEqual({
      progress: '{"view":"material:etika","position":412}',
      passedScore: 90,
      completed: true,
    });
  });

  it('sends no passed, failed or completed in a Review launch', async () => {
    await startLms();
    const { url } = lms.launch({
      path: '/index.html',
      actor: ACTOR,
      registration: '7a6b5c4d-3e2f-4a1b-9c8d-7e6f5a4b3c2d',
      activityId: AU,
      launchData: { launchMode: 'Review' },
    });
    const started = await launchUnit(url);
    await inUnit(`
      await host.reportResult({ scoreRaw: 100, status: 'passed' });
      await host.terminate();
    `);
    expect(sent().map(verbOf)).toEqual(['initialized', 'terminated']);
    expect(started.warnings.some((w) => w.startsWith('[smart-runtime:cmi5-statement-skipped]') && w.includes('Review'))).toBe(true);
  });

  it('terminates by itself when the page is hidden for good (pagehide)', async () => {
    await startLms();
    const { url } = lms.launch({ path: '/index.html', actor: ACTOR, registration: '1c2d3e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f', activityId: AU, launchData: {} });
    await launchUnit(url);
    await inUnit(`host.saveProgress('{"view":"outline"}'); window.dispatchEvent(new PageTransitionEvent('pagehide'));`);
    await expect.poll(() => sent().map(verbOf)).toEqual(['initialized', 'terminated']);
    expect(lms.state(AU, '1c2d3e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f', UNIT_STATE_ID)?.progress).toBe('{"view":"outline"}');
  });

  it('reports a failed launch (used fetch URL) with a warning and no learner', async () => {
    await startLms();
    const { url } = lms.launch({ path: '/index.html', actor: ACTOR, registration: '2b3c4d5e-6f7a-4b8c-9d0e-1f2a3b4c5d6e', activityId: AU, launchData: {} });
    const fetchUrl = new URL(url).searchParams.get('fetch')!;
    await fetch(fetchUrl, { method: 'POST' });
    const started = await launchUnit(url);
    expect(started.learner).toBeNull();
    expect(started.warnings.some((w) => w.startsWith('[smart-runtime:cmi5-launch-failed]'))).toBe(true);
    expect(lms.statements).toEqual([]);
  });
});

describe('xAPI launch host', () => {
  it('reads a Tin Can launch, sends initialized, failed, completed, passed and terminated about the launched activity', async () => {
    await startLms();
    const course = 'https://smart-training.id/xapi/activities/course/berakhlak-2026';
    const registration = '3e4f5a6b-7c8d-4e9f-8a0b-1c2d3e4f5a6b';
    const query = new URLSearchParams({
      endpoint: `${lms.origin}/xapi/`,
      auth: `Basic ${Buffer.from('lms:secret').toString('base64')}`,
      // Tin Can 0.9 actor form, as some LMSs still send it.
      actor: JSON.stringify({ name: ['Siti Rahmawati'], account: [{ accountServiceHomePage: 'https://siasn.bkn.go.id', accountName: NIP }] }),
      registration,
      activity_id: course,
    });
    const started = await launchUnit(`${lms.origin}/index.html?${query}`);
    await inUnit(`
      host.saveProgress('{"view":"outline"}');
      await host.reportResult({ scoreRaw: 55, status: 'failed' });
      await host.reportResult({ scoreRaw: 85, status: 'passed' });
      await host.reportResult({ scoreRaw: 10, status: 'failed' });
      await host.terminate();
    `);

    expect(started).toMatchObject({ kind: 'xapi', learner: { id: NIP, name: 'Siti Rahmawati' } });
    expect(sent().map(verbOf)).toEqual(['initialized', 'failed', 'completed', 'passed', 'terminated']);
    for (const statement of sent()) {
      expect(statement.actor).toEqual({ objectType: 'Agent', name: 'Siti Rahmawati', account: { homePage: 'https://siasn.bkn.go.id', name: NIP } });
      expect(statement.object.id).toBe(course);
      expect(statement.context.registration).toBe(registration);
    }
    expect(sent()[3]!.result).toMatchObject({ success: true, score: { raw: 85, scaled: 0.85 } });
    expect(lms.authorizations.every((auth) => auth === `Basic ${Buffer.from('lms:secret').toString('base64')}`)).toBe(true);
    expect(lms.state(course, registration, UNIT_STATE_ID)).toEqual({ progress: '{"view":"outline"}', passedScore: 85, completed: true });
  });
});

describe('lean bundle (no cmi5 host registered)', () => {
  it('refuses a cmi5 launch with UnsupportedLaunchError and a warning, never as standalone, and leaves the fetch URL unused', async () => {
    await startLms();
    const { url } = lms.launch({
      path: '/lean.html?smart-au=material%3Aetika',
      actor: ACTOR,
      registration: '4d5e6f7a-8b9c-4d0e-9f1a-2b3c4d5e6f7a',
      activityId: AU,
      launchData: {},
    });
    page = await browser.newPage();
    const warnings: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'warning') warnings.push(message.text());
    });
    await page.goto(url, { waitUntil: 'load' });

    const outcome = await page.evaluate(() => {
      const runtime = (window as unknown as HostWindow).smartRuntime;
      try {
        return { connected: runtime.connectHost(window, { standaloneLearner: { id: '198503302010011002' } }).kind };
      } catch (error) {
        return {
          isUnsupportedLaunch: error instanceof runtime.UnsupportedLaunchError,
          launch: (error as InstanceType<Runtime['UnsupportedLaunchError']>).launch,
          message: (error as Error).message,
        };
      }
    });

    expect(outcome).toMatchObject({ isUnsupportedLaunch: true, launch: 'cmi5' });
    expect(outcome.message).toContain('smart-unit-cmi5.js');
    expect(warnings.filter((w) => w.startsWith('[smart-runtime:cmi5-not-in-bundle]'))).toHaveLength(1);
    expect(lms.statements).toEqual([]);
    const fetched = (await (await fetch(new URL(url).searchParams.get('fetch')!, { method: 'POST' })).json()) as Record<string, string>;
    expect(fetched['auth-token']).toBeTruthy();
  });

  it('plays an xAPI launch and a page outside any LMS as before', async () => {
    await startLms();
    const query = new URLSearchParams({
      endpoint: `${lms.origin}/xapi/`,
      auth: `Basic ${Buffer.from('lms:secret').toString('base64')}`,
      actor: JSON.stringify(ACTOR),
      registration: '5e6f7a8b-9c0d-4e1f-8a2b-3c4d5e6f7a8b',
      activity_id: 'https://smart-training.id/xapi/activities/course/berakhlak-2026',
    });
    page = await browser.newPage();
    const kindAt = async (url: string) => {
      await page.goto(url, { waitUntil: 'load' });
      return page.evaluate(() => (window as unknown as HostWindow).smartRuntime.connectHost(window).kind);
    };

    expect(await kindAt(`${lms.origin}/lean.html?${query}`)).toBe('xapi');
    expect(await kindAt(`${lms.origin}/lean.html`)).toBe('standalone');
  });
});
