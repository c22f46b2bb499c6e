import { describe, expect, it } from 'vitest';
import {
  FINAL_DEFAULT_PASS_MARK,
  MATERIAL_PASS_MARK,
  PLACEMENT_PASS_MARK,
  checkCanStart,
  competencyStatus,
  findTest,
  jpCredited,
  materialIdOf,
  materialTestId,
  nextStep,
  outcomeFor,
  testsOf,
  type AttemptRecord,
  type RuleViolationCode,
} from '../src/index';
import {
  ALL_MATERIALS_PASSED,
  DURING_OFFERING,
  MATERIAL_IDS,
  history,
  makeCourse,
  makeTest,
} from './fixtures';

const course = makeCourse();
const [first, second, third] = MATERIAL_IDS.map(materialTestId) as [string, string, string];

function violationCode(attempts: AttemptRecord[], testId: string, now = DURING_OFFERING) {
  return checkCanStart(course, attempts, testId, now)?.code ?? null;
}

describe('pass marks', () => {
  it('are fixed by the SMART model: placement 85, material 70, final 70 by default', () => {
    expect(PLACEMENT_PASS_MARK).toBe(85);
    expect(MATERIAL_PASS_MARK).toBe(70);
    expect(FINAL_DEFAULT_PASS_MARK).toBe(70);
  });

  it('fails a placement score of 84.99 and passes 85', () => {
    expect(outcomeFor(84.99, PLACEMENT_PASS_MARK)).toBe('failed');
    expect(outcomeFor(85, PLACEMENT_PASS_MARK)).toBe('passed');
  });

  it('fails a material score of 69.99 and passes 70', () => {
    expect(outcomeFor(69.99, MATERIAL_PASS_MARK)).toBe('failed');
    expect(outcomeFor(70, MATERIAL_PASS_MARK)).toBe('passed');
  });

  it('applies a custom final pass mark of 80: 79.99 fails and 80 passes', () => {
    const strict = makeCourse({ final: makeTest('final', [{ count: 3 }], { passMark: 80 }) });
    const final = findTest(strict, 'final');
    expect(final?.passMark).toBe(80);
    expect(outcomeFor(79.99, final?.passMark ?? 0)).toBe('failed');
    expect(outcomeFor(80, final?.passMark ?? 0)).toBe('passed');
  });
});

describe('test ids', () => {
  it('name a material test "material:<materialId>" and read the material back', () => {
    expect(materialTestId('akuntabel')).toBe('material:akuntabel');
    expect(materialIdOf('material:akuntabel')).toBe('akuntabel');
  });

  it('give no material for placement, final, an empty material id or a foreign id', () => {
    expect(materialIdOf('placement')).toBeNull();
    expect(materialIdOf('final')).toBeNull();
    expect(materialIdOf('material:')).toBeNull();
    expect(materialIdOf('materials:akuntabel')).toBeNull();
  });

  it('list the tests as placement, each material in course order, then final', () => {
    const ids = testsOf(course).map((test) => test.id);
    expect(ids).toEqual(['placement', first, second, third, 'final']);
  });

  it('find a test by id and nothing for an unknown id', () => {
    expect(findTest(course, second)?.kind).toBe('material');
    expect(findTest(course, 'material:unknown')).toBeUndefined();
  });
});

