import type { Course, Difficulty, FormItem, Item, TestSpec } from '@smart-training/core';

/** Two well-formed NIPs and one that is well formed but not registered. */
export const NIP_ANI = '198503102010011001';
export const NIP_BUDI = '199001152015032002';
export const NIP_UNREGISTERED = '198807202012121003';

export const COURSE_ID = 'etika-2026';
/** Inside the fixture course's offering window. */
export const DURING_OFFERING = '2026-12-02T08:00:00+07:00';

const DIFFICULTIES: Difficulty[] = ['easy', 'medium', 'hard'];

function itemsFor(material: string, perDifficulty: number): Item[] {
  return DIFFICULTIES.flatMap((difficulty) =>
    Array.from({ length: perDifficulty }, (_, index): Item => {
      const id = `${material}-${difficulty}-${index + 1}`;
      if (index % 3 === 2) {
        return {
          id,
          type: 'truefalse',
          material,
          competency: `${material}-kompetensi`,
          difficulty,
          stem: { id: `Pernyataan ${id} benar.`, en: `Statement ${id} is true.` },
          options: [
            { id: 'true', text: { id: 'Benar', en: 'True' }, correct: true },
            { id: 'false', text: { id: 'Salah', en: 'False' }, correct: false },
          ],
        };
      }
      return {
        id,
        type: 'single',
        material,
        competency: `${material}-kompetensi`,
        difficulty,
        stem: { id: `Soal ${id}?`, en: `Question ${id}?` },
        options: ['a', 'b', 'c', 'd'].map((option) => ({
          id: option,
          text: { id: `Pilihan ${option}` },
          correct: option === 'b',
        })),
        explanation: { id: 'Jawaban b.' },
      };
    }),
  );
}

function test(id: string, kind: TestSpec['kind'], passMark: number, blueprint: TestSpec['blueprint']): TestSpec {
  return {
    id,
    kind,
    title: { id: `Tes ${id}`, en: `Test ${id}` },
    passMark,
    timeLimitMinutes: 15,
    maxAttempts: kind === 'placement' ? 1 : null,
    blueprint,
  };
}

/**
 * A small course: two materials, each with a 3-item test (one per
 * difficulty) over a bank of 9 items per material, so three attempts at a
 * material test never repeat an item. Placement and final draw 2 items from
 * each material.
 */
export function buildCourse(overrides: Partial<Course> = {}): Course {
  const materials = ['kejujuran', 'pelayanan'].map((materialId) => ({
    id: materialId,
    title: { id: `Materi ${materialId}`, en: `Material ${materialId}` },
    html: { id: `<p>Isi ${materialId}</p>` },
    media: [{ kind: 'video' as const, title: { id: 'Video' }, href: 'https://example.org/v.mp4', minutes: 30 }],
    test: test(
      `material:${materialId}`,
      'material',
      70,
      DIFFICULTIES.map((difficulty) => ({ difficulty, count: 1 })),
    ),
  }));
  return {
    id: COURSE_ID,
    version: '1.0.0',
    title: { id: 'Etika ASN', en: 'Civil service ethics' },
    description: { id: 'Pelatihan etika', en: 'Ethics training' },
    jp: 20,
    offering: {
      opens: '2026-12-01T00:00:00+07:00',
      closes: '2026-12-31T23:59:59+07:00',
      timeZone: 'Asia/Jakarta',
    },
    placement: test('placement', 'placement', 85, [
      { material: 'kejujuran', count: 2 },
      { material: 'pelayanan', count: 2 },
    ]),
    materials,
    final: test('final', 'final', 70, [
      { material: 'kejujuran', count: 2 },
      { material: 'pelayanan', count: 2 },
    ]),
    bank: [...itemsFor('kejujuran', 3), ...itemsFor('pelayanan', 3)],
    ...overrides,
  };
}

/** The keyed answer to every item of a served form. */
export function correctAnswers(course: Course, items: FormItem[]): Record<string, string[]> {
  return Object.fromEntries(
    items.map((item) => [item.id, keyOf(course, item.id).filter((option) => option.correct).map((option) => option.id)]),
  );
}

/** A wrong option for every item of a served form. */
export function wrongAnswers(course: Course, items: FormItem[]): Record<string, string[]> {
  return Object.fromEntries(
    items.map((item) => {
      const wrong = keyOf(course, item.id).find((option) => !option.correct);
      return [item.id, wrong ? [wrong.id] : []];
    }),
  );
}

function keyOf(course: Course, itemId: string) {
  const item = course.bank.find((each) => each.id === itemId);
  if (!item) throw new Error(`fixture bank has no item ${itemId}`);
  return item.options;
}

export const REGISTRY = {
  employees: [
    { nip: NIP_ANI, name: 'Ani Lestari', unit: 'BKPSDM Kota Bandung', position: 'Analis SDM' },
    { nip: NIP_BUDI, name: 'Budi Santoso', unit: 'Dinas Kominfo' },
  ],
};
