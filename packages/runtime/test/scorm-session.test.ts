import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Frame, Page } from 'playwright-core';
import { launchChromium } from '../../../test/support/chromium';
import { html, runtimeBundle, scormAgainBundle, script, serve, type FixtureServer, type Routes } from './browser-fixture';

// What real LMSs do across sessions: a pass held from earlier, a relaunch of
// the same attempt (Moodle's default), suspend data, throttled commits and
// a page that is hidden or unloaded. scorm-again plays the LMS.

type Json = Record<string, unknown>;

/** An LMS page: scorm-again with the learner, `cmi` loaded from an earlier session if given, counting commits. */
function lmsPage(version: '1.2' | '2004', saved: Json | null = null, extra = '') {
  const global = version === '1.2' ? 'API' : 'API_1484_11';
  const create =
    version === '1.2'
      ? `new Scorm12API({ logLevel: 5, autocommit: false })`
      : `new Scorm2004API({ logLevel: 5, autocommit: false })`;
  const learner =
    version === '1.2'
      ? `api.cmi.core.student_id = '198503302010011002';`
      : `api.cmi.learner_id = '198503302010011002';`;
  return html(`<script src="/scorm-again.js"></script>
<script>
  const api = window.${global} = ${create};
  ${saved ? `api.loadFromJSON(${JSON.stringify(saved)});` : ''}
  ${learner}
  ${extra}
  window.commits = 0;
  api.on('${version === '1.2' ? 'LMSCommit' : 'Commit'}', () => { window.commits += 1; });
  window.cmiJson = () => JSON.parse(JSON.stringify(api.cmi));
</script>
<iframe src="/content.html"></iframe>`);
}

/** The saved CMI ready for a relaunch: entry from the last exit, as an LMS prepares it. */
function relaunchOf(version: '1.2' | '2004', saved: Json): Json {
  if (version === '1.2') {
    const core = { ...(saved.core as Json) };
    core.entry = core.exit === 'suspend' ? 'resume' : '';
    delete core.session_time;
    delete core.exit;
    return { ...saved, core };
  }
  const data: Json = { ...saved, entry: saved.exit === 'suspend' ? 'resume' : '' };
  delete data.session_time;
  delete data.exit;
  return data;
}

let browser: Browser;
let server: FixtureServer;
const routes: Routes = {};
let pages = 0;

beforeAll(async () => {
  Object.assign(routes, {
    '/runtime.js': script(await runtimeBundle()),
    '/scorm-again.js': script(await scormAgainBundle()),
    '/content.html': html('<script src="/runtime.js"></script>'),
  });
  server = await serve(routes);
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

interface Opened {
  page: Page;
  content: Frame;
  warnings: string[];
  cmi(): Promise<Json>;
  commits(): Promise<number>;
}

/** Serves `body` as a fresh LMS page, opens it and returns its content frame. */
async function open(body: Routes[string]): Promise<Opened> {
  const path = `/lms-${(pages += 1)}.html`;
  routes[path] = body;
  const page = await browser.newPage();
  const warnings: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'warning') warnings.push(message.text());
  });
  await page.goto(`${server.origin}${path}`, { waitUntil: 'load' });
  const content = page.frames().find((frame) => frame.url().endsWith('/content.html'));
  if (!content) throw new Error('content frame did not load');
  return {
    page,
    content,
    warnings,
    cmi: () => page.evaluate(() => (window as unknown as { cmiJson(): Json }).cmiJson()),
    commits: () => page.evaluate(() => (window as unknown as { commits: number }).commits),
  };
}

type Runtime = typeof import('../src/index');
type HostWindow = Window & { smartRuntime: Runtime; host: import('../src/index').HostBridge };

/** Connects and starts the unit's host in the content frame, kept as `window.host`. */
async function startHost(content: Frame, commitIntervalMs?: number) {
  return content.evaluate(async (interval) => {
    const win = window as unknown as HostWindow;
    win.host = win.smartRuntime.connectHost(window, interval === undefined ? {} : { commitIntervalMs: interval });
    const learner = await win.host.start();
    return { learner, progress: win.host.loadProgress() };
  }, commitIntervalMs);
}

/** A state of `length` characters that lz-string cannot shrink: a fixed pseudo-random sequence. */
function incompressible(length: number): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
  let seed = 20261204;
  let text = '';
  for (let i = 0; i < length; i++) {
    // xorshift32
    seed ^= seed << 13;
    seed ^= seed >>> 17;
    seed ^= seed << 5;
    text += alphabet[(seed >>> 0) % 64];
  }
  return text;
}

