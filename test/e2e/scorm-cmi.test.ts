/**
 * What an LMS records from the packed example course, in SCORM 1.2 and in
 * SCORM 2004: the course played through the host page (scorm-again as the
 * LMS API), with the CMI values read back after a fail, a pass, a
 * suspend-and-resume and a relaunch after the pass. The scores the LMS
 * holds must be the LRS's.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, FrameLocator, Page } from 'playwright-core';
import type { StatusView } from '@smart-training/core';
import { SCREENSHOTS, startE2eRun, type E2eRun } from './support/e2e-run';
import { answerTest, leaveResult, type Answering } from './support/unit-driver';

let run: E2eRun;
beforeAll(async () => {
  run = await startE2eRun('smart-e2e-cmi-');
});
afterAll(() => run?.close());

/** The CMI elements that carry the outcome, under each version's names. */
interface Outcome {
  status: string;
  raw: string;
  /** SCORM 2004 only. */
  completion?: string;
  scaled?: string;
}

interface Format {
  name: 'scorm12' | 'scorm2004';
  /** Reads the outcome from the LMS API on the host page. */
  readOutcome(page: Page): Promise<Outcome>;
  /** cmi.core.entry / cmi.entry, read-only through the API. */
  readEntry(page: Page): Promise<string>;
  /** exit and suspend_data as the host saved them (exit is write-only through the API). */
  savedSession(page: Page, packageName: string, nip: string): Promise<{ exit: string; suspendData: string }>;
}

const FORMATS: Format[] = [
  {
    name: 'scorm12',
    readOutcome: (page) =>
      page.evaluate(() => {
        const api = (window as unknown as { API: { LMSGetValue(element: string): string } }).API;
        return { status: api.LMSGetValue('cmi.core.lesson_status'), raw: api.LMSGetValue('cmi.core.score.raw') };
      }),
    readEntry: (page) =>
      page.evaluate(() =>
        (window as unknown as { API: { LMSGetValue(element: string): string } }).API.LMSGetValue('cmi.core.entry'),
      ),
    savedSession: (page, packageName, nip) =>
      page.evaluate(
        ({ key }) => {
          const cmi = JSON.parse(localStorage.getItem(key) ?? '{}') as { core?: { exit?: string }; suspend_data?: string };
          return { exit: cmi.core?.exit ?? '', suspendData: cmi.suspend_data ?? '' };
        },
        { key: `smart-host:cmi:v1:${packageName}:${nip}` },
      ),
  },
  {
    name: 'scorm2004',
    readOutcome: (page) =>
      page.evaluate(() => {
        const api = (window as unknown as { API_1484_11: { GetValue(element: string): string } }).API_1484_11;
        return {
          status: api.GetValue('cmi.success_status'),
          raw: api.GetValue('cmi.score.raw'),
          completion: api.GetValue('cmi.completion_status'),
          scaled: api.GetValue('cmi.score.scaled'),
        };
      }),
    readEntry: (page) =>
      page.evaluate(() =>
        (window as unknown as { API_1484_11: { GetValue(element: string): string } }).API_1484_11.GetValue('cmi.entry'),
      ),
    savedSession: (page, packageName, nip) =>
      page.evaluate(
        ({ key }) => {
          const cmi = JSON.parse(localStorage.getItem(key) ?? '{}') as { exit?: string; suspend_data?: string };
          return { exit: cmi.exit ?? '', suspendData: cmi.suspend_data ?? '' };
        },
        { key: `smart-host:cmi:v1:${packageName}:${nip}` },
      ),
  },
];

/** A learner's launches of one package, sharing the browser storage the host keeps CMI in. */
class Learner {
  constructor(
    private readonly context: BrowserContext,
    readonly packageName: string,
    readonly nip: string,
    private readonly name: string,
  ) {}

  async launch(): Promise<{ page: Page; unit: FrameLocator }> {
    const page = await this.context.newPage();
    await page.goto(`${run.demo.lrs.url}/host/play/${this.packageName}?learner=${this.nip}&name=${encodeURIComponent(this.name)}`);
    const unit = page.frameLocator('iframe');
    await unit.locator(`[data-learner="${this.nip}"]`).waitFor();
    return { page, unit };
  }
}

/** Starts a test from the course outline, answers every item, submits and answers the decision. */
async function takeTest(unit: FrameLocator, testId: string, answering: Answering): Promise<string> {
  await backToOutline(unit);
  const materialId = testId.startsWith('material:') ? testId.slice('material:'.length) : null;
  if (materialId) await unit.locator(`[data-material-id="${materialId}"] [data-action="open-material"]`).click();
  await unit.locator(`[data-action="start-test"][data-test-id="${testId}"]`).first().click();
  const decision = await answerTest(unit, run.demo.course, answering);
  await leaveResult(unit);
  return decision;
}

