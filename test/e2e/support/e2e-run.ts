import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { REPO_ROOT, startDemo, type RunningDemo } from '../../../examples/demo';
import { launchChromium } from '../../support/chromium';
import { clockInsideOffering } from './unit-driver';

/** Where the end-to-end tests leave their screenshots. */
export const SCREENSHOTS = path.join(REPO_ROOT, 'test-results', 'e2e');

/** One end-to-end test file's world: the demo (LRS, course, every package hosted) and a browser. */
export interface E2eRun {
  demo: RunningDemo;
  browser: Browser;
  close(): Promise<void>;
}

/**
 * Starts the demo on a free loopback port in a fresh data folder, on a clock
 * inside the example course's offering window, and a headless Chromium.
 *
 * @example
 * let run: E2eRun;
 * beforeAll(async () => { run = await startE2eRun('smart-e2e-xapi-'); });
 * afterAll(() => run?.close());
 */
export async function startE2eRun(folderPrefix: string): Promise<E2eRun> {
  const dataDir = await mkdtemp(path.join(tmpdir(), folderPrefix));
  await mkdir(SCREENSHOTS, { recursive: true });
  const demo = await startDemo({ dataDir, port: 0, clock: await clockInsideOffering() });
  const browser = await launchChromium();
  return {
    demo,
    browser,
    async close() {
      await browser.close();
      await demo.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
