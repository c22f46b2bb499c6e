import { InvalidAnswersError } from './errors';
import type { Answers, FormScore, Item, ScoredItem } from './model';

/**
 * Rounds to two decimals, the precision scores are stored and shown with.
 * The epsilon nudge keeps values like 1.005 from rounding down through
 * binary floating point.
 */
export function round2(value: number): number {
  return Math.round((value + Number.EPSILON) * 100) / 100;
}

/**
 * Scores a submitted form. `items` are the form's items in form order, with
 * their keys; an item without an answer counts as wrong.
 *
 * Every item is all-or-nothing: a single or truefalse item is right when
 * exactly its correct option is chosen, a multiple item when the chosen set
 * equals the correct set. Partial credit for multiple-answer items would reward
 * ticking every box, so it is not given.
 *
 * Throws {@link InvalidAnswersError} when the answers name an item not on the
 * form, an option the item does not have, an option twice, or several options
 * for a single or truefalse item.
 *
 * @example
 * scoreForm(items, { 'op-001': ['b'], 'op-002': ['true'] });
 * // { score: 50, correct: 1, total: 2, perItem: [...] }
 */
export function scoreForm(items: readonly Item[], answers: Answers): FormScore {
  checkAnswers(items, answers);
  const perItem: ScoredItem[] = items.map((item) => {
    const chosen = Object.hasOwn(answers, item.id) ? [...(answers[item.id] ?? [])] : [];
    return { itemId: item.id, chosen, correct: isCorrect(item, chosen) };
  });
  const correct = perItem.filter((scored) => scored.correct).length;
  const total = items.length;
  return { score: total === 0 ? 0 : round2((correct / total) * 100), correct, total, perItem };
}

function isCorrect(item: Item, chosen: readonly string[]): boolean {
  const keys = item.options.filter((option) => option.correct).map((option) => option.id);
  return chosen.length === keys.length && keys.every((key) => chosen.includes(key));
}

function checkAnswers(items: readonly Item[], answers: Answers): void {
  const itemsById = new Map(items.map((item) => [item.id, item]));
  for (const [itemId, chosen] of Object.entries(answers)) {
    const item = itemsById.get(itemId);
    if (item === undefined) {
      reject(`item "${itemId}" is not on this form`, `soal "${itemId}" tidak ada pada lembar ini`);
    }
    if (!Array.isArray(chosen) || !chosen.every((option) => typeof option === 'string')) {
      reject(
        `the answer to item "${itemId}" must be a list of option ids`,
        `jawaban soal "${itemId}" harus berupa daftar pilihan`,
      );
    }
    if (item.type !== 'multiple' && chosen.length > 1) {
      reject(
        `item "${itemId}" takes one option but got ${chosen.length}`,
        `soal "${itemId}" hanya menerima satu pilihan, tetapi dikirim ${chosen.length}`,
      );
    }
    const seen = new Set<string>();
    for (const optionId of chosen) {
      if (!item.options.some((option) => option.id === optionId)) {
        reject(
          `item "${itemId}" has no option "${optionId}"`,
          `soal "${itemId}" tidak memiliki pilihan "${optionId}"`,
        );
      }
      if (seen.has(optionId)) {
        reject(
          `item "${itemId}" names option "${optionId}" twice`,
          `soal "${itemId}" menyebut pilihan "${optionId}" dua kali`,
        );
      }
      seen.add(optionId);
    }
  }
}

function reject(detail: string, detailId: string): never {
  throw new InvalidAnswersError(detail, detailId);
}
