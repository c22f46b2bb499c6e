import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Browser, FrameLocator, Page } from 'playwright-core';
import { launchChromium } from '../../../test/support/chromium';
import type { AttemptRecord } from '@smart-training/core';
import { fakeCmi5Lms } from '../../runtime/test/fake-cmi5-lms';
import { bundleUnit, LEARNER, startUnitServer, takeTest, type UnitServer } from './unit-support';

// The unit launched for one test, as every cmi5 AU launches it
// (`index.html?smart-au=<test id>`): first inside the SCORM 1.2 stub of the
// fake LMS page, which records what the unit reports, then by a cmi5 LMS.

type ScormCall = [string, ...string[]];

let browser: Browser;
let server: UnitServer;
let page: Page;

beforeEach(async () => {
  server = await startUnitServer();
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1100, height: 1000 } });
});

afterEach(async () => {
  await browser?.close();
  await server?.close();
});

async function launchAu(testId: string): Promise<FrameLocator> {
  await page.goto(`${server.origin}/lms/index.html?au=${encodeURIComponent(testId)}`);
  const unit = page.frameLocator('iframe');
  await unit.locator('smart-course-unit [part="view"] > *').first().waitFor();
  return unit;
}

/** Replaces this test's LRS by one where the learner already has these attempts. */
async function relaunchLrsWith(attempts: AttemptRecord[]): Promise<void> {
  await server.close();
  server = await startUnitServer({ attempts });
}

const scormCalls = () => page.evaluate(() => (window as unknown as { API: { calls: ScormCall[] } }).API.calls);
const cmi = () => page.evaluate(() => (window as unknown as { API: { data: Record<string, string> } }).API.data);
const reported = async (element: string) =>
  (await scormCalls()).filter((call) => call[0] === 'LMSSetValue' && call[1] === element).map((call) => call[2]);

