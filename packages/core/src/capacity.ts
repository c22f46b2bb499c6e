import { assembleForm, drawItems } from './assembly';
import type { CapacityReport, Course, TestSpec } from './model';
import { seededRandom } from './random';
import { testsOf } from './rules';

/** Beyond this many fresh attempts a bank is plenty; the simulation stops counting. */
export const CAPACITY_ATTEMPT_CAP = 50;

/**
 * How far the bank carries each test: how many consecutive attempts one
 * learner can take before an item must repeat (up to
 * {@link CAPACITY_ATTEMPT_CAP}), and which blueprint cells the bank cannot
 * fill even once. Authors run it before publishing a course.
 *
 * @example
 * for (const report of bankCapacity(course)) {
 *   if (report.shortfalls.length > 0) console.warn(`${report.testId} cannot be assembled`);
 * }
 */
export function bankCapacity(course: Course): CapacityReport[] {
  return testsOf(course).map((test) => capacityOf(course, test));
}

function capacityOf(course: Course, test: TestSpec): CapacityReport {
  const formSize = test.blueprint.reduce((sum, cell) => sum + cell.count, 0);
  const seedFor = (attempt: number) => `capacity:${course.id}:${test.id}:${attempt}`;
  const noHistory = {
    bank: course.bank,
    test,
    seed: seedFor(1),
    seenByLearner: new Set<string>(),
    exposure: new Map<string, number>(),
  };
  const { shortfalls } = drawItems(noHistory, seededRandom(noHistory.seed));
  if (shortfalls.length > 0) {
    return { testId: test.id, formSize, attemptsWithoutRepeat: 0, shortfalls };
  }

  // Replays one learner's retakes the way the LRS assembles them: every
  // attempt knows the items of the earlier ones, and no one else has taken
  // the test, so exposure plays no part.
  const seen = new Set<string>();
  let attemptsWithoutRepeat = 0;
  while (attemptsWithoutRepeat < CAPACITY_ATTEMPT_CAP) {
    const seed = seedFor(attemptsWithoutRepeat + 1);
    const form = assembleForm({ ...noHistory, seenByLearner: seen, seed });
    if (form.repeatedForLearner > 0) break;
    for (const itemId of form.itemIds) seen.add(itemId);
    attemptsWithoutRepeat++;
  }
  return { testId: test.id, formSize, attemptsWithoutRepeat, shortfalls };
}
