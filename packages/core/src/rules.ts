import type {
  AttemptOutcome,
  AttemptRecord,
  CompetencyStatus,
  Course,
  NextStep,
  RuleViolation,
  RuleViolationCode,
  TestSpec,
} from './model';
import { violationMessage, type ViolationFacts } from './violations';

/** Pass mark of the placement test, fixed by the SMART model. */
export const PLACEMENT_PASS_MARK = 85;
/** Pass mark of every material test, fixed by the SMART model. */
export const MATERIAL_PASS_MARK = 70;
/** Pass mark of the final test when the course does not set one. */
export const FINAL_DEFAULT_PASS_MARK = 70;

const MATERIAL_TEST_PREFIX = 'material:';

/**
 * A score equal to the pass mark passes.
 *
 * @example
 * outcomeFor(85, PLACEMENT_PASS_MARK); // 'passed'
 * outcomeFor(84.99, PLACEMENT_PASS_MARK); // 'failed'
 */
export function outcomeFor(score: number, passMark: number): AttemptOutcome {
  return score >= passMark ? 'passed' : 'failed';
}

/** The test id of a material's test, e.g. `material:orientasi-pelayanan`. */
export function materialTestId(materialId: string): string {
  return `${MATERIAL_TEST_PREFIX}${materialId}`;
}

/** The material a test id belongs to, or null for placement, final and foreign ids. */
export function materialIdOf(testId: string): string | null {
  if (!testId.startsWith(MATERIAL_TEST_PREFIX)) return null;
  const materialId = testId.slice(MATERIAL_TEST_PREFIX.length);
  return materialId === '' ? null : materialId;
}

/** Every test of the course in the order a learner meets them: placement, materials, final. */
export function testsOf(course: Course): TestSpec[] {
  return [course.placement, ...course.materials.map((material) => material.test), course.final];
}

/** The course's test with this id, if any. */
export function findTest(course: Course, testId: string): TestSpec | undefined {
  return testsOf(course).find((test) => test.id === testId);
}

/** The learner's attempts at one test, in the order scored. */
export function attemptsAt(attempts: readonly AttemptRecord[], testId: string): AttemptRecord[] {
  return attempts.filter((attempt) => attempt.testId === testId);
}

/** True when some attempt at the test passed. */
export function hasPassed(attempts: readonly AttemptRecord[], testId: string): boolean {
  return attempts.some((attempt) => attempt.testId === testId && attempt.outcome === 'passed');
}

/**
 * Whether the learner may start `testId` at `now`, or the first rule that
 * forbids it. The checks run in a fixed order so the learner hears the most
 * fundamental reason: unknown test, offering window, already certified,
 * placement rules (one attempt, before training only), no retake after a
 * pass, final only after all materials, attempt limit.
 *
 * @example
 * const violation = checkCanStart(course, attempts, 'final', new Date());
 * if (violation) reply(409, violation);
 */
export function checkCanStart(
  course: Course,
  attempts: readonly AttemptRecord[],
  testId: string,
  now: Date,
): RuleViolation | null {
  const test = findTest(course, testId);
  if (test === undefined) return violation('unknown_test', { course, testId });

  const at = now.getTime();
  if (at < Date.parse(course.offering.opens)) {
    return violation('offering_not_open', { course, testId, test });
  }
  if (at > Date.parse(course.offering.closes)) {
    return violation('offering_closed', { course, testId, test });
  }

  const status = competencyStatus(course, attempts);
  if (status === 'waived' || status === 'competent') {
    return violation('already_certified', { course, testId, test, status });
  }

  if (test.kind === 'placement') {
    if (attemptsAt(attempts, testId).length > 0) {
      return violation('placement_already_taken', { course, testId, test });
    }
    if (attempts.length > 0) return violation('placement_after_training', { course, testId, test });
  }

  if (test.kind === 'material' && hasPassed(attempts, testId)) {
    return violation('already_passed', { course, testId, test });
  }

  if (test.kind === 'final') {
    const unpassed = course.materials.filter((material) => !hasPassed(attempts, material.test.id));
    if (unpassed.length > 0) {
      return violation('materials_not_passed', { course, testId, test, unpassed });
    }
  }

  if (test.maxAttempts !== null && attemptsAt(attempts, testId).length >= test.maxAttempts) {
    return violation('attempts_exhausted', { course, testId, test });
  }
  return null;
}

/**
 * Where the learner stands: a placement pass waives the training, a final
 * pass makes them competent, a failed latest final leaves them not yet
 * competent until a remedial retake passes.
 */
export function competencyStatus(
  course: Course,
  attempts: readonly AttemptRecord[],
): CompetencyStatus {
  if (attempts.length === 0) return 'not_started';
  if (hasPassed(attempts, course.placement.id)) return 'waived';
  const finals = attemptsAt(attempts, course.final.id);
  if (finals.some((attempt) => attempt.outcome === 'passed')) return 'competent';
  if (finals.at(-1)?.outcome === 'failed') return 'not_yet_competent';
  return 'in_training';
}

/**
 * What the learner should do next: the placement test before anything else,
 * the certificate once certified, otherwise the first material (in course
 * order) whose test is not passed, then the final. A test the learner failed
 * before is offered as remedial. Null when the learner is stuck at a test
 * with no attempts left.
 */
export function nextStep(course: Course, attempts: readonly AttemptRecord[]): NextStep | null {
  const status = competencyStatus(course, attempts);
  if (status === 'not_started') return { kind: 'placement', testId: 'placement' };
  if (status === 'waived' || status === 'competent') return { kind: 'certificate' };

  const material = course.materials.find((each) => !hasPassed(attempts, each.test.id));
  const test = material?.test ?? course.final;
  const tried = attemptsAt(attempts, test.id);
  if (test.maxAttempts !== null && tried.length >= test.maxAttempts) return null;

  const failedBefore = tried.length > 0;
  if (material === undefined) {
    return failedBefore
      ? { kind: 'remedial', testId: test.id, materialId: null }
      : { kind: 'final', testId: 'final' };
  }
  return failedBefore
    ? { kind: 'remedial', testId: test.id, materialId: material.id }
    : { kind: 'material', testId: test.id, materialId: material.id };
}

/** Lesson hours (JP) the learner has earned: the course's JP once waived or competent. */
export function jpCredited(course: Course, attempts: readonly AttemptRecord[]): number {
  const status = competencyStatus(course, attempts);
  return status === 'waived' || status === 'competent' ? course.jp : 0;
}

function violation(code: RuleViolationCode, facts: ViolationFacts): RuleViolation {
  return { code, testId: facts.testId, message: violationMessage(code, facts) };
}