/** A realistic progress state: long, but repetitive, so it compresses well. */
function repetitiveState(): string {
  const materials = Array.from({ length: 150 }, (_, i) => ({ id: `materi-${i}`, opened: true, position: i * 37 }));
  return JSON.stringify({ view: 'material:materi-149', materials });
}

describe('a pass the LMS holds is never written over', () => {
  it('SCORM 1.2: with "passed" held at launch, a later fail, incomplete or lower pass is not sent; a higher pass is', async () => {
    const lms = await open(lmsPage('1.2', null, "api.cmi.core.lesson_status = 'passed'; api.cmi.core.score.raw = '90';"));
    await startHost(lms.content);
    const after = async (scoreRaw: number, status: 'passed' | 'failed' | 'incomplete') => {
      await lms.content.evaluate((result) => (window as unknown as HostWindow).host.reportResult(result), { scoreRaw, status });
      const core = (await lms.cmi()).core as Json;
      return [core.lesson_status, (core.score as Json).raw];
    };

    expect(await after(40, 'failed')).toEqual(['passed', '90']);
    expect(await after(50, 'incomplete')).toEqual(['passed', '90']);
    expect(await after(85, 'passed')).toEqual(['passed', '90']);
    expect(await after(95, 'passed')).toEqual(['passed', '95']);
    expect(lms.warnings.filter((w) => w.startsWith('[smart-runtime:lms-pass-kept]'))).toHaveLength(3);
    await lms.page.close();
  });

  it('SCORM 2004: a pass reported in this session stays passed and completed when a fail follows', async () => {
    const lms = await open(lmsPage('2004'));
    await startHost(lms.content);
    await lms.content.evaluate(() => {
      const host = (window as unknown as HostWindow).host;
      host.reportResult({ scoreRaw: 80, status: 'passed' });
      host.reportResult({ scoreRaw: 30, status: 'failed' });
    });
    const cmi = await lms.cmi();
    expect([cmi.success_status, cmi.completion_status, (cmi.score as Json).raw]).toEqual(['passed', 'completed', '80']);
    await lms.page.close();
  });

  for (const version of ['1.2', '2004'] as const) {
    it(`SCORM ${version}: a relaunch of the attempt after a pass resumes the progress and leaves the pass intact`, async () => {
      const state = repetitiveState();
      const first = await open(lmsPage(version));
      expect((await startHost(first.content)).progress).toBeNull();
      await first.content.evaluate((saved) => {
        const host = (window as unknown as HostWindow).host;
        host.saveProgress(saved);
        host.reportResult({ scoreRaw: 88, status: 'passed' });
        window.dispatchEvent(new PageTransitionEvent('pagehide'));
      }, state);
      const saved = await first.cmi();
      await first.page.close();
      expect(version === '1.2' ? (saved.core as Json).exit : saved.exit).toBe('suspend');

      const second = await open(lmsPage(version, relaunchOf(version, saved)));
      const relaunched = await startHost(second.content);
      await second.content.evaluate(() => {
        // What a unit that does not know better might report on a relaunch.
        (window as unknown as HostWindow).host.reportResult({ scoreRaw: 0, status: 'incomplete' });
      });
      const cmi = await second.cmi();
      await second.page.close();

      expect(relaunched.progress).toBe(state);
      if (version === '1.2') {
        const core = cmi.core as Json;
        expect([core.lesson_status, (core.score as Json).raw]).toEqual(['passed', '88']);
      } else {
        expect([cmi.success_status, cmi.completion_status, (cmi.score as Json).raw]).toEqual(['passed', 'completed', '88']);
      }
    });
  }
});

