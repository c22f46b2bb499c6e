import { describe, expect, it } from 'vitest';
import type { FormItem } from '@smart-training/core';
import {
  choose,
  emptyState,
  flaggedIndexes,
  goTo,
  restoreState,
  submission,
  toggleFlag,
  unansweredIndexes,
} from '../src/cat/answer-state';

const option = (id: string) => ({ id, text: { id: id.toUpperCase() } });
const items: FormItem[] = [
  { id: 'i1', type: 'single', stem: { id: 'Satu' }, options: ['a', 'b', 'c'].map(option) },
  { id: 'i2', type: 'multiple', stem: { id: 'Dua' }, options: ['a', 'b', 'c'].map(option) },
  { id: 'i3', type: 'truefalse', stem: { id: 'Tiga' }, options: ['true', 'false'].map(option) },
];
const [single, multiple, truefalse] = items as [FormItem, FormItem, FormItem];

describe('answer state of a form', () => {
  it('replaces the choice of a one-answer item', () => {
    let state = choose(emptyState('f'), single, 'a');
    state = choose(state, single, 'c');
    state = choose(state, truefalse, 'false');
    expect(state.answers).toEqual({ i1: ['c'], i3: ['false'] });
  });

  it('adds and removes choices of a multiple-answer item, in the form’s option order', () => {
    let state = choose(emptyState('f'), multiple, 'c');
    state = choose(state, multiple, 'a');
    expect(state.answers.i2).toEqual(['a', 'c']);
    state = choose(state, multiple, 'c', false);
    state = choose(state, multiple, 'a', false);
    expect(state.answers).toEqual({});
  });

  it('lists unanswered and flagged items in form order', () => {
    let state = choose(emptyState('f'), multiple, 'b');
    state = toggleFlag(toggleFlag(state, 'i3'), 'i1');
    expect(unansweredIndexes(state, items)).toEqual([0, 2]);
    expect(flaggedIndexes(state, items)).toEqual([0, 2]);
    expect(flaggedIndexes(toggleFlag(state, 'i1'), items)).toEqual([2]);
  });

  it('keeps the item on screen inside the form', () => {
    expect(goTo(emptyState('f'), 7, items.length).current).toBe(2);
    expect(goTo(emptyState('f'), -1, items.length).current).toBe(0);
  });

  it('submits only items that have a choice', () => {
    const state = { ...emptyState('f'), answers: { i1: ['a'], i2: [] } };
    expect(submission(state)).toEqual({ i1: ['a'] });
  });

  it('restores a saved state of the same form after a reload', () => {
    let state = choose(emptyState('f'), multiple, 'b');
    state = goTo(toggleFlag(state, 'i2'), 1, items.length);
    const restored = restoreState(JSON.stringify({ ...state, deadline: 1234 }), 'f', items);
    expect(restored).toEqual({ formId: 'f', answers: { i2: ['b'] }, flagged: ['i2'], current: 1, deadline: 1234 });
  });

  it('starts fresh from a state saved for another form or from broken storage', () => {
    const saved = JSON.stringify({ formId: 'old', answers: { i1: ['a'] }, flagged: [], current: 0 });
    expect(restoreState(saved, 'f', items)).toEqual(emptyState('f'));
    expect(restoreState('{not json', 'f', items)).toEqual(emptyState('f'));
    expect(restoreState(null, 'f', items)).toEqual(emptyState('f'));
  });

  it('drops saved answers that do not fit the form', () => {
    const saved = JSON.stringify({
      formId: 'f',
      answers: { i1: ['a', 'b'], i2: ['a', 'z', 'a'], i3: ['maybe'], gone: ['a'] },
      flagged: ['gone', 'i2', 7],
      current: 99,
      deadline: 'tomorrow',
    });
    expect(restoreState(saved, 'f', items)).toEqual({ formId: 'f', answers: { i2: ['a'] }, flagged: ['i2'], current: 2 });
  });
});
