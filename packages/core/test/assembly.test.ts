import { describe, expect, it } from 'vitest';
import {
  BankTooSmallError,
  assembleForm,
  materialTestId,
  type AssemblyRequest,
  type Item,
  type TestSpec,
} from '../src/index';
import { makeItem, makeItems, makeTest } from './fixtures';

const MATERIAL = 'akuntabel';
const materialTest = makeTest(materialTestId(MATERIAL), [{ count: 10 }]);

function request(bank: readonly Item[], test: TestSpec, overrides: Partial<AssemblyRequest> = {}) {
  return {
    bank,
    test,
    seed: 'learner-1:attempt-1',
    seenByLearner: new Set<string>(),
    exposure: new Map<string, number>(),
    ...overrides,
  };
}

function bankTooSmall(run: () => unknown): BankTooSmallError {
  try {
    run();
  } catch (error) {
    if (error instanceof BankTooSmallError) return error;
    throw error;
  }
  throw new Error('expected BankTooSmallError');
}

describe('assembleForm', () => {
  it('draws the blueprint count of distinct items', () => {
    const bank = makeItems({ material: MATERIAL, count: 30 });
    const form = assembleForm(request(bank, materialTest));
    expect(form.itemIds).toHaveLength(10);
    expect(new Set(form.itemIds).size).toBe(10);
    expect(form.items.map((item) => item.id)).toEqual(form.itemIds);
    expect(form.repeatedForLearner).toBe(0);
  });

  it('never repeats an item on a retake while unseen items remain: 40 items, 4 attempts', () => {
    const bank = makeItems({ material: MATERIAL, count: 40 });
    const seen = new Set<string>();
    for (let attempt = 1; attempt <= 4; attempt++) {
      const seed = `nip:${attempt}`;
      const form = assembleForm(request(bank, materialTest, { seed, seenByLearner: seen }));
      expect(form.repeatedForLearner).toBe(0);
      expect(form.itemIds.filter((id) => seen.has(id))).toEqual([]);
      for (const id of form.itemIds) seen.add(id);
    }
    expect(seen.size).toBe(40);
  });

  it('reuses only as many seen items as the bank forces, and counts them', () => {
    const bank = makeItems({ material: MATERIAL, count: 14 });
    const first = assembleForm(request(bank, materialTest, { seed: 'a' }));
    const second = assembleForm(
      request(bank, materialTest, { seed: 'b', seenByLearner: new Set(first.itemIds) }),
    );
    expect(second.repeatedForLearner).toBe(6);
    const unseen = bank.map((item) => item.id).filter((id) => !first.itemIds.includes(id));
    expect(second.itemIds).toEqual(expect.arrayContaining(unseen));
  });

  it('keeps two learners apart when the bank holds twice the form: zero overlap', () => {
    const bank = makeItems({ material: MATERIAL, count: 20 });
    const first = assembleForm(request(bank, materialTest, { seed: 'learner-1' }));
    const exposure = new Map(first.itemIds.map((id) => [id, 1]));
    const second = assembleForm(request(bank, materialTest, { seed: 'learner-2', exposure }));
    expect(second.itemIds.filter((id) => first.itemIds.includes(id))).toEqual([]);
  });

  it('overlaps two learners only as much as the bank forces', () => {
    const bank = makeItems({ material: MATERIAL, count: 13 });
    const first = assembleForm(request(bank, materialTest, { seed: 'learner-1' }));
    const exposure = new Map(first.itemIds.map((id) => [id, 1]));
    const second = assembleForm(request(bank, materialTest, { seed: 'learner-2', exposure }));
    expect(second.itemIds.filter((id) => first.itemIds.includes(id))).toHaveLength(7);
  });

  it('prefers an unseen item even when it is more exposed than a seen one', () => {
    const bank = makeItems({ material: MATERIAL, count: 2 });
    const test = makeTest(materialTestId(MATERIAL), [{ count: 1 }]);
    const [seenItem, popular] = bank.map((item) => item.id) as [string, string];
    const seenByLearner = new Set([seenItem]);
    const exposure = new Map([[popular, 99]]);
    const form = assembleForm(request(bank, test, { seenByLearner, exposure }));
    expect(form.itemIds).toEqual([popular]);
  });

  it('filters every cell of a material test on that material', () => {
    const bank = [
      ...makeItems({ material: MATERIAL, count: 10 }),
      ...makeItems({ material: 'kompeten', count: 50 }),
    ];
    const form = assembleForm(request(bank, materialTest));
    expect(form.itemIds.every((id) => id.startsWith(`${MATERIAL}-`))).toBe(true);
  });

  it('fills each cell with items matching all its filters', () => {
    const bank = [
      ...makeItems({ material: MATERIAL, count: 6, difficulty: 'easy' }),
      ...makeItems({ material: MATERIAL, count: 6, difficulty: 'hard', competency: 'etika' }),
      ...makeItems({ material: MATERIAL, count: 6, difficulty: 'hard', prefix: 'u' }),
    ];
    const test = makeTest(materialTestId(MATERIAL), [
      { difficulty: 'easy', count: 3 },
      { difficulty: 'hard', competency: 'etika', count: 4 },
    ]);
    const byId = new Map(bank.map((item) => [item.id, item]));
    const chosen = assembleForm(request(bank, test)).itemIds.map((id) => byId.get(id));
    expect(chosen.filter((item) => item?.difficulty === 'easy')).toHaveLength(3);
    expect(chosen.filter((item) => item?.competency === 'etika')).toHaveLength(4);
    const hardGeneral = chosen.filter((item) => item?.id.startsWith('u-'));
    expect(hardGeneral).toEqual([]);
  });

  it('fills the narrow cell first so a broad overlapping cell does not starve it', () => {
    // 5 hard items and 5 easy ones; the broad cell listed first could take all hard ones.
    const bank = [
      ...makeItems({ material: MATERIAL, count: 5, difficulty: 'hard' }),
      ...makeItems({ material: MATERIAL, count: 5, difficulty: 'easy' }),
    ];
    const test = makeTest(materialTestId(MATERIAL), [
      { count: 5 },
      { difficulty: 'hard', count: 5 },
    ]);
    for (const seed of ['1', '2', '3', '4', '5']) {
      const form = assembleForm(request(bank, test, { seed }));
      expect(new Set(form.itemIds).size).toBe(10);
    }
  });

  it('draws placement cells across the materials they name', () => {
    const bank = [
      ...makeItems({ material: 'akuntabel', count: 4 }),
      ...makeItems({ material: 'kompeten', count: 4 }),
    ];
    const placement = makeTest('placement', [
      { material: 'akuntabel', count: 2 },
      { material: 'kompeten', count: 3 },
    ]);
    const ids = assembleForm(request(bank, placement)).itemIds;
    expect(ids.filter((id) => id.startsWith('akuntabel-'))).toHaveLength(2);
    expect(ids.filter((id) => id.startsWith('kompeten-'))).toHaveLength(3);
  });

  it('gives the same form for the same seed and inputs', () => {
    const bank = makeItems({ material: MATERIAL, count: 30 });
    const first = assembleForm(request(bank, materialTest));
    expect(assembleForm(request(bank, materialTest))).toEqual(first);
  });

  it('gives different forms for different seeds', () => {
    const bank = makeItems({ material: MATERIAL, count: 30 });
    const first = assembleForm(request(bank, materialTest, { seed: 'nip-1:1' }));
    const second = assembleForm(request(bank, materialTest, { seed: 'nip-2:1' }));
    expect(second.itemIds).not.toEqual(first.itemIds);
  });

  it('shuffles the item order even when the whole bank is drawn', () => {
    const bank = makeItems({ material: MATERIAL, count: 10 });
    const orders = ['1', '2', '3'].map(
      (seed) => assembleForm(request(bank, materialTest, { seed })).itemIds.join(),
    );
    expect(new Set(orders).size).toBeGreaterThan(1);
  });

  it('shuffles the options of choice items and keeps true before false', () => {
    const bank = [
      ...makeItems({ material: MATERIAL, count: 5, type: 'single' }),
      ...makeItems({ material: MATERIAL, count: 5, type: 'truefalse', prefix: 'tf' }),
    ];
    const form = assembleForm(request(bank, materialTest));
    const choiceOrders = form.items
      .filter((item) => item.type === 'single')
      .map((item) => item.options.map((option) => option.id).join(''));
    expect(choiceOrders.every((order) => [...order].sort().join('') === 'abcde')).toBe(true);
    expect(choiceOrders.some((order) => order !== 'abcde')).toBe(true);
    for (const item of form.items.filter((each) => each.type === 'truefalse')) {
      expect(item.options).toEqual([
        { id: 'true', text: { id: 'Benar', en: 'True' } },
        { id: 'false', text: { id: 'Salah', en: 'False' } },
      ]);
    }
  });

  it('serves no keys and no explanations', () => {
    const bank = [
      ...makeItems({ material: MATERIAL, count: 5, type: 'multiple' }),
      ...makeItems({ material: MATERIAL, count: 5, type: 'truefalse', prefix: 'tf' }),
    ];
    const json = JSON.stringify(assembleForm(request(bank, materialTest)).items);
    expect(json).not.toContain('correct');
    expect(json).not.toContain('explanation');
    expect(json).not.toContain('Pembahasan');
  });

  it('does not let the served form alias the bank items', () => {
    const item = makeItem('x1', { material: MATERIAL });
    const test = makeTest(materialTestId(MATERIAL), [{ count: 1 }]);
    const [served] = assembleForm(request([item], test)).items;
    served?.options.push({ id: 'z', text: { id: 'z' } });
    expect(item.options).toHaveLength(5);
  });

  it('refuses a cell the bank cannot fill, saying which cell and how many items exist', () => {
    const bank = makeItems({ material: MATERIAL, count: 7, difficulty: 'hard' });
    const test = makeTest(materialTestId(MATERIAL), [{ difficulty: 'hard', count: 8 }]);
    const error = bankTooSmall(() => assembleForm(request(bank, test)));
    expect(error.testId).toBe(test.id);
    expect(error.available).toBe(7);
    expect(error.cell).toEqual({ difficulty: 'hard', count: 8, material: MATERIAL });
    expect(error.message).toContain('needs 8 items');
    expect(error.message).toContain('difficulty "hard"');
    expect(error.message).toContain('Add at least 1');
    expect(error.messageId).toContain('Tambahkan paling sedikit 1');
  });

  it('refuses a cell left short because overlapping cells took the shared items', () => {
    const bank = makeItems({ material: MATERIAL, count: 6, difficulty: 'easy' });
    const test = makeTest(materialTestId(MATERIAL), [
      { difficulty: 'easy', count: 4 },
      { count: 4 },
    ]);
    const error = bankTooSmall(() => assembleForm(request(bank, test)));
    expect(error.available).toBe(2);
  });

  it('refuses a material test cell that names another material', () => {
    const bank = [
      ...makeItems({ material: MATERIAL, count: 10 }),
      ...makeItems({ material: 'kompeten', count: 10 }),
    ];
    const test = makeTest(materialTestId(MATERIAL), [{ material: 'kompeten', count: 2 }]);
    expect(bankTooSmall(() => assembleForm(request(bank, test))).available).toBe(0);
  });
});