describe('checkCanStart', () => {
  it('lets a new learner take the placement test, a material test, but not yet the final', () => {
    expect(violationCode([], 'placement')).toBeNull();
    expect(violationCode([], first)).toBeNull();
    expect(violationCode([], 'final')).toBe('materials_not_passed');
  });

  it('refuses an unknown test before anything else, even outside the window', () => {
    const before = new Date('2026-11-01T00:00:00+07:00');
    expect(violationCode([], 'material:unknown', before)).toBe('unknown_test');
  });

  it('refuses every test before the offering opens and accepts the opening instant', () => {
    expect(violationCode([], 'placement', new Date('2026-11-30T23:59:59+07:00'))).toBe(
      'offering_not_open',
    );
    expect(violationCode([], 'placement', new Date('2026-12-01T00:00:00+07:00'))).toBeNull();
  });

  it('refuses every test after the offering closes and accepts the closing instant', () => {
    expect(violationCode([], first, new Date('2026-12-31T23:59:59+07:00'))).toBeNull();
    expect(violationCode([], first, new Date('2027-01-01T00:00:00+07:00'))).toBe('offering_closed');
  });

  it('checks the window before certification: a competent learner hears "closed"', () => {
    const competent = history(...ALL_MATERIALS_PASSED, ['final', 'passed']);
    const later = new Date('2027-02-01T00:00:00Z');
    expect(violationCode(competent, 'final', later)).toBe('offering_closed');
  });

  it('refuses a second placement attempt after a failed one: one attempt, no remedial', () => {
    const failed = history(['placement', 'failed']);
    expect(violationCode(failed, 'placement')).toBe('placement_already_taken');
  });

  it('refuses any test to a learner waived by a placement pass, material tests included', () => {
    const waived = history(['placement', 'passed']);
    for (const testId of ['placement', first, 'final']) {
      expect(violationCode(waived, testId)).toBe('already_certified');
    }
  });

  it('refuses any test to a learner who passed the final', () => {
    const competent = history(...ALL_MATERIALS_PASSED, ['final', 'passed']);
    for (const testId of ['placement', third, 'final']) {
      expect(violationCode(competent, testId)).toBe('already_certified');
    }
  });

  it('refuses the placement test after a material attempt, even a failed one', () => {
    expect(violationCode(history([first, 'failed']), 'placement')).toBe('placement_after_training');
  });

  it('lets a learner skip the placement test and go straight to the materials', () => {
    expect(violationCode([], second)).toBeNull();
  });

  it('refuses a retake of a passed material test', () => {
    expect(violationCode(history([first, 'passed']), first)).toBe('already_passed');
  });

  it('allows remedial retakes of a failed material test as often as needed', () => {
    const fails = history([first, 'failed'], [first, 'failed'], [first, 'failed']);
    expect(violationCode(fails, first)).toBeNull();
  });

  it('refuses the final while one material test is not passed yet', () => {
    const partly = history([first, 'passed'], [second, 'passed'], [third, 'failed']);
    const violation = checkCanStart(course, partly, 'final', DURING_OFFERING);
    expect(violation?.code).toBe('materials_not_passed');
    expect(violation?.message.id).toContain('Materi 3');
    expect(violation?.message.en).toContain('Material 3');
    expect(violation?.message.en).not.toContain('Material 1');
  });

  it('opens the final once every material test is passed, after a failed placement too', () => {
    const ready = history(['placement', 'failed'], ...ALL_MATERIALS_PASSED);
    expect(violationCode(ready, 'final')).toBeNull();
  });

  it('allows a final retake after a failed final when attempts are unlimited', () => {
    const failedFinal = history(...ALL_MATERIALS_PASSED, ['final', 'failed']);
    expect(violationCode(failedFinal, 'final')).toBeNull();
  });

  it('refuses the final once its maximum attempts are used up', () => {
    const limited = makeCourse({ final: makeTest('final', [{ count: 3 }], { maxAttempts: 2 }) });
    const once = history(...ALL_MATERIALS_PASSED, ['final', 'failed']);
    const twice = history(...ALL_MATERIALS_PASSED, ['final', 'failed'], ['final', 'failed']);
    expect(checkCanStart(limited, once, 'final', DURING_OFFERING)).toBeNull();
    const violation = checkCanStart(limited, twice, 'final', DURING_OFFERING);
    expect(violation?.code).toBe('attempts_exhausted');
    expect(violation?.message.en).toContain('all 2 attempts');
    expect(violation?.message.id).toContain('seluruh 2 kesempatan');
  });

  it('gives every violation the test id and a message in Indonesian and English', () => {
    const cases: [RuleViolationCode, AttemptRecord[], string, Date][] = [
      ['unknown_test', [], 'nope', DURING_OFFERING],
      ['offering_not_open', [], first, new Date('2026-01-01T00:00:00Z')],
      ['offering_closed', [], first, new Date('2027-06-01T00:00:00Z')],
      ['already_certified', history(['placement', 'passed']), first, DURING_OFFERING],
      ['placement_already_taken', history(['placement', 'failed']), 'placement', DURING_OFFERING],
      ['placement_after_training', history([first, 'passed']), 'placement', DURING_OFFERING],
      ['already_passed', history([first, 'passed']), first, DURING_OFFERING],
      ['materials_not_passed', [], 'final', DURING_OFFERING],
    ];
    for (const [code, attempts, testId, now] of cases) {
      const violation = checkCanStart(course, attempts, testId, now);
      expect(violation?.code).toBe(code);
      expect(violation?.testId).toBe(testId);
      expect(violation?.message.id.length).toBeGreaterThan(20);
      expect(violation?.message.en?.length).toBeGreaterThan(20);
      expect(violation?.message.id).not.toBe(violation?.message.en);
    }
  });

  it('names the opening date in the offering time zone', () => {
    const violation = checkCanStart(course, [], first, new Date('2026-11-01T00:00:00Z'));
    expect(violation?.message.id).toContain('1 Desember 2026');
    expect(violation?.message.en).toContain('1 December 2026');
    expect(violation?.message.en).toContain('Asia/Jakarta');
  });
});

