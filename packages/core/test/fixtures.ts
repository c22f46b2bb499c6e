import {
  FINAL_DEFAULT_PASS_MARK,
  MATERIAL_PASS_MARK,
  PLACEMENT_PASS_MARK,
  materialIdOf,
  materialTestId,
  type AttemptOutcome,
  type AttemptRecord,
  type BlueprintCell,
  type Course,
  type Difficulty,
  type Item,
  type ItemType,
  type Material,
  type TestSpec,
} from '../src/index';

export const MATERIAL_IDS = ['orientasi-pelayanan', 'akuntabel', 'kompeten'] as const;

/** A moment inside the fixture course's offering window. */
export const DURING_OFFERING = new Date('2026-12-10T09:00:00+07:00');

interface ItemOptions {
  material: string;
  count: number;
  difficulty?: Difficulty;
  competency?: string;
  type?: ItemType;
  prefix?: string;
}

/** Bank items for one material; ids are `<prefix>-<n>`, option "a" is the key. */
export function makeItems(options: ItemOptions): Item[] {
  const { material, count, difficulty = 'medium', competency = 'umum', type = 'single' } = options;
  const prefix = options.prefix ?? `${material}-${difficulty}`;
  return Array.from({ length: count }, (_, index) => makeItem(`${prefix}-${index + 1}`, {
    material,
    difficulty,
    competency,
    type,
  }));
}

export function makeItem(
  id: string,
  facts: { material: string; difficulty?: Difficulty; competency?: string; type?: ItemType },
): Item {
  const type = facts.type ?? 'single';
  return {
    id,
    type,
    material: facts.material,
    competency: facts.competency ?? 'umum',
    difficulty: facts.difficulty ?? 'medium',
    stem: { id: `Pertanyaan ${id}`, en: `Question ${id}` },
    options: optionsFor(type),
    explanation: { id: `Pembahasan ${id}`, en: `Explanation ${id}` },
  };
}

function optionsFor(type: ItemType): Item['options'] {
  if (type === 'truefalse') {
    return [
      { id: 'true', text: { id: 'Benar', en: 'True' }, correct: true },
      { id: 'false', text: { id: 'Salah', en: 'False' }, correct: false },
    ];
  }
  return ['a', 'b', 'c', 'd', 'e'].map((id, index) => ({
    id,
    text: { id: `Pilihan ${id}`, en: `Option ${id}` },
    correct: type === 'multiple' ? index < 2 : index === 0,
  }));
}

export function makeTest(id: string, blueprint: BlueprintCell[], extra: Partial<TestSpec> = {}) {
  const kind = id === 'placement' ? 'placement' : id === 'final' ? 'final' : 'material';
  const passMark =
    kind === 'placement'
      ? PLACEMENT_PASS_MARK
      : kind === 'final'
        ? FINAL_DEFAULT_PASS_MARK
        : MATERIAL_PASS_MARK;
  const test: TestSpec = {
    id,
    kind,
    title: { id: `Tes ${id}`, en: `Test ${id}` },
    passMark,
    timeLimitMinutes: 15,
    maxAttempts: kind === 'placement' ? 1 : null,
    blueprint,
    ...extra,
  };
  return test;
}

/**
 * A three-material course: 20 items per material (10 easy, 10 hard), a
 * placement test of 2 per material, material tests of 5, a final of 3 per
 * material.
 */
export function makeCourse(overrides: Partial<Course> = {}): Course {
  const materials: Material[] = MATERIAL_IDS.map((materialId, index) => ({
    id: materialId,
    title: { id: `Materi ${index + 1}`, en: `Material ${index + 1}` },
    html: { id: '<p>Isi</p>' },
    media: [],
    test: makeTest(materialTestId(materialId), [{ count: 5 }]),
  }));
  const bank = MATERIAL_IDS.flatMap((material) => [
    ...makeItems({ material, count: 10, difficulty: 'easy' }),
    ...makeItems({ material, count: 10, difficulty: 'hard' }),
  ]);
  return {
    id: 'berakhlak-2026',
    version: '1.0.0',
    title: { id: 'BerAKHLAK', en: 'BerAKHLAK' },
    description: { id: 'Nilai dasar ASN' },
    jp: 20,
    offering: {
      opens: '2026-12-01T00:00:00+07:00',
      closes: '2026-12-31T23:59:59+07:00',
      timeZone: 'Asia/Jakarta',
    },
    placement: makeTest(
      'placement',
      MATERIAL_IDS.map((material) => ({ material, count: 2 })),
    ),
    materials,
    final: makeTest(
      'final',
      MATERIAL_IDS.map((material) => ({ material, count: 3 })),
    ),
    bank,
    ...overrides,
  };
}

/** Attempt records in the order given, numbered per test. */
export function history(...entries: [testId: string, outcome: AttemptOutcome][]): AttemptRecord[] {
  const counts = new Map<string, number>();
  return entries.map(([testId, outcome], index) => {
    const attempt = (counts.get(testId) ?? 0) + 1;
    counts.set(testId, attempt);
    const kind = testId === 'placement' ? 'placement' : materialIdOf(testId) ? 'material' : 'final';
    return {
      testId,
      kind,
      attempt,
      score: outcome === 'passed' ? 90 : 40,
      outcome,
      at: new Date(Date.UTC(2026, 11, 2, 0, index)).toISOString(),
    };
  });
}

/** Passing attempts at every material test, in course order. */
export const ALL_MATERIALS_PASSED = MATERIAL_IDS.map(
  (materialId) => [materialTestId(materialId), 'passed'] as [string, AttemptOutcome],
);
