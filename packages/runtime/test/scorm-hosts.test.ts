import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../../../test/support/chromium';
import { html, runtimeBundle, scormAgainBundle, script, serve, type FixtureServer } from './browser-fixture';

// The LMS page: scorm-again as the API with the learner preloaded, counting
// commits, and the unit's content in a frame. `extra` sets more CMI values.
const lms12 = (extra = '') => html(`<script src="/scorm-again.js"></script>
<script>
  window.API = new Scorm12API({ logLevel: 5, autocommit: false });
  window.API.cmi.core.student_id = '198503302010011002';
  window.API.cmi.core.student_name = 'Siti Rahmawati, S.Sos.';
  ${extra}
  window.commits = 0;
  window.API.on('LMSCommit', () => { window.commits += 1; });
</script>
<iframe src="/content.html"></iframe>`);

const lms2004 = (extra = '') => html(`<script src="/scorm-again.js"></script>
<script>
  window.API_1484_11 = new Scorm2004API({ logLevel: 5, autocommit: false });
  window.API_1484_11.cmi.learner_id = '199001012015032001';
  window.API_1484_11.cmi.learner_name = 'Budi Santoso';
  ${extra}
  window.commits = 0;
  window.API_1484_11.on('Commit', () => { window.commits += 1; });
</script>
<iframe src="/content.html"></iframe>`);

// An LMS that refuses every SetValue, to see how the bridge reports it.
const LMS_REFUSING = html(`<script>
  window.API = { LMSInitialize: () => 'true', LMSFinish: () => 'true', LMSGetValue: () => '',
    LMSSetValue: () => { window.lastError = '405'; return 'false'; },
    LMSCommit: () => { window.lastError = '0'; return 'true'; },
    LMSGetLastError: () => window.lastError ?? '0',
    LMSGetErrorString: () => 'Incorrect Data Type', LMSGetDiagnostic: () => '' };
</script>
<iframe src="/content.html"></iframe>`);

let browser: Browser;
let server: FixtureServer;

beforeAll(async () => {
  server = await serve({
    '/runtime.js': script(await runtimeBundle()),
    '/scorm-again.js': script(await scormAgainBundle()),
    '/lms-12.html': lms12(),
    '/lms-2004.html': lms2004(),
    '/lms-refusing.html': LMS_REFUSING,
    '/lms-12-en.html': lms12("window.API.cmi.student_preference.language = 'en-US';"),
    '/lms-2004-en.html': lms2004("window.API_1484_11.cmi.learner_preference.language = 'en';"),
    '/content.html': html('<script src="/runtime.js"></script>'),
  });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** Opens the LMS page and, inside its content frame, starts the host and reports 80 passed. */
async function launchAndReport(page: Page, lmsPath: string) {
  const warnings: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'warning') warnings.push(message.text());
  });
  await page.goto(`${server.origin}${lmsPath}`, { waitUntil: 'load' });
  const content = page.frames().find((frame) => frame.url().endsWith('/content.html'));
  if (!content) throw new Error('content frame did not load');
  const started = await content.evaluate(async () => {
    const runtime = (window as unknown as { smartRuntime: typeof import('../src/index') }).smartRuntime;
    const host = runtime.connectHost(window);
    const learner = await host.start();
    host.reportResult({ scoreRaw: 80, status: 'passed' });
    return { kind: host.kind, learner };
  });
  return { ...started, lmsRefusals: warnings.filter((text) => text.startsWith('[smart-runtime:')) };
}

