import { bankCapacity, type BlueprintCell, type Course, type Item, type TestSpec } from '@smart-training/core';
import type { SourceProblem } from '../problems';
import { label } from './check';
import type { YamlFile, YamlPath } from './yaml-file';

/**
 * Retakes a material test must survive without repeating an item: the first
 * attempt plus three remedial ones.
 */
export const MIN_MATERIAL_ATTEMPTS_WITHOUT_REPEAT = 4;

/** The well-formed parts of a course that bank capacity depends on. */
export interface CapacityInput {
  courseId: string;
  placement?: TestSpec;
  materialTests: TestSpec[];
  final?: TestSpec;
  bank: Item[];
  /** Items left out for their own errors, counted by the material they name. */
  leftOut: ReadonlyMap<string, number>;
}

/**
 * Runs core's {@link bankCapacity} over the tests that are well-formed.
 * A cell the bank cannot fill is an error; a material test that cannot give
 * three remedial retakes without repeating items is a warning. Shortfalls
 * that items left out for their own errors could make up are not judged, as
 * they would only echo those errors; one warning per material says so.
 */
export function checkCapacity(
  file: YamlFile,
  input: CapacityInput,
  blueprintPaths: ReadonlyMap<string, YamlPath>,
  problems: SourceProblem[],
  warnings: SourceProblem[],
): void {
  const tests = [input.placement, ...input.materialTests, input.final].filter(
    (test): test is TestSpec => test !== undefined,
  );
  const unchecked = new Map<string, YamlPath>();
  const leaveUnchecked = (materials: readonly string[], at: YamlPath) => {
    for (const material of materials) if (!unchecked.has(material)) unchecked.set(material, at);
    return materials.length > 0;
  };
  for (const report of bankCapacity(capacityCourse(input))) {
    const test = tests.find((candidate) => candidate.id === report.testId);
    const at = blueprintPaths.get(report.testId);
    if (!test || !at) continue;
    for (const { cell, available } of report.shortfalls) {
      const cellIndex = test.blueprint.findIndex((written) => sameCell(written, cell));
      const cellAt = cellIndex < 0 ? at : [...at, cellIndex];
      // Report the shortfall only when even the left-out items could not make it up.
      const leftOutMaterials = leftOutFor(cell, input.leftOut);
      const leftOutCount = leftOutMaterials.reduce((sum, material) => sum + (input.leftOut.get(material) ?? 0), 0);
      if (leftOutCount >= cell.count - available && leaveUnchecked(leftOutMaterials, cellAt)) continue;
      const matching = input.bank.filter((item) => matches(item, cell)).length;
      const left = available === matching ? '' : ` (${available} left after the test's other cells took theirs)`;
      problems.push(
        file.problemAt(
          cellAt,
          `${label(cellAt)}: test "${test.id}" needs ${cell.count} item(s) with ${describeCell(cell)}, ` +
            `but the bank has ${matching}${left}; add at least ${cell.count - available} such item(s) or lower the count`,
        ),
      );
    }
    if (
      test.kind === 'material' &&
      report.shortfalls.length === 0 &&
      report.attemptsWithoutRepeat < MIN_MATERIAL_ATTEMPTS_WITHOUT_REPEAT &&
      !leaveUnchecked(test.blueprint.flatMap((cell) => leftOutFor(cell, input.leftOut)), at)
    ) {
      warnings.push(
        file.problemAt(
          at,
          `${label(at)}: the bank gives test "${test.id}" only ${report.attemptsWithoutRepeat} attempt(s) without repeating an item; ` +
            `${MIN_MATERIAL_ATTEMPTS_WITHOUT_REPEAT} (the first and three remedial retakes) need about ` +
            `${MIN_MATERIAL_ATTEMPTS_WITHOUT_REPEAT * report.formSize} items of this material`,
        ),
      );
    }
  }
  for (const [material, at] of unchecked) {
    const count = input.leftOut.get(material) ?? 0;
    const leftOut = count === 1 ? '1 of its items is' : `${count} of its items are`;
    warnings.push(
      file.problemAt(
        at,
        `test blueprints not checked against material "${material}": ${leftOut} left out for their errors; ` +
          'they are checked once those items load',
      ),
    );
  }
}

/** Materials with left-out items that `cell` could have drawn. */
function leftOutFor(cell: BlueprintCell, leftOut: ReadonlyMap<string, number>): string[] {
  if (cell.material === undefined) return [...leftOut.keys()];
  return leftOut.has(cell.material) ? [cell.material] : [];
}

function capacityCourse(input: CapacityInput): Course {
  // bankCapacity reads only the id, the tests and the bank. The rest is left
  // neutral, and a malformed placement or final stands in with an empty
  // blueprint (its report is skipped), so the bank is checked against every
  // well-formed test even while other sections still have problems.
  const none = { id: '' };
  const standIn = (id: 'placement' | 'final'): TestSpec => ({
    id,
    kind: id,
    title: none,
    passMark: 0,
    timeLimitMinutes: 1,
    maxAttempts: null,
    blueprint: [],
  });
  return {
    id: input.courseId,
    version: '',
    title: none,
    description: none,
    jp: 0,
    offering: { opens: '', closes: '', timeZone: 'UTC' },
    placement: input.placement ?? standIn('placement'),
    materials: input.materialTests.map((test) => ({ id: test.id, title: none, html: none, media: [], test })),
    final: input.final ?? standIn('final'),
    bank: input.bank,
  };
}

function sameCell(written: BlueprintCell, applied: BlueprintCell): boolean {
  return (
    written.count === applied.count &&
    written.material === applied.material &&
    written.competency === applied.competency &&
    written.difficulty === applied.difficulty
  );
}

function matches(item: Item, cell: BlueprintCell): boolean {
  return (
    (cell.material === undefined || item.material === cell.material) &&
    (cell.competency === undefined || item.competency === cell.competency) &&
    (cell.difficulty === undefined || item.difficulty === cell.difficulty)
  );
}

function describeCell(cell: BlueprintCell): string {
  const filters = [
    cell.material === undefined ? '' : `material "${cell.material}"`,
    cell.competency === undefined ? '' : `competency "${cell.competency}"`,
    cell.difficulty === undefined ? '' : `difficulty "${cell.difficulty}"`,
  ].filter((filter) => filter !== '');
  return filters.length === 0 ? 'any material, competency and difficulty' : filters.join(' and ');
}