describe('<smart-course-unit> launched for one AU', () => {
  it('shows a material AU its material alone and reports only that test’s score and the LRS’s verdict', async () => {
    const unit = await launchAu('material:orientasi-pelayanan');
    const material = unit.locator('smart-material-view');
    expect(await material.locator('h2').textContent()).toBe('Berorientasi Pelayanan');
    expect(await unit.locator('smart-course-outline').count()).toBe(0);
    expect(await material.locator('[data-action="back"]').count()).toBe(0);
    expect(await unit.locator('[data-au-done]').count()).toBe(0);
    await expect.poll(() => server.log.verbs).toContain('http://adlnet.gov/expapi/verbs/experienced');

    await material.locator('[data-action="start-test"]').click();
    const player = unit.locator('smart-cat-player');
    await takeTest(player, 'b');
    expect(await player.locator('[data-score]').textContent()).toBe('50');
    await expect.poll(cmi).toMatchObject({ 'cmi.core.lesson_status': 'failed', 'cmi.core.score.raw': '50' });
    expect(await unit.locator('[data-au-done] [data-reported]').textContent()).toBe('Hasil tes ini sudah dikirim ke LMS.');

    // Remedial: the same material again, then a retake.
    await player.locator('[data-action="next-step"]').click();
    expect(await material.locator('article').getAttribute('data-material-id')).toBe('orientasi-pelayanan');
    await material.locator('[data-action="start-test"]').click();
    await takeTest(player, 'a');
    await expect.poll(cmi).toMatchObject({ 'cmi.core.lesson_status': 'passed', 'cmi.core.score.raw': '100' });

    // The LRS's next step is the next material, which is another AU: the unit stays on its own.
    expect(await player.locator('[data-next-step]').textContent()).toBe('Pelajari materi berikutnya: Akuntabel.');
    await player.locator('[data-action="next-step"]').click();
    expect(await material.locator('article').getAttribute('data-material-id')).toBe('orientasi-pelayanan');
    expect(await material.locator('[data-state]').textContent()).toBe('Lulus');

    // Each verdict as the LRS gave it, never the course standing ("incomplete" is the launch's own mark).
    expect(await reported('cmi.core.lesson_status')).toEqual(['incomplete', 'failed', 'passed']);
    expect(await reported('cmi.core.score.raw')).toEqual(['50', '100']);

    await unit.locator('[data-action="done"]').click();
    expect(await unit.locator('[data-closed]').textContent()).toContain('Sesi sudah ditutup');
    expect(await scormCalls()).toContainEqual(['LMSFinish']);
  });

  it('shows a final AU refused by the SMART rules with the LRS’s message and reports nothing', async () => {
    const unit = await launchAu('final');
    const refusal = unit.locator('[data-au="final"] [data-refusal]');
    expect(await refusal.getAttribute('data-refusal')).toBe('materials_not_passed');
    expect(await refusal.textContent()).toContain('Luluskan dulu semua tes materi.');
    expect(await unit.locator('smart-cat-player').count()).toBe(0);
    expect(await unit.locator('[data-au] [data-action="start-test"]').count()).toBe(0);

    await unit.locator('[data-lang="en"]').click();
    expect(await refusal.textContent()).toContain('Pass every material test first.');
    expect(await unit.locator('[data-au-done]').textContent()).toContain('Choose Done to close the session');
    expect(await unit.locator('[data-au-done] [data-reported]').count()).toBe(0);

    expect(await reported('cmi.core.lesson_status')).toEqual(['incomplete']);
    expect(await reported('cmi.core.score.raw')).toEqual([]);
  });

  it('refuses a second placement test with the LRS’s message and leaves the LMS values alone', async () => {
    await relaunchLrsWith([
      { testId: 'placement', kind: 'placement', attempt: 1, score: 40, outcome: 'failed', at: '2026-12-02T09:00:00+07:00' },
    ]);
    const unit = await launchAu('placement');
    expect(await unit.locator('[data-refusal]').textContent()).toContain('Tes penempatan hanya sebelum pelatihan.');
    expect(await reported('cmi.core.score.raw')).toEqual([]);
    expect((await cmi())['cmi.core.lesson_status']).toBe('incomplete');
  });

  it('opens a placement or final AU on its test when the rules allow it', async () => {
    const unit = await launchAu('placement');
    const player = unit.locator('smart-cat-player');
    await player.locator('[data-action="start"]').waitFor();
    expect(await player.evaluate((element) => (element as HTMLElement & { testId: string }).testId)).toBe('placement');
    expect(await unit.locator('[data-au-done]').count()).toBe(0);
  });

  it('tells the LMS again about a pass of the AU’s test from an earlier session', async () => {
    await relaunchLrsWith([
      { testId: 'placement', kind: 'placement', attempt: 1, score: 40, outcome: 'failed', at: '2026-12-02T09:00:00+07:00' },
      { testId: 'material:akuntabel', kind: 'material', attempt: 1, score: 85, outcome: 'passed', at: '2026-12-03T09:00:00+07:00' },
    ]);
    const unit = await launchAu('material:akuntabel');
    await expect.poll(cmi).toMatchObject({ 'cmi.core.lesson_status': 'passed', 'cmi.core.score.raw': '85' });
    await unit.locator('[data-au-done] [data-reported]').waitFor();
  });

  it('heads a relaunched AU whose test the learner passed as passed, not as refused', async () => {
    await relaunchLrsWith([
      { testId: 'placement', kind: 'placement', attempt: 1, score: 90, outcome: 'passed', at: '2026-12-02T09:00:00+07:00' },
    ]);
    const unit = await launchAu('placement');
    const answer = unit.locator('[data-au] [data-refusal]');
    await answer.waitFor();
    expect(await answer.getAttribute('role')).toBe('status');
    expect(await answer.locator('h3').textContent()).toBe('Anda sudah lulus tes ini');
    expect(await unit.locator('[data-action="start-test"]').count()).toBe(0);
  });

  it('says which test the launch named when the course has no such test', async () => {
    const unit = await launchAu('material:hilang');
    expect(await unit.locator('[data-error]').textContent()).toContain(
      'LMS membuka unit ini untuk tes "material:hilang", tetapi pelatihan ini tidak memiliki tes tersebut.',
    );
    expect(await unit.locator('[data-action="retry"]').count()).toBe(0);
    expect(server.log.sessions).toEqual([]);
  });
});

