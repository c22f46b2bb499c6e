import { describe, expect, it } from 'vitest';
import { fnv1a, pick, randomIndex, seededRandom, shuffle } from '../src/index';

const numbers = Array.from({ length: 20 }, (_, index) => index);

describe('seeded random', () => {
  it('hashes with FNV-1a: the empty string gives the offset basis', () => {
    expect(fnv1a('') >>> 0).toBe(0x811c9dc5);
    expect(fnv1a('a')).not.toBe(fnv1a('b'));
    expect(fnv1a('a', 1)).not.toBe(fnv1a('a', 0));
  });

  it('repeats the same sequence for the same seed', () => {
    const first = seededRandom('198503102010011001:final:1');
    const second = seededRandom('198503102010011001:final:1');
    expect(shuffle(numbers, first)).toEqual(shuffle(numbers, second));
  });

  it('gives a different order for a different seed', () => {
    expect(shuffle(numbers, seededRandom('seed-1'))).not.toEqual(
      shuffle(numbers, seededRandom('seed-2')),
    );
  });

  it('shuffles into a permutation and leaves the input untouched', () => {
    const input = [...numbers];
    const shuffled = shuffle(input, seededRandom('x'));
    expect(input).toEqual(numbers);
    expect([...shuffled].sort((a, b) => a - b)).toEqual(numbers);
  });

  it('draws indexes inside the bound and reaches every one', () => {
    const random = seededRandom('indexes');
    const drawn = new Set(Array.from({ length: 500 }, () => randomIndex(random, 5)));
    expect([...drawn].sort()).toEqual([0, 1, 2, 3, 4]);
  });

  it('picks an element of the list and refuses an empty list', () => {
    expect(numbers).toContain(pick(numbers, seededRandom('p')));
    expect(() => pick([], seededRandom('p'))).toThrow(RangeError);
    expect(() => randomIndex(seededRandom('p'), 0)).toThrow(RangeError);
  });
});