describe('host bridges against scorm-again', () => {
  it('SCORM 1.2: reads the learner, records score 80 passed on 0–100 and commits it', async () => {
    const page = await browser.newPage();
    const started = await launchAndReport(page, '/lms-12.html');
    expect(started).toEqual({
      kind: 'scorm12',
      learner: { id: '198503302010011002', name: 'Siti Rahmawati, S.Sos.' },
      lmsRefusals: [],
    });
    const lms = await page.evaluate(() => {
      const api = (window as unknown as { API: { cmi: { core: Record<string, unknown> & { score: Record<string, string> } } } }).API;
      return {
        raw: api.cmi.core.score.raw,
        min: api.cmi.core.score.min,
        max: api.cmi.core.score.max,
        status: api.cmi.core.lesson_status,
        commits: (window as unknown as { commits: number }).commits,
      };
    });
    expect(lms.raw).toBe('80');
    expect(lms.min).toBe('0');
    expect(lms.max).toBe('100');
    expect(lms.status).toBe('passed');
    expect(lms.commits).toBeGreaterThanOrEqual(1);
    await page.close();
  });

  it('SCORM 1.2: terminating finishes the LMS session and later results are not sent', async () => {
    const page = await browser.newPage();
    const warnings: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'warning') warnings.push(message.text());
    });
    await page.goto(`${server.origin}/lms-12.html`, { waitUntil: 'load' });
    const content = page.frames().find((frame) => frame.url().endsWith('/content.html'))!;
    await content.evaluate(async () => {
      const runtime = (window as unknown as { smartRuntime: typeof import('../src/index') }).smartRuntime;
      const host = runtime.connectHost(window);
      await host.start();
      host.reportResult({ scoreRaw: 80, status: 'passed' });
      host.terminate();
      host.reportResult({ scoreRaw: 10, status: 'failed' });
    });
    const lms = await page.evaluate(() => {
      const api = (window as unknown as { API: { isTerminated(): boolean; cmi: { core: { score: { raw: string } } } } }).API;
      return { terminated: api.isTerminated(), raw: api.cmi.core.score.raw };
    });
    expect(lms).toEqual({ terminated: true, raw: '80' });
    expect(warnings.some((text) => text.startsWith('[smart-runtime:lms-call-after-terminate]'))).toBe(true);
    expect(warnings.filter((text) => text.startsWith('[smart-runtime:lms-call-failed]'))).toEqual([]);
    await page.close();
  });

  it('SCORM 2004: an unfinished result stays incomplete with unknown success, suspends, and terminates cleanly', async () => {
    const page = await browser.newPage();
    const warnings: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'warning') warnings.push(message.text());
    });
    await page.goto(`${server.origin}/lms-2004.html`, { waitUntil: 'load' });
    const content = page.frames().find((frame) => frame.url().endsWith('/content.html'))!;
    await content.evaluate(async () => {
      const runtime = (window as unknown as { smartRuntime: typeof import('../src/index') }).smartRuntime;
      const host = runtime.connectHost(window);
      await host.start();
      host.reportResult({ scoreRaw: 40, status: 'incomplete' });
      host.terminate();
    });
    const lms = await page.evaluate(() => {
      const api = (window as unknown as { API_1484_11: { isTerminated(): boolean; cmi: Record<string, unknown> & { score: Record<string, string> } } }).API_1484_11;
      return {
        terminated: api.isTerminated(),
        raw: api.cmi.score.raw,
        success: api.cmi.success_status,
        completion: api.cmi.completion_status,
        // cmi.exit is write-only for content; the LMS's JSON view has it.
        exit: (JSON.parse(JSON.stringify(api.cmi)) as { exit: string }).exit,
      };
    });
    expect(lms).toEqual({ terminated: true, raw: '40', success: 'unknown', completion: 'incomplete', exit: 'suspend' });
    expect(warnings).toEqual([]);
    await page.close();
  });

  it('SCORM 2004: records raw 80, scaled 0.8, passed and completed, and commits', async () => {
    const page = await browser.newPage();
    const started = await launchAndReport(page, '/lms-2004.html');
    expect(started).toEqual({
      kind: 'scorm2004',
      learner: { id: '199001012015032001', name: 'Budi Santoso' },
      lmsRefusals: [],
    });
    const lms = await page.evaluate(() => {
      const api = (window as unknown as { API_1484_11: { cmi: Record<string, unknown> & { score: Record<string, string> } } }).API_1484_11;
      return {
        raw: api.cmi.score.raw,
        scaled: api.cmi.score.scaled,
        success: api.cmi.success_status,
        completion: api.cmi.completion_status,
        commits: (window as unknown as { commits: number }).commits,
      };
    });
    expect(lms.raw).toBe('80');
    expect(Number(lms.scaled)).toBe(0.8);
    expect(lms.success).toBe('passed');
    expect(lms.completion).toBe('completed');
    expect(lms.commits).toBeGreaterThanOrEqual(1);
    await page.close();
  });

  it('reads the learner’s preferred language from either SCORM version, and none when the LMS holds none', async () => {
    const preferred = async (lmsPath: string) => {
      const page = await browser.newPage();
      const warnings: string[] = [];
      page.on('console', (message) => {
        if (message.type() === 'warning') warnings.push(message.text());
      });
      await page.goto(`${server.origin}${lmsPath}`, { waitUntil: 'load' });
      const content = page.frames().find((frame) => frame.url().endsWith('/content.html'))!;
      const language = await content.evaluate(async () => {
        const runtime = (window as unknown as { smartRuntime: typeof import('../src/index') }).smartRuntime;
        const host = runtime.connectHost(window);
        await host.start();
        return host.preferredLanguage();
      });
      await page.close();
      return { language, warnings };
    };
    expect(await preferred('/lms-12-en.html')).toEqual({ language: 'en', warnings: [] });
    expect(await preferred('/lms-2004-en.html')).toEqual({ language: 'en', warnings: [] });
    expect(await preferred('/lms-12.html')).toEqual({ language: null, warnings: [] });
    expect(await preferred('/lms-2004.html')).toEqual({ language: null, warnings: [] });
  });

  it('an LMS refusing a value gets one warning per cause with a stable code, and no exception', async () => {
    const page = await browser.newPage();
    const warnings: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'warning') warnings.push(message.text());
    });
    await page.goto(`${server.origin}/lms-refusing.html`, { waitUntil: 'load' });
    const content = page.frames().find((frame) => frame.url().endsWith('/content.html'))!;
    await content.evaluate(async () => {
      const runtime = (window as unknown as { smartRuntime: typeof import('../src/index') }).smartRuntime;
      const host = runtime.connectHost(window);
      await host.start();
      host.reportResult({ scoreRaw: 80, status: 'passed' });
      host.reportResult({ scoreRaw: 90, status: 'passed' });
    });
    const rawWarnings = warnings.filter((text) => text.includes('LMSSetValue("cmi.core.score.raw")'));
    expect(rawWarnings).toHaveLength(1);
    expect(rawWarnings[0]).toMatch(/^\[smart-runtime:lms-call-failed\] SCORM 1\.2 .* LMS error 405 \(Incorrect Data Type\)/);
    await page.close();
  });
});
