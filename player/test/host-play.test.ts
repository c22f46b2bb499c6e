import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../../test/support/chromium';
import { unpackPackage } from '../src/host/index';
import { SCO_PAGE, scorm12Manifest, startHost, tempDir, writeZip } from './host-fixtures';

/** Waits for the page to reach a state; the bound only guards against a hung browser. */
const eventually = <T>(read: () => Promise<T> | T) => expect.poll(read, { timeout: 15_000 });

const NIP = '198503302010011002';

let root: string;
let browser: Browser;
let host: Awaited<ReturnType<typeof startHost>>;

beforeAll(async () => {
  root = await tempDir('play');
  const distDir = join(root, 'dist');
  const packagesDir = join(root, 'packages');
  await mkdir(join(distDir, 'host'), { recursive: true });
  // The same entry rollup builds to dist/host/host.js.
  await build({
    entryPoints: [fileURLToPath(new URL('../src/host/host-page.ts', import.meta.url))],
    bundle: true,
    format: 'esm',
    target: 'es2020',
    outfile: join(distDir, 'host', 'host.js'),
  });
  await unpackPackage(
    await writeZip(root, 'sco-12.zip', [
      { path: 'imsmanifest.xml', text: scorm12Manifest('Tes SCO') },
      { path: 'index.html', text: SCO_PAGE },
      { path: 'readme.html', text: 'readme' },
    ]),
    packagesDir,
  );
  host = await startHost({ packagesDir, distDir });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await host?.close();
  await rm(root, { recursive: true, force: true });
});

/** The text of one value in the player's side panel. */
function panelValue(page: Page, field: string) {
  return page.locator(`smart-host-player dd[data-cmi="${field}"]`);
}

async function play(page: Page, query = `learner=${NIP}&name=Siti`) {
  await page.goto(`${host.origin}/host/play/sco-12?${query}`);
  const sco = page.frameLocator('smart-host-player iframe');
  await eventually(() => sco.locator('#state').textContent()).toBe('done');
  return sco;
}

describe('host player page in Chromium', () => {
  it('plays a SCORM 1.2 package: the SCO finds the API and the panel shows its score, status and commit', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const sco = await play(page);

    expect(await sco.locator('body').getAttribute('data-learner')).toBe(NIP);
    await eventually(() => panelValue(page, 'score.raw').textContent()).toBe('90');
    expect(await panelValue(page, 'lesson_status').textContent()).toBe('passed');
    expect(await panelValue(page, 'learner_id').textContent()).toBe(NIP);
    expect(await panelValue(page, 'commits').textContent()).toBe('1');
    expect(await page.locator('smart-host-player h2').textContent()).toBe('Data SCORM (CMI)');
    await context.close();
  });

  it('resumes on relaunch: the SCO is told entry=resume and the panel says data was restored', async () => {
    const context = await browser.newContext();
    const first = await context.newPage();
    const firstSco = await play(first);
    expect(await firstSco.locator('body').getAttribute('data-entry')).not.toBe('resume');
    await first.close();

    const second = await context.newPage();
    const sco = await play(second);

    expect(await sco.locator('body').getAttribute('data-entry')).toBe('resume');
    expect(await second.locator('smart-host-player aside').textContent()).toContain('Data sebelumnya dipulihkan');
    await context.close();
  });

  it('keeps each learner separate: another NIP starts fresh', async () => {
    const context = await browser.newContext();
    await play(await context.newPage());

    const other = await context.newPage();
    const sco = await play(other, 'learner=199001012015032001');

    expect(await sco.locator('body').getAttribute('data-entry')).not.toBe('resume');
    expect(await other.locator('smart-host-player aside').textContent()).not.toContain('Data sebelumnya dipulihkan');
    await context.close();
  });

  it('labels the panel in English on ?lang=en and tells the package the learner prefers English', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const sco = await play(page, `learner=${NIP}&lang=en`);

    expect(await page.locator('smart-host-player h2').textContent()).toBe('SCORM data (CMI)');
    expect(await sco.locator('body').getAttribute('data-language')).toBe('en');
    await context.close();
  });

  it('gives the package Indonesian as the preferred language by default, also on a resumed launch after English', async () => {
    const context = await browser.newContext();
    await play(await context.newPage(), `learner=${NIP}&lang=en`);

    const sco = await play(await context.newPage());

    expect(await sco.locator('body').getAttribute('data-entry')).toBe('resume');
    expect(await sco.locator('body').getAttribute('data-language')).toBe('id');
    await context.close();
  });
});
