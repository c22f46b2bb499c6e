import { BankTooSmallError } from './errors';
import type {
  AssembledForm,
  AssemblyRequest,
  BlueprintCell,
  FormItem,
  Item,
  TestSpec,
} from './model';
import { shuffle, seededRandom, type Random } from './random';
import { materialIdOf } from './rules';

/** A blueprint cell the bank could not fill, with how many items were left for it. */
export interface CellShortfall {
  cell: BlueprintCell;
  available: number;
}

/** The items drawn for a form before ordering, and the cells that came up short. */
export interface ItemDraw {
  items: Item[];
  shortfalls: CellShortfall[];
}

/**
 * Assembles one learner's form for one attempt. Each blueprint cell takes the
 * matching items the learner has not seen first, then those fewer learners
 * got, then a seeded random choice; the form's item order and each item's
 * option order are shuffled with the same seed (true/false keeps its order).
 * The result carries no keys and no explanations.
 *
 * Throws {@link BankTooSmallError} when a cell cannot be filled even by
 * reusing items the learner has seen.
 *
 * @example
 * const form = assembleForm({
 *   bank: course.bank, test, seed: `${nip}:${test.id}:${attempt}`,
 *   seenByLearner: new Set(previousItemIds), exposure: exposureCounts,
 * });
 */
export function assembleForm(request: AssemblyRequest): AssembledForm {
  const random = seededRandom(request.seed);
  const draw = drawItems(request, random);
  const [shortfall] = draw.shortfalls;
  if (shortfall !== undefined) {
    throw new BankTooSmallError(request.test.id, shortfall.cell, shortfall.available);
  }
  const ordered = shuffle(draw.items, random);
  return {
    itemIds: ordered.map((item) => item.id),
    items: ordered.map((item) => toFormItem(item, random)),
    repeatedForLearner: ordered.filter((item) => request.seenByLearner.has(item.id)).length,
  };
}

/**
 * Draws the items for every blueprint cell without ordering them, recording
 * the cells the bank cannot fill instead of throwing. Shared by
 * {@link assembleForm} and the authoring-time capacity check.
 */
export function drawItems(request: AssemblyRequest, random: Random): ItemDraw {
  const { bank, test, seenByLearner, exposure } = request;
  const tieBreak = new Map(shuffle(bank, random).map((item, rank) => [item.id, rank]));
  const rank = (item: Item) => [
    seenByLearner.has(item.id) ? 1 : 0,
    exposure.get(item.id) ?? 0,
    tieBreak.get(item.id) ?? 0,
  ];

  const scope = materialIdOf(test.id);
  const taken = new Set<string>();
  const items: Item[] = [];
  const shortfalls: CellShortfall[] = [];
  for (const cell of mostConstrainedFirst(cellsAsApplied(test), bank, scope)) {
    const candidates = bank
      .filter((item) => !taken.has(item.id) && matches(item, cell, scope))
      .sort((left, right) => compareRanks(rank(left), rank(right)));
    if (candidates.length < cell.count) {
      shortfalls.push({ cell, available: candidates.length });
    }
    for (const item of candidates.slice(0, cell.count)) {
      taken.add(item.id);
      items.push(item);
    }
  }
  return { items, shortfalls };
}

/** The test's cells with a material test's implicit material filter written out. */
function cellsAsApplied(test: TestSpec): BlueprintCell[] {
  const scope = materialIdOf(test.id);
  return test.blueprint.map((cell) =>
    scope === null || cell.material !== undefined ? { ...cell } : { ...cell, material: scope },
  );
}

/**
 * Whether the item may fill the cell. A material test draws only from its own
 * material, so a cell there naming another material matches nothing.
 */
function matches(item: Item, cell: BlueprintCell, scope: string | null): boolean {
  return (
    (scope === null || item.material === scope) &&
    (cell.material === undefined || item.material === cell.material) &&
    (cell.competency === undefined || item.competency === cell.competency) &&
    (cell.difficulty === undefined || item.difficulty === cell.difficulty)
  );
}

/**
 * Orders cells by slack (matching items beyond the count), tightest first, so
 * a broad cell cannot use up the few items a narrow overlapping cell needs.
 */
function mostConstrainedFirst(
  cells: BlueprintCell[],
  bank: readonly Item[],
  scope: string | null,
): BlueprintCell[] {
  const slack = (cell: BlueprintCell) =>
    bank.filter((item) => matches(item, cell, scope)).length - cell.count;
  return cells
    .map((cell, index) => ({ cell, index, slack: slack(cell) }))
    .sort((left, right) => left.slack - right.slack || left.index - right.index)
    .map(({ cell }) => cell);
}

function compareRanks(left: number[], right: number[]): number {
  for (let index = 0; index < left.length; index++) {
    const difference = (left[index] ?? 0) - (right[index] ?? 0);
    if (difference !== 0) return difference;
  }
  return 0;
}

function toFormItem(item: Item, random: Random): FormItem {
  // True/false reads naturally only in that order, so it is never shuffled.
  const options = item.type === 'truefalse' ? item.options : shuffle(item.options, random);
  return {
    id: item.id,
    type: item.type,
    stem: { ...item.stem },
    options: options.map((option) => ({ id: option.id, text: { ...option.text } })),
  };
}
