/**
 * Driving the SMART unit in a browser as a learner would: the clock the LRS
 * runs on, and answering a test in `<smart-cat-player>` with the bank's key
 * (the test holds the course source; the package never carries the key).
 */
import type { Locator } from 'playwright-core';
import type { Course, Item } from '@smart-training/core';
import type { Clock } from '@smart-training/lrs';
import { loadCourse } from '@smart-training/authoring';
import { EXAMPLE_COURSE_DIR } from '../../../examples/demo';

/**
 * Real time, moved into the example course's offering window when today lies
 * outside it, so the test does not start failing on the day the window closes.
 */
export async function clockInsideOffering(): Promise<Clock> {
  const { offering } = await loadCourse(EXAMPLE_COURSE_DIR);
  const opens = Date.parse(offering.opens);
  const closes = Date.parse(offering.closes);
  const day = 24 * 60 * 60 * 1000;
  const now = Date.now();
  const offset = now >= opens && now < closes - day ? 0 : opens + day - now;
  return { now: () => new Date(Date.now() + offset) };
}

export type Answering = 'all-correct' | 'all-wrong';

/** Anything holding the unit's elements: a page, a frame, a locator. */
export interface UnitRoot {
  locator(selector: string): Locator;
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

/**
 * In a test the unit already shows: starts it, answers every item, submits
 * and returns the LRS's decision, leaving the result on screen.
 */
export async function answerTest(unit: UnitRoot, course: Course, answering: Answering): Promise<string> {
  const player = unit.locator('smart-cat-player');
  await player.locator('[data-action="start"]').click();
  for (;;) {
    const article = player.locator('article[data-item-id]');
    const itemId = (await article.getAttribute('data-item-id'))!;
    for (const optionId of choose(keyOf(course, itemId), answering)) {
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
  return (await decision.getAttribute('data-decision'))!;
}

/** Leaves a finished test's result for the page the test was started from. */
export async function leaveResult(unit: UnitRoot): Promise<void> {
  await unit.locator('smart-cat-player [data-action="exit"]').click();
}
