import { materialTestId, type CourseOutline, type Material, type NextStep } from '@smart-training/core';
import type { StatusView, TestStatusView } from '@smart-training/runtime';

/** How one test stands for the learner, as the outline labels it. */
export type TestState = 'not_started' | 'remedial' | 'not_passed' | 'passed';

/**
 * A failed placement test is simply not passed: it has no remedial, the
 * learner joins the training instead.
 */
export function testStateOf(test: TestStatusView | undefined): TestState {
  if (test === undefined || test.attempts === 0) return 'not_started';
  if (test.passed) return 'passed';
  return test.kind === 'placement' ? 'not_passed' : 'remedial';
}

export function testStatusOf(status: StatusView | null, testId: string): TestStatusView | undefined {
  return status?.tests.find((test) => test.testId === testId);
}

/** The materials whose test the learner has not passed yet, in course order. */
export function materialsNotPassed(outline: CourseOutline, status: StatusView | null): Material[] {
  return outline.materials.filter(
    (material) => !(testStatusOf(status, materialTestId(material.id))?.passed ?? false),
  );
}

/**
 * Which card of the outline a next step points at: a test id
 * ("placement", "final", "material:<id>") or "certificate". A material
 * step and a material's remedial both point at that material's card.
 */
export function stepTarget(next: NextStep | null): string | null {
  if (next === null) return null;
  if (next.kind === 'certificate') return 'certificate';
  if ((next.kind === 'material' || next.kind === 'remedial') && next.materialId !== null) {
    return materialTestId(next.materialId);
  }
  return next.testId;
}
