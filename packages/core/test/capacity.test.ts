import { describe, expect, it } from 'vitest';
import { CAPACITY_ATTEMPT_CAP, bankCapacity, materialTestId } from '../src/index';
import { MATERIAL_IDS, makeCourse, makeItems, makeTest } from './fixtures';

describe('bankCapacity', () => {
  it('reports form size and fresh attempts for every test of the course', () => {
    const reports = bankCapacity(makeCourse());
    expect(reports.map((report) => report.testId)).toEqual([
      'placement',
      ...MATERIAL_IDS.map(materialTestId),
      'final',
    ]);
    // 20 items per material: placement takes 2 of each (10 forms), a material
    // test 5 (4 forms), the final 3 of each (6 forms).
    expect(reports.map((report) => [report.formSize, report.attemptsWithoutRepeat])).toEqual([
      [6, 10],
      [5, 4],
      [5, 4],
      [5, 4],
      [9, 6],
    ]);
    expect(reports.every((report) => report.shortfalls.length === 0)).toBe(true);
  });

  it('counts four fresh attempts for a 10-item material test over 40 items', () => {
    const [materialId] = MATERIAL_IDS;
    const course = makeCourse({ bank: makeItems({ material: materialId, count: 40 }) });
    course.materials[0] = {
      ...course.materials[0]!,
      test: makeTest(materialTestId(materialId), [{ count: 10 }]),
    };
    expect(bankCapacity(course)[1]).toMatchObject({ formSize: 10, attemptsWithoutRepeat: 4 });
  });

  it('stops counting at the cap for a very large bank', () => {
    const [materialId] = MATERIAL_IDS;
    const course = makeCourse({ bank: makeItems({ material: materialId, count: 300 }) });
    course.materials[0] = {
      ...course.materials[0]!,
      test: makeTest(materialTestId(materialId), [{ count: 1 }]),
    };
    expect(bankCapacity(course)[1]?.attemptsWithoutRepeat).toBe(CAPACITY_ATTEMPT_CAP);
  });

  it('lists every cell the bank cannot fill once and counts no attempts for that test', () => {
    const course = makeCourse({
      final: makeTest('final', [
        { difficulty: 'easy', count: 31 },
        { difficulty: 'medium', count: 1 },
      ]),
    });
    const final = bankCapacity(course).at(-1);
    expect(final).toEqual({
      testId: 'final',
      formSize: 32,
      attemptsWithoutRepeat: 0,
      shortfalls: [
        { cell: { difficulty: 'easy', count: 31 }, available: 30 },
        { cell: { difficulty: 'medium', count: 1 }, available: 0 },
      ],
    });
  });
});