describe('<smart-course-unit> as a cmi5 AU', () => {
  it('tells the learner that a package without cmi5 support was launched by a cmi5 LMS, and plays nothing', async () => {
    const query = new URLSearchParams({
      'smart-au': 'final',
      endpoint: `${server.origin}/xapi/`,
      fetch: `${server.origin}/fetch/token`,
      actor: JSON.stringify({ objectType: 'Agent', account: { homePage: 'https://siasn.bkn.go.id', name: LEARNER.nip } }),
      registration: '2b7f3e1a-5c4d-4e6f-8a9b-0c1d2e3f4a5b',
      activityId: 'https://smart-training.id/xapi/activities/course/berakhlak-2026/au/final',
    });
    await page.goto(`${server.origin}/pkg/index.html?${query}`);
    expect(await page.locator('smart-course-unit [data-error]').textContent()).toContain('bukan paket cmi5');
    expect(await page.locator('smart-course-unit [data-action="retry"]').count()).toBe(0);
    expect(server.log.sessions).toEqual([]);
  });

  const REGISTRATION = '2b7f3e1a-5c4d-4e6f-8a9b-0c1d2e3f4a5b';
  const AU = 'https://smart-training.id/xapi/activities/course/berakhlak-2026/au/material/orientasi-pelayanan';
  const ACTOR = { objectType: 'Agent', name: LEARNER.name, account: { homePage: 'https://siasn.bkn.go.id', name: LEARNER.nip } };

  it('passes the material AU, terminates on "Done" and returns to the LMS’s returnURL', async () => {
    const script = await bundleUnit({ cmi5: true });
    const lms = await fakeCmi5Lms({
      '/au/index.html': {
        type: 'text/html',
        body: `<!doctype html><html lang="id"><head><meta charset="utf-8"><title>AU</title></head>
<body><smart-course-unit src="course.json"></smart-course-unit><script src="smart-unit-cmi5.js"></script></body></html>`,
      },
      '/au/smart-unit-cmi5.js': { type: 'text/javascript', body: script },
      '/au/course.json': {
        type: 'application/json',
        body: JSON.stringify({
          outline: (await (await fetch(`${server.origin}/pkg/course.json`)).json()).outline,
          lrs: { endpoint: server.origin, key: 'launch-key', secret: 'launch-secret' },
        }),
      },
      '/lms/course.html': { type: 'text/html', body: '<!doctype html><title>LMS course page</title><h1>Back in the LMS</h1>' },
    });
    try {
      const { url } = lms.launch({
        path: '/au/index.html?smart-au=material%3Aorientasi-pelayanan',
        actor: ACTOR,
        registration: REGISTRATION,
        activityId: AU,
        launchData: { masteryScore: 0.7, moveOn: 'Passed', returnURL: `${lms.origin}/lms/course.html` },
      });
      await page.goto(url);
      const material = page.locator('smart-material-view');
      expect(await material.locator('h2').textContent()).toBe('Berorientasi Pelayanan');
      expect(server.log.sessions).toEqual([{ nip: LEARNER.nip }]);

      await material.locator('[data-action="start-test"]').click();
      await takeTest(page.locator('smart-cat-player'), 'a');
      await page.locator('[data-au-done] [data-reported]').waitFor();
      const verbs = () => lms.statements.map((statement) => String((statement.verb as { id: string }).id).split('/').pop());
      expect(verbs()).toEqual(['initialized', 'passed', 'completed']);
      const passed = lms.statements[1] as { result: { score: Record<string, number>; success: boolean } };
      expect(passed.result.score).toMatchObject({ raw: 100, scaled: 1 });
      expect(passed.result.success).toBe(true);

      await page.locator('[data-action="done"]').click();
      await page.waitForURL(`${lms.origin}/lms/course.html`);
      expect(await page.locator('h1').textContent()).toBe('Back in the LMS');
      expect(verbs()).toEqual(['initialized', 'passed', 'completed', 'terminated']);
    } finally {
      await lms.close();
    }
  });
});
