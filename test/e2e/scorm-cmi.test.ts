/**
 * What an LMS records from the packed example course, in SCORM 1.2 and in
 * SCORM 2004: the course played through the host page (scorm-again as the
 * LMS API), with the CMI values read back after a fail, a pass, a
 * suspend-and-resume and a relaunch after the pass. The scores the LMS
 * holds must be the LRS's.
 */
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, FrameLocator, Page } from 'playwright-core';
import type { Course, Item, StatusView } from '@smart-training/core';
import type { Clock } from '@smart-training/lrs';
import { loadCourse } from '@smart-training/authoring';
import { EXAMPLE_COURSE_DIR, REPO_ROOT, startDemo, type RunningDemo } from '../../examples/demo';
import { launchChromium } from '../support/chromium';

const SCREENSHOTS = path.join(REPO_ROOT, 'test-results', 'e2e');

let demo: RunningDemo;
let browser: Browser;
let dataDir: string;

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'smart-e2e-cmi-'));
  await mkdir(SCREENSHOTS, { recursive: true });
  demo = await startDemo({ dataDir, port: 0, clock: await clockInsideOffering() });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await demo?.close();
  await rm(dataDir, { recursive: true, force: true });
});

/** Real time, moved into the example course's offering window when today lies outside it. */
async function clockInsideOffering(): Promise<Clock> {
  const { offering } = await loadCourse(EXAMPLE_COURSE_DIR);
  const opens = Date.parse(offering.opens);
  const closes = Date.parse(offering.closes);
  const day = 24 * 60 * 60 * 1000;
  const offset = Date.now() >= opens && Date.now() < closes - day ? 0 : opens + day - Date.now();
  return { now: () => new Date(Date.now() + offset) };
}

type Answering = 'all-correct' | 'all-wrong';

function keyOf(course: Course, itemId: string): Item {
  const item = course.bank.find((candidate) => candidate.id === itemId);
  if (!item) throw new Error(`the form shows item ${itemId}, which is not in the course bank`);
  return item;
}

function choose(item: Item, answering: Answering): string[] {
  const correct = item.options.filter((option) => option.correct).map((option) => option.id);
  if (answering === 'all-correct') return correct;
  return [item.options.find((option) => !option.correct)!.id];
}

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
    await page.goto(`${demo.lrs.url}/host/play/${this.packageName}?learner=${this.nip}&name=${encodeURIComponent(this.name)}`);
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
  const player = unit.locator('smart-cat-player');
  await player.locator('[data-action="start"]').click();
  for (;;) {
    const article = player.locator('article[data-item-id]');
    const itemId = (await article.getAttribute('data-item-id'))!;
    for (const optionId of choose(keyOf(demo.course, itemId), answering)) {
      await article.locator(`input[data-option-id="${optionId}"]`).check();
    }
    const next = player.locator('[data-action="next"]');
    if ((await next.count()) === 0) break;
    await next.click();
  }
  await player.locator('[data-action="review"]').first().click();
  await player.locator('[data-action="submit"]').click();
  await player.locator('[data-action="confirm-submit"]').click();
  const decision = player.locator('[data-decision]');
  await decision.waitFor();
  const answer = (await decision.getAttribute('data-decision'))!;
  await player.locator('[data-action="exit"]').click();
  return answer;
}

async function backToOutline(unit: FrameLocator): Promise<void> {
  const back = unit.locator('[data-action="back"]:visible');
  while ((await back.count()) > 0) await back.first().click();
}

async function lastScore(nip: string, testId: string): Promise<number> {
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
    await reader.goto(`${demo.lrs.url}/host/`);
    return await format.savedSession(reader, learner.packageName, learner.nip);
  } finally {
    await reader.close();
  }
}
