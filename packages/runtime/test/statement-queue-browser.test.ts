import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchChromium } from '../../../test/support/chromium';
import { html, runtimeBundle, script } from './browser-fixture';
import { fakeCmi5Lms } from './fake-cmi5-lms';

// The statement queue with the browser's own localStorage and `online`
// event, against an LRS that goes down and comes back.

let browser: Browser;
let lms: Awaited<ReturnType<typeof fakeCmi5Lms>>;

beforeAll(async () => {
  lms = await fakeCmi5Lms({
    '/runtime.js': script(await runtimeBundle()),
    '/index.html': html('<script src="/runtime.js"></script>'),
  });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await lms?.close();
});

type Runtime = typeof import('../src/index');
type UnitWindow = Window & { smartRuntime: Runtime; statements: import('../src/index').StatementClient };

/** Creates the unit's StatementClient in the page as `window.statements`, as a session start does. */
const connect = (endpoint: string) => {
  const win = window as unknown as UnitWindow;
  win.statements = new win.smartRuntime.StatementClient({
    endpoint,
    credential: { key: 'session-key', secret: 'session-secret' },
    course: { id: 'berakhlak-2026', title: { id: 'BerAKHLAK' } },
    learner: { nip: '198503302010011002' },
    registration: '6f1c9a52-2a3e-4f4b-9d7e-0b7c1f5a9e21',
    hostKind: 'scorm12',
    retryDelayMs: 600_000,
  });
};

describe('statement queue in the browser', () => {
  it('keeps unsent statements in localStorage across a reload and sends each once when the LRS is back', async () => {
    const page = await browser.newPage();
    page.on('console', () => undefined);
    lms.control.statementsDown = true;
    await page.goto(`${lms.origin}/index.html`, { waitUntil: 'load' });
    await page.evaluate(connect, lms.origin);
    const waiting = await page.evaluate(async () => {
      const win = window as unknown as UnitWindow;
      await win.statements.initialized();
      await win.statements.experienced({ id: 'etika', title: { id: 'Etika' } });
      return { pending: win.statements.pending, stored: Object.keys(localStorage) };
    });
    expect(waiting).toEqual({ pending: 2, stored: [`smart-runtime:statement-queue:${lms.origin}`] });
    expect(lms.statements).toEqual([]);

    // The learner comes back later; the LRS is up again.
    lms.control.statementsDown = false;
    await page.reload({ waitUntil: 'load' });
    await page.evaluate(connect, lms.origin);
    await expect.poll(() => lms.statements.length).toBe(2);
    await page.evaluate(() => (window as unknown as UnitWindow).statements.sendPending());
    const after = await page.evaluate(() => localStorage.getItem(Object.keys(localStorage)[0]!));
    expect(after).toBe('[]');
    expect(new Set(lms.statements.map((statement) => statement.id)).size).toBe(2);
    await page.close();
  });

  it('sends waiting statements when the browser reports it is online again', async () => {
    const page = await browser.newPage();
    page.on('console', () => undefined);
    const before = lms.statements.length;
    lms.control.statementsDown = true;
    await page.goto(`${lms.origin}/index.html`, { waitUntil: 'load' });
    await page.evaluate(() => localStorage.clear());
    await page.evaluate(connect, lms.origin);
    await page.evaluate(() => (window as unknown as UnitWindow).statements.terminated());
    expect(lms.statements.length).toBe(before);

    lms.control.statementsDown = false;
    await page.evaluate(() => window.dispatchEvent(new Event('online')));
    await expect.poll(() => lms.statements.length).toBe(before + 1);
    await page.close();
  });
});