describe('competencyStatus', () => {
  it('is not started without attempts', () => {
    expect(competencyStatus(course, [])).toBe('not_started');
  });

  it('is waived after a placement pass', () => {
    expect(competencyStatus(course, history(['placement', 'passed']))).toBe('waived');
  });

  it('is in training after a failed placement or any material attempt', () => {
    expect(competencyStatus(course, history(['placement', 'failed']))).toBe('in_training');
    expect(competencyStatus(course, history([first, 'failed']))).toBe('in_training');
    expect(competencyStatus(course, history(...ALL_MATERIALS_PASSED))).toBe('in_training');
  });

  it('is not yet competent after a failed final and competent after a passing retake', () => {
    const failed = history(...ALL_MATERIALS_PASSED, ['final', 'failed']);
    expect(competencyStatus(course, failed)).toBe('not_yet_competent');
    const retaken = history(...ALL_MATERIALS_PASSED, ['final', 'failed'], ['final', 'passed']);
    expect(competencyStatus(course, retaken)).toBe('competent');
  });
});

describe('nextStep', () => {
  it('offers the placement test to a learner who has not started', () => {
    expect(nextStep(course, [])).toEqual({ kind: 'placement', testId: 'placement' });
  });

  it('offers the certificate once waived or competent', () => {
    expect(nextStep(course, history(['placement', 'passed']))).toEqual({ kind: 'certificate' });
    const competent = history(...ALL_MATERIALS_PASSED, ['final', 'passed']);
    expect(nextStep(course, competent)).toEqual({ kind: 'certificate' });
  });

  it('sends a learner who failed the placement to the first material', () => {
    expect(nextStep(course, history(['placement', 'failed']))).toEqual({
      kind: 'material',
      testId: first,
      materialId: MATERIAL_IDS[0],
    });
  });

  it('sends a learner who failed a material test to remedial for that material', () => {
    expect(nextStep(course, history([first, 'passed'], [second, 'failed']))).toEqual({
      kind: 'remedial',
      testId: second,
      materialId: MATERIAL_IDS[1],
    });
  });

  it('points at the first unpassed material in course order, not the latest attempted', () => {
    expect(nextStep(course, history([third, 'passed']))).toEqual({
      kind: 'material',
      testId: first,
      materialId: MATERIAL_IDS[0],
    });
  });

  it('offers the final once every material is passed', () => {
    expect(nextStep(course, history(...ALL_MATERIALS_PASSED))).toEqual({
      kind: 'final',
      testId: 'final',
    });
  });

  it('offers a remedial final retake after a failed final', () => {
    expect(nextStep(course, history(...ALL_MATERIALS_PASSED, ['final', 'failed']))).toEqual({
      kind: 'remedial',
      testId: 'final',
      materialId: null,
    });
  });

  it('has nothing left when a material test with an attempt limit is used up unpassed', () => {
    const limited = makeCourse();
    const [material] = limited.materials;
    limited.materials[0] = { ...material!, test: { ...material!.test, maxAttempts: 2 } };
    expect(nextStep(limited, history([first, 'failed']))?.kind).toBe('remedial');
    expect(nextStep(limited, history([first, 'failed'], [first, 'failed']))).toBeNull();
  });

  it('has nothing left once the final attempts are exhausted', () => {
    const limited = makeCourse({ final: makeTest('final', [{ count: 3 }], { maxAttempts: 1 }) });
    expect(nextStep(limited, history(...ALL_MATERIALS_PASSED, ['final', 'failed']))).toBeNull();
  });
});

describe('jpCredited', () => {
  it('credits the course JP to a waived learner and a competent learner', () => {
    expect(jpCredited(course, history(['placement', 'passed']))).toBe(20);
    expect(jpCredited(course, history(...ALL_MATERIALS_PASSED, ['final', 'passed']))).toBe(20);
  });

  it('credits nothing in training or when not yet competent', () => {
    expect(jpCredited(course, [])).toBe(0);
    expect(jpCredited(course, history(...ALL_MATERIALS_PASSED))).toBe(0);
    expect(jpCredited(course, history(...ALL_MATERIALS_PASSED, ['final', 'failed']))).toBe(0);
  });
});
