import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Browser, FrameLocator, Page } from 'playwright-core';
import { launchChromium } from '../../../test/support/chromium';
import type { AttemptRecord } from '@smart-training/core';
import { LEARNER, SESSION_AUTH, startUnitServer, type UnitServer } from './unit-support';

type ScormCall = [string, ...string[]];

let browser: Browser;
let server: UnitServer;
let page: Page;

// A fresh LRS per test: the fake keeps the learner's attempts.
beforeEach(async () => {
  server = await startUnitServer();
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1100, height: 1000 } });
});

afterEach(async () => {
  await browser?.close();
  await server?.close();
});

async function launchFromLms(query = ''): Promise<FrameLocator> {
  await page.goto(`${server.origin}/lms/index.html${query}`);
  const unit = page.frameLocator('iframe');
  await unit.locator('smart-course-outline [data-card="placement"]').waitFor();
  return unit;
}

/** Replaces this test's LRS by one where the learner already has these attempts. */
async function relaunchLrsWith(attempts: AttemptRecord[]): Promise<void> {
  await server.close();
  server = await startUnitServer({ attempts });
}

const scormCalls = () => page.evaluate(() => (window as unknown as { API: { calls: ScormCall[] } }).API.calls);
const cmi = () => page.evaluate(() => (window as unknown as { API: { data: Record<string, string> } }).API.data);
const WAIVED_AT_PLACEMENT: AttemptRecord[] = [
  { testId: 'placement', kind: 'placement', attempt: 1, score: 92.5, outcome: 'passed', at: '2026-12-02T09:00:00+07:00' },
];