async function backToOutline(unit: FrameLocator): Promise<void> {
  const back = unit.locator('[data-action="back"]:visible');
  while ((await back.count()) > 0) await back.first().click();
}

async function lastScore(nip: string, testId: string): Promise<number> {
  const { demo } = run;
  const auth = Buffer.from(`${demo.admin.key}:${demo.admin.secret}`).toString('base64');
  const response = await fetch(`${demo.lrs.url}/smart/v1/learners/${nip}/status?courseId=${demo.course.id}`, {
    headers: { authorization: `Basic ${auth}` },
  });
  const status = (await response.json()) as StatusView;
  return [...status.attempts].reverse().find((attempt) => attempt.testId === testId)!.score;
}

/** Closes the page as a learner leaving would: the unit flushes on pagehide. */
async function leave(page: Page): Promise<void> {
  await page.close({ runBeforeUnload: true });
}

describe.each(FORMATS.map((format, index) => ({ format, index })))(
  'the LMS record of the example course in $format.name',
  { timeout: 300_000 },
  ({ format, index }) => {
    it('holds the fail, the pass, the suspended session and the resumed one, and keeps the pass on relaunch', async () => {
      const { demo, browser } = run;
      const employee = demo.employees[4 + index]!;
      const packageName = demo.packages.find((p) => p.format === format.name)!.hostName;
      const context = await browser.newContext();
      const learner = new Learner(context, packageName, employee.nip, employee.name);
      const { materials } = demo.course;
      try {
        // First session: placement failed, the first material opened, then the page goes away.
        let { page, unit } = await learner.launch();
        expect(await takeTest(unit, 'placement', 'all-wrong')).toBe('enrolled');
        const placementScore = await lastScore(employee.nip, 'placement');
        expect(await format.readOutcome(page)).toMatchObject({ status: format.name === 'scorm12' ? 'incomplete' : 'unknown', raw: String(placementScore) });
        const first = materials[0]!;
        await unit.locator(`[data-material-id="${first.id}"] [data-action="open-material"]`).click();
        await unit.locator(`article[data-material-id="${first.id}"]`).waitFor();
        await leave(page);

        const suspended = await savedAfterLeavingFor(format, learner, context);
        expect(suspended.exit).toBe('suspend');
        expect(suspended.suspendData).not.toBe('');

        // Second session resumes on the material the learner had open.
        ({ page, unit } = await learner.launch());
        expect(await format.readEntry(page)).toBe('resume');
        await unit.locator(`article[data-material-id="${first.id}"]`).waitFor();
        await page.screenshot({ path: path.join(SCREENSHOTS, `${format.name}-resumed.png`) });

        for (const material of materials) {
          expect(await takeTest(unit, material.test.id, 'all-correct')).toBe('passed');
        }
        expect(await takeTest(unit, 'final', 'all-wrong')).toBe('not_yet_competent');
        const failedScore = await lastScore(employee.nip, 'final');
        expect(await format.readOutcome(page)).toEqual(
          format.name === 'scorm12'
            ? { status: 'failed', raw: String(failedScore) }
            : { status: 'failed', raw: String(failedScore), completion: 'completed', scaled: String(failedScore / 100) },
        );

        expect(await takeTest(unit, 'final', 'all-correct')).toBe('competent');
        const passed: Outcome =
          format.name === 'scorm12'
            ? { status: 'passed', raw: '100' }
            : { status: 'passed', raw: '100', completion: 'completed', scaled: '1' };
        expect(await format.readOutcome(page)).toEqual(passed);
        await leave(page);

        // A relaunch after the pass (Moodle re-opens the attempt) leaves the pass intact.
        ({ page, unit } = await learner.launch());
        await unit.locator('[data-certificate-number]').waitFor();
        expect(await format.readOutcome(page)).toEqual(passed);
        await page.screenshot({ path: path.join(SCREENSHOTS, `${format.name}-relaunch-after-pass.png`) });
        await leave(page);
      } finally {
        await context.close();
      }
    });
  },
);

/** Reads what the host saved for the learner, in the learner's own browser storage. */
async function savedAfterLeavingFor(
  format: Format,
  learner: Learner,
  context: BrowserContext,
): Promise<{ exit: string; suspendData: string }> {
  const reader = await context.newPage();
  try {
    await reader.goto(`${run.demo.lrs.url}/host/`);
    return await format.savedSession(reader, learner.packageName, learner.nip);
  } finally {
    await reader.close();
  }
}
