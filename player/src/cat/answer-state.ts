import type { Answers, FormItem } from '@smart-training/core';

/**
 * What the learner has done on one form so far: answers, items flagged for
 * review, the item on screen, and the client-clock deadline. Immutable; each
 * change returns a new state, which the element stores and persists.
 */
export interface AnswerState {
  formId: string;
  answers: Answers;
  /** Item ids flagged for review, in the order they were flagged. */
  flagged: string[];
  /** Index of the item on screen. */
  current: number;
  /** Client-clock deadline in ms, kept so a reload cannot extend the time. */
  deadline?: number;
}

/** A fresh state for a form nobody has touched. */
export function emptyState(formId: string): AnswerState {
  return { formId, answers: {}, flagged: [], current: 0 };
}

/**
 * Records a choice. For a one-answer item (single, truefalse) the option
 * replaces the previous one; for a multiple-answer item it is added or, when
 * `checked` is false, removed.
 */
export function choose(
  state: AnswerState,
  item: FormItem,
  optionId: string,
  checked = true,
): AnswerState {
  const before = state.answers[item.id] ?? [];
  let chosen: string[];
  if (item.type === 'multiple') {
    const others = before.filter((id) => id !== optionId);
    // Keep the form's option order so the submission reads like the screen.
    const wanted = checked ? new Set([...others, optionId]) : new Set(others);
    chosen = item.options.map((o) => o.id).filter((id) => wanted.has(id));
  } else {
    chosen = checked ? [optionId] : before.filter((id) => id !== optionId);
  }
  const answers = { ...state.answers };
  if (chosen.length === 0) delete answers[item.id];
  else answers[item.id] = chosen;
  return { ...state, answers };
}

export function toggleFlag(state: AnswerState, itemId: string): AnswerState {
  const flagged = state.flagged.includes(itemId)
    ? state.flagged.filter((id) => id !== itemId)
    : [...state.flagged, itemId];
  return { ...state, flagged };
}

/** Moves to item `index`, clamped to the form. */
export function goTo(state: AnswerState, index: number, itemCount: number): AnswerState {
  const current = Math.min(Math.max(0, Math.trunc(index)), Math.max(0, itemCount - 1));
  return { ...state, current };
}

export function isAnswered(state: AnswerState, itemId: string): boolean {
  return (state.answers[itemId]?.length ?? 0) > 0;
}

export function isFlagged(state: AnswerState, itemId: string): boolean {
  return state.flagged.includes(itemId);
}

/** Indexes of the items without an answer, in form order. */
export function unansweredIndexes(state: AnswerState, items: readonly FormItem[]): number[] {
  return items.flatMap((item, index) => (isAnswered(state, item.id) ? [] : [index]));
}

/** Indexes of the flagged items, in form order. */
export function flaggedIndexes(state: AnswerState, items: readonly FormItem[]): number[] {
  return items.flatMap((item, index) => (isFlagged(state, item.id) ? [index] : []));
}

/** The answers to send: only items that have at least one option chosen. */
export function submission(state: AnswerState): Answers {
  return Object.fromEntries(Object.entries(state.answers).filter(([, ids]) => ids.length > 0));
}

/**
 * Rebuilds a state saved as JSON for `items` of form `formId`. Anything that
 * does not fit the form (another form, unknown items or options, two options
 * on a one-answer item, broken JSON) is dropped rather than trusted: saved
 * state lives in storage the page does not control.
 */
export function restoreState(
  saved: string | null,
  formId: string,
  items: readonly FormItem[],
): AnswerState {
  const fresh = emptyState(formId);
  if (saved === null) return fresh;
  let raw: unknown;
  try {
    raw = JSON.parse(saved);
  } catch {
    return fresh;
  }
  if (!isRecord(raw) || raw.formId !== formId) return fresh;

  const byId = new Map(items.map((item) => [item.id, item]));
  const answers: Answers = {};
  if (isRecord(raw.answers)) {
    for (const [itemId, chosen] of Object.entries(raw.answers)) {
      const item = byId.get(itemId);
      if (item === undefined || !Array.isArray(chosen)) continue;
      const known = new Set(item.options.map((o) => o.id));
      const valid = [...new Set(chosen.filter((id): id is string => typeof id === 'string' && known.has(id)))];
      if (valid.length === 0 || (item.type !== 'multiple' && valid.length > 1)) continue;
      answers[itemId] = valid;
    }
  }
  const flagged = Array.isArray(raw.flagged)
    ? [...new Set(raw.flagged.filter((id): id is string => typeof id === 'string' && byId.has(id)))]
    : [];
  const current = typeof raw.current === 'number' ? raw.current : 0;
  const state = goTo({ formId, answers, flagged, current: 0 }, current, items.length);
  return typeof raw.deadline === 'number' && Number.isFinite(raw.deadline)
    ? { ...state, deadline: raw.deadline }
    : state;
}

/** The storage key under which a form's state is kept. */
export function storageKey(formId: string): string {
  return `smart-cat:${formId}`;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
