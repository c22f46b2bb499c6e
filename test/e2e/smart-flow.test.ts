/**
 * The whole SMART Training flow in a real browser: the example course packed
 * as SCORM, played through the host page (scorm-again as the LMS), scored and
 * decided by the LRS. Outcomes are read from the LRS, not from the page.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, FrameLocator, Page } from 'playwright-core';
import type { Course, Item, OfferingSummary, StatusView } from '@smart-training/core';
import type { RunningDemo } from '../../examples/demo';
import { SCREENSHOTS, startE2eRun, type E2eRun } from './support/e2e-run';

let run: E2eRun;
let demo: RunningDemo;
let browser: Browser;

beforeAll(async () => {
  run = await startE2eRun('smart-e2e-');
  ({ demo, browser } = run);
});
afterAll(() => run?.close());

type Answering = 'all-correct' | 'all-wrong';

interface TakenTest {
  itemIds: string[];
  decision: string;
}

function keyOf(course: Course, itemId: string): Item {
  const item = course.bank.find((candidate) => candidate.id === itemId);
  if (!item) throw new Error(`the form shows item ${itemId}, which is not in the course bank`);
  return item;
}

/** Option ids to tick for an item: its key, or one wrong option. */
function choose(item: Item, answering: Answering): string[] {
  const correct = item.options.filter((option) => option.correct).map((option) => option.id);
  if (answering === 'all-correct') return correct;
  return [item.options.find((option) => !option.correct)!.id];
}

async function openUnit(page: Page, packageName: string, nip: string, name: string) {
  await page.goto(
    `${demo.lrs.url}/host/play/${packageName}?learner=${nip}&name=${encodeURIComponent(name)}`,
  );
  const unit = page.frameLocator('iframe');
  await unit.locator(`[data-learner="${nip}"]`).waitFor();
  return unit;
}

