import { describe, expect, it } from 'vitest';
import { InvalidAnswersError, round2, scoreForm } from '../src/index';
import { makeItem } from './fixtures';

const single = makeItem('s1', { material: 'akuntabel', type: 'single' });
const multiple = makeItem('m1', { material: 'akuntabel', type: 'multiple' });
const trueFalse = makeItem('t1', { material: 'akuntabel', type: 'truefalse' });
const form = [single, multiple, trueFalse];

function invalidDetail(answers: Record<string, string[]>): string {
  try {
    scoreForm(form, answers);
  } catch (error) {
    if (error instanceof InvalidAnswersError) return error.detail;
    throw error;
  }
  throw new Error('expected InvalidAnswersError');
}

describe('scoreForm', () => {
  it('scores a fully correct form 100', () => {
    const result = scoreForm(form, { s1: ['a'], m1: ['b', 'a'], t1: ['true'] });
    expect(result).toMatchObject({ score: 100, correct: 3, total: 3 });
  });

  it('counts unanswered items and empty answers as wrong', () => {
    const result = scoreForm(form, { s1: ['a'], m1: [] });
    expect(result.correct).toBe(1);
    expect(result.perItem).toEqual([
      { itemId: 's1', chosen: ['a'], correct: true },
      { itemId: 'm1', chosen: [], correct: false },
      { itemId: 't1', chosen: [], correct: false },
    ]);
  });

  it('rounds the score to two decimals: one of three correct is 33.33', () => {
    expect(scoreForm(form, { s1: ['a'] }).score).toBe(33.33);
    expect(scoreForm(form, { s1: ['a'], t1: ['true'] }).score).toBe(66.67);
  });

  it('marks a single-answer item wrong when another option is chosen', () => {
    expect(scoreForm([single], { s1: ['b'] }).perItem[0]?.correct).toBe(false);
  });

  it('marks a true/false item by the one option chosen', () => {
    expect(scoreForm([trueFalse], { t1: ['false'] }).score).toBe(0);
    expect(scoreForm([trueFalse], { t1: ['true'] }).score).toBe(100);
  });

  it('gives no partial credit on a multiple-answer item: a missing key is wrong', () => {
    expect(scoreForm([multiple], { m1: ['a'] }).score).toBe(0);
  });

  it('gives no credit for ticking every option of a multiple-answer item', () => {
    expect(scoreForm([multiple], { m1: ['a', 'b', 'c', 'd', 'e'] }).score).toBe(0);
  });

  it('keeps the form order in perItem regardless of the answers order', () => {
    const result = scoreForm(form, { t1: ['true'], s1: ['a'] });
    expect(result.perItem.map((scored) => scored.itemId)).toEqual(['s1', 'm1', 't1']);
  });

  it('scores an empty answer sheet 0', () => {
    expect(scoreForm(form, {})).toMatchObject({ score: 0, correct: 0, total: 3 });
  });

  it('refuses an answer to an item that is not on the form, naming it', () => {
    expect(invalidDetail({ x9: ['a'] })).toContain('"x9"');
  });

  it('refuses an option the item does not have, naming item and option', () => {
    const detail = invalidDetail({ s1: ['z'] });
    expect(detail).toContain('"s1"');
    expect(detail).toContain('"z"');
  });

  it('refuses an option given twice', () => {
    expect(invalidDetail({ m1: ['a', 'a'] })).toContain('twice');
  });

  it('refuses two options for a single-answer or true/false item', () => {
    expect(invalidDetail({ s1: ['a', 'b'] })).toContain('one option');
    expect(invalidDetail({ t1: ['true', 'false'] })).toContain('one option');
  });

  it('refuses an answer that is not a list of option ids', () => {
    const answers = JSON.parse('{"s1": "a"}') as Record<string, string[]>;
    expect(invalidDetail(answers)).toContain('list');
  });

  it('gives the invalid-answers error an Indonesian message too', () => {
    expect(() => scoreForm(form, { s1: ['z'] })).toThrow(InvalidAnswersError);
    try {
      scoreForm(form, { s1: ['z'] });
    } catch (error) {
      expect((error as InvalidAnswersError).messageId).toContain('tidak memiliki pilihan');
      expect((error as InvalidAnswersError).code).toBe('invalid_answers');
    }
  });
});

describe('round2', () => {
  it('rounds half up at the second decimal', () => {
    expect(round2(1.005)).toBe(1.01);
    expect(round2(84.994)).toBe(84.99);
    expect(round2(200 / 3)).toBe(66.67);
  });
});
