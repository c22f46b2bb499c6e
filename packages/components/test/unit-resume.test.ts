import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Browser, Frame, Page } from 'playwright-core';
import { launchChromium } from '../../../test/support/chromium';
import { decodeSuspendData } from '../../runtime/src/suspend-data';
import { startUnitServer, type UnitServer } from './unit-support';

// Resuming a SCORM 1.2 attempt: the fake LMS page takes the suspend_data
// of the earlier session as `?suspend=`, as an LMS hands it back on relaunch.

type ScormCall = [string, ...string[]];

let browser: Browser;
let server: UnitServer;
let page: Page;
let warnings: string[];

beforeEach(async () => {
  server = await startUnitServer();
  browser = await launchChromium();
  // Short, so a material page scrolls.
  page = await browser.newPage({ viewport: { width: 900, height: 420 } });
  warnings = [];
  page.on('console', (message) => {
    if (message.type() === 'warning') warnings.push(message.text());
  });
});

afterEach(async () => {
  await browser?.close();
  await server?.close();
});

const cmi = () => page.evaluate(() => (window as unknown as { API: { data: Record<string, string> } }).API.data);
const scormCalls = () => page.evaluate(() => (window as unknown as { API: { calls: ScormCall[] } }).API.calls);
const savedState = async (): Promise<Record<string, unknown> | null> => {
  const stored = decodeSuspendData((await cmi())['cmi.suspend_data'] ?? '');
  return stored === null ? null : (JSON.parse(stored) as Record<string, unknown>);
};

async function launch(suspendData = ''): Promise<Frame> {
  await page.goto(`${server.origin}/lms/index.html${suspendData === '' ? '' : `?suspend=${encodeURIComponent(suspendData)}`}`);
  await page.frameLocator('iframe').locator('smart-course-unit [part="view"] > *').first().waitFor();
  return page.frames().find((frame) => frame.url().includes('/pkg/index.html'))!;
}

describe('<smart-course-unit> resuming in Chromium', () => {
  it('resumes a relaunch at the material, scroll position and language the learner left', async () => {
    await launch();
    const unit = page.frameLocator('iframe');
    await unit.locator('smart-course-outline [data-card="placement"]').waitFor();
    await unit.locator('[data-lang="en"]').click();
    await unit.locator('[data-material-id="orientasi-pelayanan"] [data-action="open-material"]').click();
    await unit.locator('smart-material-view h2').waitFor();
    const frame = page.frames().find((candidate) => candidate.url().includes('/pkg/index.html'))!;
    await frame.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
    await expect.poll(savedState).toEqual({ v: 1, view: 'material', id: 'orientasi-pelayanan', scroll: 1, lang: 'en' });

    // The session ends (commit and finish); the LMS hands the state back at the next launch.
    await page.evaluate(() => document.querySelector('iframe')!.remove());
    await expect.poll(scormCalls).toContainEqual(['LMSFinish']);
    const calls = await scormCalls();
    const savedAt = calls.length - 1 - [...calls].reverse().findIndex((call) => call[1] === 'cmi.suspend_data');
    expect(calls.slice(savedAt).some((call) => call[0] === 'LMSCommit')).toBe(true);
    const suspendData = (await cmi())['cmi.suspend_data']!;
    expect(suspendData.length).toBeLessThan(200);

    await page.evaluate(() => localStorage.clear());
    const relaunched = await launch(suspendData);
    const material = page.frameLocator('iframe').locator('smart-material-view');
    expect(await material.locator('h2').textContent()).toBe('Service Orientation');
    expect(await page.frameLocator('iframe').locator('smart-course-outline').count()).toBe(0);
    await expect.poll(() => relaunched.evaluate(() => window.scrollY)).toBeGreaterThan(0);
    expect(warnings.filter((warning) => warning.includes('[smart-unit:'))).toEqual([]);
  });

  it('resumes at the test the learner had open, so the same form continues', async () => {
    await launch('p{"v":1,"view":"test","id":"material:akuntabel"}');
    const player = page.frameLocator('iframe').locator('smart-cat-player');
    expect(await player.evaluate((element) => (element as HTMLElement & { testId: string }).testId)).toBe('material:akuntabel');
    expect(await player.locator('[data-action="start"]').isVisible()).toBe(true);
  });

  it('ignores a saved state that is not its own with a warning, and starts at the outline', async () => {
    await launch('pthis is not the unit’s state');
    const unit = page.frameLocator('iframe');
    await unit.locator('smart-course-outline [data-card="placement"]').waitFor();
    expect(warnings.some((warning) => warning.startsWith('[smart-unit:progress-ignored]') && warning.includes('not JSON'))).toBe(true);

    await launch('p{"v":1,"view":"material","id":"hilang"}');
    await unit.locator('smart-course-outline [data-card="placement"]').waitFor();
    expect(warnings.some((warning) => warning.includes('names material "hilang", which this course does not have'))).toBe(true);
    expect(await unit.locator('smart-material-view').count()).toBe(0);

    // The unit goes on saving a good state over the bad one.
    await unit.locator('[data-material-id="akuntabel"] [data-action="open-material"]').click();
    await expect.poll(savedState).toMatchObject({ v: 1, view: 'material', id: 'akuntabel' });
  });
});