describe('progress state in suspend_data', () => {
  it('SCORM 1.2: a long state is stored compressed within 4,096 characters', async () => {
    const state = repetitiveState();
    expect(state.length).toBeGreaterThan(4096);
    const lms = await open(lmsPage('1.2'));
    await startHost(lms.content);
    await lms.content.evaluate((saved) => (window as unknown as HostWindow).host.saveProgress(saved), state);
    await lms.content.evaluate(() => (window as unknown as HostWindow).host.terminate());
    const stored = (await lms.cmi()).suspend_data as string;
    expect(stored.length).toBeLessThanOrEqual(4096);
    expect(await lms.content.evaluate((value) => (window as unknown as HostWindow).smartRuntime.decodeSuspendData(value), stored)).toBe(state);
    expect(lms.warnings).toEqual([]);
    await lms.page.close();
  });

  it('SCORM 1.2: a state still over 4,096 characters compressed is refused with a warning and the last one that fitted stays', async () => {
    const lms = await open(lmsPage('1.2'));
    await startHost(lms.content);
    await lms.content.evaluate((tooLarge) => {
      const host = (window as unknown as HostWindow).host;
      host.saveProgress('{"view":"material:etika"}');
      host.saveProgress(tooLarge);
      host.terminate();
    }, incompressible(6000));
    const stored = (await lms.cmi()).suspend_data as string;
    expect(await lms.content.evaluate((value) => (window as unknown as HostWindow).smartRuntime.decodeSuspendData(value), stored)).toBe(
      '{"view":"material:etika"}',
    );
    const refusals = lms.warnings.filter((w) => w.startsWith('[smart-runtime:progress-too-large]'));
    expect(refusals).toHaveLength(1);
    expect(refusals[0]).toContain('4096 characters in SCORM 1.2');
    await lms.page.close();
  });

  it('SCORM 2004: the same state fits the 64,000 characters and comes back on relaunch', async () => {
    const state = incompressible(6000);
    const first = await open(lmsPage('2004'));
    await startHost(first.content);
    await first.content.evaluate((saved) => {
      const host = (window as unknown as HostWindow).host;
      host.saveProgress(saved);
      host.terminate();
    }, state);
    const saved = await first.cmi();
    await first.page.close();
    const second = await open(lmsPage('2004', relaunchOf('2004', saved)));
    expect((await startHost(second.content)).progress).toBe(state);
    expect([...first.warnings, ...second.warnings]).toEqual([]);
    await second.page.close();
  });
});

describe('commits', () => {
  it('batches saved progress into one commit per interval, but commits a result at once', async () => {
    const lms = await open(lmsPage('1.2'));
    await startHost(lms.content, 60_000);
    const atStart = await lms.commits();
    await lms.content.evaluate(() => {
      const host = (window as unknown as HostWindow).host;
      for (let step = 1; step <= 5; step++) host.saveProgress(`{"step":${step}}`);
    });
    expect(await lms.commits()).toBe(atStart);
    await lms.content.evaluate(() => (window as unknown as HostWindow).host.reportResult({ scoreRaw: 75, status: 'incomplete' }));
    expect(await lms.commits()).toBe(atStart + 1);
    await lms.page.close();
  });

  it('commits batched progress once the interval has passed, with the last state', async () => {
    const lms = await open(lmsPage('2004'));
    await startHost(lms.content, 200);
    const atStart = await lms.commits();
    await lms.content.evaluate(() => {
      const host = (window as unknown as HostWindow).host;
      for (let step = 1; step <= 5; step++) host.saveProgress(`{"step":${step}}`);
    });
    await lms.page.waitForFunction((count) => (window as unknown as { commits: number }).commits > count, atStart);
    expect(await lms.commits()).toBe(atStart + 1);
    expect((await lms.cmi()).suspend_data).toBe('p{"step":5}');
    await lms.page.close();
  });

  it('SCORM 1.2: a hidden page commits with suspend and the session time but stays open; pagehide terminates', async () => {
    const lms = await open(lmsPage('1.2'));
    await startHost(lms.content, 60_000);
    const atStart = await lms.commits();
    await lms.content.evaluate(() => {
      (window as unknown as HostWindow).host.saveProgress('{"view":"outline"}');
      Object.defineProperty(document, 'visibilityState', { value: 'hidden', configurable: true });
      document.dispatchEvent(new Event('visibilitychange'));
    });
    const hidden = await lms.cmi();
    const hiddenState = {
      commits: await lms.commits(),
      terminated: await lms.page.evaluate(() => (window as unknown as { API: { isTerminated(): boolean } }).API.isTerminated()),
    };
    expect(hiddenState).toEqual({ commits: atStart + 1, terminated: false });
    expect((hidden.core as Json).exit).toBe('suspend');
    expect((hidden.core as Json).session_time).toMatch(/^\d{2,4}:\d{2}:\d{2}(\.\d{1,2})?$/);
    expect(hidden.suspend_data).toBe('p{"view":"outline"}');

    await lms.content.evaluate(() => window.dispatchEvent(new PageTransitionEvent('pagehide')));
    expect(await lms.page.evaluate(() => (window as unknown as { API: { isTerminated(): boolean } }).API.isTerminated())).toBe(true);
    expect(lms.warnings).toEqual([]);
    await lms.page.close();
  });
});
