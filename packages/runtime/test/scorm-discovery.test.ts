import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Frame, Page } from 'playwright-core';
import { launchChromium } from '../../../test/support/chromium';
import { html, runtimeBundle, script, serve, type FixtureServer } from './browser-fixture';

// Fake LMS APIs: discovery only checks the shape, not the behaviour.
const FAKE_12 = `{ LMSInitialize(){return 'true'}, LMSFinish(){return 'true'}, LMSGetValue(){return ''},
  LMSSetValue(){return 'true'}, LMSCommit(){return 'true'}, LMSGetLastError(){return '0'},
  LMSGetErrorString(){return ''}, LMSGetDiagnostic(){return ''} }`;
const FAKE_2004 = `{ Initialize(){return 'true'}, Terminate(){return 'true'}, GetValue(){return ''},
  SetValue(){return 'true'}, Commit(){return 'true'}, GetLastError(){return '0'},
  GetErrorString(){return ''}, GetDiagnostic(){return ''} }`;

const CONTENT = html('<script src="/runtime.js"></script><p>content</p>');

let browser: Browser;
let server: FixtureServer;

beforeAll(async () => {
  server = await serve({
    '/runtime.js': script(await runtimeBundle()),
    '/lms-12.html': html(`<script>window.API = ${FAKE_12};</script><iframe src="/middle.html"></iframe>`),
    '/lms-both.html': html(
      `<script>window.API = ${FAKE_12}; window.API_1484_11 = ${FAKE_2004};</script><iframe src="/middle.html"></iframe>`,
    ),
    '/lms-2004-top.html': html(`<script>window.API_1484_11 = ${FAKE_2004};</script><iframe src="/middle-12.html"></iframe>`),
    '/middle-12.html': html(`<script>window.API = ${FAKE_12};</script><iframe src="/content.html"></iframe>`),
    '/middle.html': html('<iframe src="/content.html"></iframe>'),
    '/content.html': CONTENT,
    '/opener.html': html(`<script>window.API = ${FAKE_12};</script>`),
    '/alone.html': CONTENT,
  });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function contentFrame(page: Page): Promise<Frame> {
  const frame = page.frames().find((candidate) => candidate.url().endsWith('/content.html'));
  if (!frame) throw new Error('content frame did not load');
  await frame.waitForFunction(() => 'smartRuntime' in window);
  return frame;
}

function versionFoundIn(target: Page | Frame) {
  return target.evaluate(() => {
    const runtime = (window as unknown as { smartRuntime: typeof import('../src/index') }).smartRuntime;
    return runtime.findScormApi(window)?.version ?? null;
  });
}

describe('findScormApi in a real browser', () => {
  it('finds the LMS SCORM 1.2 API from content nested two frames below it', async () => {
    const page = await browser.newPage();
    await page.goto(`${server.origin}/lms-12.html`, { waitUntil: 'load' });
    expect(await versionFoundIn(await contentFrame(page))).toBe('1.2');
    await page.close();
  });

  it('finds the API in the window that opened the content as a pop-up', async () => {
    const page = await browser.newPage();
    await page.goto(`${server.origin}/opener.html`, { waitUntil: 'load' });
    const [popup] = await Promise.all([
      page.waitForEvent('popup'),
      page.evaluate(() => window.open('/alone.html', 'content')),
    ]);
    await popup.waitForFunction(() => 'smartRuntime' in window);
    expect(await versionFoundIn(popup)).toBe('1.2');
    await page.close();
  });

  it('prefers the SCORM 2004 API when the LMS offers both versions', async () => {
    const page = await browser.newPage();
    await page.goto(`${server.origin}/lms-both.html`, { waitUntil: 'load' });
    expect(await versionFoundIn(await contentFrame(page))).toBe('2004');
    await page.close();
  });

  it('prefers a SCORM 2004 API at the top over a SCORM 1.2 API in a nearer frame', async () => {
    const page = await browser.newPage();
    await page.goto(`${server.origin}/lms-2004-top.html`, { waitUntil: 'load' });
    expect(await versionFoundIn(await contentFrame(page))).toBe('2004');
    await page.close();
  });

  it('finds nothing, and connects a standalone host, when no LMS launched the content', async () => {
    const page = await browser.newPage();
    await page.goto(`${server.origin}/alone.html`, { waitUntil: 'load' });
    expect(await versionFoundIn(page)).toBeNull();
    const host = await page.evaluate(async () => {
      const runtime = (window as unknown as { smartRuntime: typeof import('../src/index') }).smartRuntime;
      const bridge = runtime.connectHost(window, { standaloneLearner: { id: '198503302010011002' } });
      return { kind: bridge.kind, learner: await bridge.start() };
    });
    expect(host).toEqual({ kind: 'standalone', learner: { id: '198503302010011002' } });
    await page.close();
  });
});