/** Starts a test from the course outline, answers every item, submits, reads the result. */
async function takeTest(
  unit: FrameLocator,
  testId: string,
  answering: Answering,
  screenshot?: { page: Page; name: string },
): Promise<TakenTest> {
  await backToOutline(unit);
  const materialId = testId.startsWith('material:') ? testId.slice('material:'.length) : null;
  if (materialId) {
    await unit.locator(`[data-material-id="${materialId}"] [data-action="open-material"]`).click();
  }
  await unit.locator(`[data-action="start-test"][data-test-id="${testId}"]`).first().click();
  const player = unit.locator('smart-cat-player');
  await player.locator('[data-action="start"]').click();

  const itemIds: string[] = [];
  for (;;) {
    const article = player.locator('article[data-item-id]');
    const itemId = (await article.getAttribute('data-item-id'))!;
    itemIds.push(itemId);
    for (const optionId of choose(keyOf(demo.course, itemId), answering)) {
      await article.locator(`input[data-option-id="${optionId}"]`).check();
    }
    if (screenshot && itemIds.length === 2) {
      await screenshot.page.screenshot({ path: path.join(SCREENSHOTS, `${screenshot.name}-item.png`) });
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
  if (screenshot) {
    await screenshot.page.screenshot({ path: path.join(SCREENSHOTS, `${screenshot.name}-result.png`) });
  }
  const taken = { itemIds, decision: (await decision.getAttribute('data-decision'))! };
  await player.locator('[data-action="exit"]').click();
  return taken;
}

/** Leaves a material view or finished test for the course outline. */
async function backToOutline(unit: FrameLocator): Promise<void> {
  const back = unit.locator('[data-action="back"]:visible');
  while ((await back.count()) > 0) await back.first().click();
}

async function adminGet<T>(pathname: string): Promise<T> {
  const auth = Buffer.from(`${demo.admin.key}:${demo.admin.secret}`).toString('base64');
  const response = await fetch(`${demo.lrs.url}${pathname}`, {
    headers: { authorization: `Basic ${auth}`, 'x-experience-api-version': '1.0.3' },
  });
  expect(response.status, `${pathname} answered ${response.status}`).toBe(200);
  return (await response.json()) as T;
}

function packageOf(format: 'scorm12' | 'scorm2004'): string {
  return demo.packages.find((p) => p.format === format)!.hostName;
}

// Generous guards, not timings: a full course is about a hundred items of clicking
// on a shared two-core machine.
describe('SMART Training end to end, through the SCORM host page', { timeout: 240_000 }, () => {
  it('takes a learner from a failed placement through a remedial retake to competent', async () => {
    const learner = demo.employees[0]!;
    const page = await browser.newPage();
    const unit = await openUnit(page, packageOf('scorm12'), learner.nip, learner.name);
    const { materials } = demo.course;

    const placement = await takeTest(unit, 'placement', 'all-wrong');
    expect(placement.decision).toBe('enrolled');

    const firstMaterial = materials[0]!.test.id;
    const failed = await takeTest(unit, firstMaterial, 'all-wrong');
    expect(failed.decision).toBe('failed');
    const retake = await takeTest(unit, firstMaterial, 'all-correct', { page, name: 'material-retake' });
    expect(retake.decision).toBe('passed');
    expect(retake.itemIds.filter((id) => failed.itemIds.includes(id))).toEqual([]);

    for (const material of materials.slice(1)) {
      expect((await takeTest(unit, material.test.id, 'all-correct')).decision).toBe('passed');
    }
    const final = await takeTest(unit, 'final', 'all-correct', { page, name: 'final' });
    expect(final.decision).toBe('competent');
    await unit.locator('[data-certificate-number]').waitFor();
    await page.screenshot({ path: path.join(SCREENSHOTS, 'certificate.png'), fullPage: true });

    const status = await adminGet<StatusView>(
      `/smart/v1/learners/${learner.nip}/status?courseId=${demo.course.id}`,
    );
    expect(status.status).toBe('competent');
    expect(status.jpCredited).toBe(demo.course.jp);
    expect(status.certificate?.basis).toBe('final');
    expect(status.attempts.map((a) => [a.testId, a.outcome])).toEqual([
      ['placement', 'failed'],
      [firstMaterial, 'failed'],
      [firstMaterial, 'passed'],
      ...materials.slice(1).map((m) => [m.test.id, 'passed']),
      ['final', 'passed'],
    ]);

    // The LMS side got the same outcome: the last result committed as passed, raw 0–100.
    const cmi = await page.evaluate(() => {
      const api = (window as unknown as { API: { LMSGetValue(k: string): string } }).API;
      return { status: api.LMSGetValue('cmi.core.lesson_status'), raw: api.LMSGetValue('cmi.core.score.raw') };
    });
    expect(cmi).toEqual({ status: 'passed', raw: '100' });
    await page.close();
  });

  it('waives the training with a certificate for a learner who passes the placement test', async () => {
    const learner = demo.employees[1]!;
    const page = await browser.newPage();
    const unit = await openUnit(page, packageOf('scorm2004'), learner.nip, learner.name);

    const placement = await takeTest(unit, 'placement', 'all-correct', { page, name: 'placement' });
    expect(placement.decision).toBe('waived');

    const status = await adminGet<StatusView>(
      `/smart/v1/learners/${learner.nip}/status?courseId=${demo.course.id}`,
    );
    expect(status.status).toBe('waived');
    expect(status.jpCredited).toBe(demo.course.jp);
    expect(status.certificate?.basis).toBe('placement');
    expect(status.next).toEqual({ kind: 'certificate' });
    await page.close();
  });

  it('records the decisions as xAPI statements and counts them in the offering summary', async () => {
    const summary = await adminGet<OfferingSummary>(`/smart/v1/offerings/${demo.course.id}/summary`);
    expect(summary).toMatchObject({
      enrolled: 2,
      placementTaken: 2,
      waivedByPlacement: 1,
      competent: 1,
      notYetCompetent: 0,
      remedialRetakes: 1,
    });
    expect(summary.materials[0]).toMatchObject({ passed: 1, attempts: 2, remedialRetakes: 1 });

    const waived = await adminGet<{ statements: { actor: { account: { name: string } } }[] }>(
      `/xapi/statements?verb=${encodeURIComponent('https://w3id.org/xapi/adl/verbs/waived')}`,
    );
    expect(waived.statements.map((s) => s.actor.account.name)).toEqual([demo.employees[1]!.nip]);
    const completed = await adminGet<{ statements: unknown[] }>(
      `/xapi/statements?verb=${encodeURIComponent('http://adlnet.gov/expapi/verbs/completed')}`,
    );
    expect(completed.statements).toHaveLength(1);

    // What an evaluator sees: the console with the same counts.
    const page = await browser.newPage({ viewport: { width: 1280, height: 1000 } });
    await page.goto(`${demo.lrs.url}/console/`);
    await page.locator('#key').fill(demo.admin.key);
    await page.locator('#secret').fill(demo.admin.secret);
    await page.locator('#secret').press('Enter');
    await page.getByText(demo.employees[1]!.name).waitFor();
    await page.screenshot({ path: path.join(SCREENSHOTS, 'console.png'), fullPage: true });
    await page.close();
  });
});