describe('<smart-course-unit> in Chromium', () => {
  it('identifies a SCORM 1.2 learner by cmi.core.student_id and shows the course outline', async () => {
    const unit = await launchFromLms();

    expect(server.log.sessions).toEqual([{ nip: LEARNER.nip }]);
    expect(await unit.locator('[data-learner]').textContent()).toBe(`${LEARNER.name} · NIP ${LEARNER.nip}`);
    expect(await unit.locator('smart-course-unit h1').textContent()).toBe('Pelatihan Nilai Dasar BerAKHLAK');
    expect(await unit.locator('[data-jp]').textContent()).toBe('20 JP');
    expect(await unit.locator('[data-offering]').textContent()).toMatch(/^1 Des 2026.*00\.00 WIB – 31 Des 2026.*23\.59 WIB$/);
    expect(await unit.locator('[data-card="placement"]').textContent()).toContain('Nilai lulus 85');
    expect(await unit.locator('[data-material-id] [data-state]').allTextContents()).toEqual([
      'Belum dimulai',
      'Belum dimulai',
    ]);
    expect(await unit.locator('[data-locked-reason]').textContent()).toContain(
      'Terkunci sampai semua materi lulus. Belum lulus: Berorientasi Pelayanan, Akuntabel.',
    );
    expect(await unit.locator('[data-recommendation]').getAttribute('data-recommendation')).toBe('placement');
    expect(await unit.locator('[data-card="placement"]').getAttribute('class')).toContain('recommended');

    const calls = await scormCalls();
    expect(calls[0]).toEqual(['LMSInitialize']);
    expect(calls).toContainEqual(['LMSGetValue', 'cmi.core.student_id']);
    await expect.poll(() => server.log.verbs).toContain('http://adlnet.gov/expapi/verbs/initialized');
  });

  it('reports the score of a finished material test to the LMS, commits, and shows the new standing', async () => {
    const unit = await launchFromLms();
    await unit.locator('[data-material-id="orientasi-pelayanan"] [data-action="open-material"]').click();
    const material = unit.locator('smart-material-view');
    expect(await material.locator('[part="text"]').textContent()).toBe('Pelayanan publik yang prima.');
    expect(await material.locator('figcaption [data-media-kind]').textContent()).toBe('Video');
    expect(await material.locator('figcaption [data-media-title]').textContent()).toBe('Video pengantar');
    expect(await material.locator('figcaption [data-media-minutes]').textContent()).toBe('35 menit');
    // The fixture serves no video file: the learner gets a way to it instead of a black frame.
    const unplayable = material.locator('[data-unplayable]');
    await unplayable.waitFor();
    expect(await material.locator('video').count()).toBe(0);
    expect(await unplayable.locator('a').getAttribute('href')).toBe('media/pengantar.mp4');
    expect(await unplayable.textContent()).toContain('Video ini tidak dapat diputar di halaman ini');
    expect(await unplayable.textContent()).toContain('35 menit');
    await expect.poll(() => server.log.verbs).toContain('http://adlnet.gov/expapi/verbs/experienced');

    await material.locator('[data-action="start-test"]').click();
    const player = unit.locator('smart-cat-player');
    await player.locator('[data-action="start"]').click();
    await player.locator('input[data-item-id="q-1"][data-option-id="a"]').check();
    await player.locator('[data-action="next"]').click();
    await player.locator('input[data-item-id="q-2"][data-option-id="true"]').check();
    await player.locator('[data-action="review"]').first().click();
    await player.locator('[data-action="submit"]').click();
    await player.locator('[data-action="confirm-submit"]').click();
    expect(await player.locator('[data-score]').textContent()).toBe('100');
    expect(await player.locator('[data-next-step]').textContent()).toBe('Pelajari materi berikutnya: Akuntabel.');

    await expect.poll(scormCalls).toContainEqual(['LMSSetValue', 'cmi.core.score.raw', '100']);
    const calls = await scormCalls();
    const scoreAt = calls.findIndex((call) => call[1] === 'cmi.core.score.raw');
    expect(calls).toContainEqual(['LMSSetValue', 'cmi.core.lesson_status', 'incomplete']);
    expect(calls.slice(scoreAt).some((call) => call[0] === 'LMSCommit')).toBe(true);

    // The next step on the result screen opens the next material.
    await player.locator('[data-action="next-step"]').click();
    expect(await unit.locator('smart-material-view h2').textContent()).toBe('Akuntabel');
    await unit.locator('smart-material-view [data-action="back"]').click();
    await expect
      .poll(() => unit.locator('[data-material-id="orientasi-pelayanan"] [data-state]').textContent())
      .toBe('Lulus');
    expect(await unit.locator('[data-material-id="orientasi-pelayanan"] [data-progress]').textContent()).toBe(
      'Nilai terbaik 100, 1 percobaan',
    );
    expect(await unit.locator('[data-recommendation] p').textContent()).toBe('Pelajari materi: Akuntabel.');
    expect(await unit.locator('[data-material-id="akuntabel"]').getAttribute('class')).toContain('recommended');
    expect(new Set(server.log.statementAuth)).toEqual(new Set([SESSION_AUTH]));
  });

  it('sends terminated and finishes the LMS session when the unit’s page goes away', async () => {
    await launchFromLms();
    await page.evaluate(() => document.querySelector('iframe')!.remove());
    await expect.poll(scormCalls).toContainEqual(['LMSFinish']);
    await expect.poll(() => server.log.verbs).toContain('http://adlnet.gov/expapi/verbs/terminated');
  });

  it('asks a learner opening the unit outside an LMS for the NIP and shows the server’s answer to an unknown one', async () => {
    await page.goto(`${server.origin}/pkg/index.html`);
    const form = page.locator('smart-nip-form');
    await form.locator('input').fill('12345');
    await form.locator('button[type="submit"]').click();
    expect(await form.locator('#nip-error').textContent()).toContain('terdiri dari 5 angka, padahal NIP tepat 18 angka');
    expect(server.log.sessions).toEqual([]);

    await form.locator('input').fill('199001012015032002');
    await form.locator('button[type="submit"]').click();
    await expect
      .poll(() => form.locator('#nip-error').textContent())
      .toContain('NIP 199001012015032002 tidak terdaftar dalam data pegawai.');

    await form.locator('input').fill(LEARNER.nip);
    await form.locator('button[type="submit"]').click();
    await page.locator('smart-course-outline [data-card="placement"]').waitFor();
    expect(await page.locator('[data-learner]').textContent()).toBe(`${LEARNER.name} · NIP ${LEARNER.nip}`);
  });

  it('tells the LMS at launch that a learner waived in an earlier session passed, with the placement score', async () => {
    await relaunchLrsWith(WAIVED_AT_PLACEMENT);
    await launchFromLms();

    await expect.poll(cmi).toMatchObject({ 'cmi.core.lesson_status': 'passed', 'cmi.core.score.raw': '92.5' });
    const calls = await scormCalls();
    const statusAt = calls.findIndex((call) => call[1] === 'cmi.core.lesson_status' && call[2] === 'passed');
    expect(calls.slice(statusAt).some((call) => call[0] === 'LMSCommit')).toBe(true);
  });

  it('leaves the LMS values alone at launch while the course is undecided', async () => {
    await relaunchLrsWith([
      { testId: 'placement', kind: 'placement', attempt: 1, score: 40, outcome: 'failed', at: '2026-12-02T09:00:00+07:00' },
    ]);
    await launchFromLms();

    expect(await cmi()).toMatchObject({ 'cmi.core.lesson_status': 'incomplete' });
    expect((await scormCalls()).some((call) => call[1] === 'cmi.core.score.raw')).toBe(false);
  });

  it('prints the certificate alone from its print button', async () => {
    await relaunchLrsWith(WAIVED_AT_PLACEMENT);
    const unit = await launchFromLms();
    const frame = page.frames().find((candidate) => candidate.url().endsWith('/pkg/index.html'))!;
    await frame.evaluate(() => {
      (window as unknown as { printed: number }).printed = 0;
      window.print = () => {
        (window as unknown as { printed: number }).printed += 1;
      };
    });

    await unit.locator('[data-action="print-certificate"]').click();
    expect(await frame.evaluate(() => (window as unknown as { printed: number }).printed)).toBe(1);

    await page.emulateMedia({ media: 'print' });
    expect(await unit.locator('smart-certificate-panel [data-certificate-number]').isVisible()).toBe(true);
    expect(await unit.locator('smart-course-outline').isVisible()).toBe(false);
    expect(await unit.locator('smart-course-unit h1').isVisible()).toBe(false);
    expect(await unit.locator('[data-action="print-certificate"]').isVisible()).toBe(false);
  });

  it('starts in English when the LMS says the learner prefers it', async () => {
    const unit = await launchFromLms('?lang=en-GB');
    expect(await unit.locator('smart-course-unit h1').textContent()).toBe('BerAKHLAK Core Values Training');
    expect(await unit.locator('[data-lang="en"]').getAttribute('aria-pressed')).toBe('true');
  });

  it('remembers the learner’s choice of language for the next launch', async () => {
    const unit = await launchFromLms();
    await unit.locator('[data-lang="en"]').click();
    await launchFromLms();
    expect(await unit.locator('smart-course-unit h1').textContent()).toBe('BerAKHLAK Core Values Training');
  });

  it('switches the whole unit to English from the language toggle', async () => {
    const unit = await launchFromLms();
    await unit.locator('[data-lang="en"]').click();
    expect(await unit.locator('smart-course-unit h1').textContent()).toBe('BerAKHLAK Core Values Training');
    expect(await unit.locator('#materials-heading').textContent()).toBe('Materials');
    expect(await unit.locator('[data-material-id] [data-state]').first().textContent()).toBe('Not started');
    expect(await unit.locator('[data-offering]').textContent()).toMatch(/^1 Dec 2026.*00:00 WIB – 31 Dec 2026.*23:59 WIB$/);
    expect(await unit.locator('[data-lang="en"]').getAttribute('aria-pressed')).toBe('true');

    await unit.locator('[data-card="placement"] [data-action="start-test"]').click();
    const player = unit.locator('smart-cat-player');
    expect((await player.locator('[data-action="start"]').textContent())?.trim()).toBe('Start the test');
  });
});
