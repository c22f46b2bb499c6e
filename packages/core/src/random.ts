import { uniformInt } from 'pure-rand/distribution/uniformInt';
import { xoroshiro128plusFromState } from 'pure-rand/generator/xoroshiro128plus';
import type { RandomGenerator } from 'pure-rand/types/RandomGenerator';

/** A seeded pseudo-random source; it advances as it is used. */
export type Random = RandomGenerator;

const FNV_OFFSET_BASIS = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/**
 * 32-bit FNV-1a over the string's UTF-16 code units, as a signed integer.
 * `salt` starts the hash from a different state so one seed yields several
 * independent words.
 */
export function fnv1a(text: string, salt = 0): number {
  let hash = (FNV_OFFSET_BASIS ^ salt) | 0;
  for (let index = 0; index < text.length; index++) {
    const unit = text.charCodeAt(index);
    hash = Math.imul(hash ^ (unit & 0xff), FNV_PRIME);
    hash = Math.imul(hash ^ (unit >>> 8), FNV_PRIME);
  }
  return hash | 0;
}

/**
 * A generator fully determined by `seed`: the same seed always gives the same
 * sequence, on the server and in the browser.
 *
 * @example
 * const random = seededRandom(`${nip}:${testId}:${attempt}`);
 * const order = shuffle(items, random);
 */
export function seededRandom(seed: string): Random {
  // Four hashed words fill xoroshiro128+'s whole 128-bit state, so distinct
  // seeds rarely share a stream (a single 32-bit seed would collide sooner).
  const state = [0, 1, 2, 3].map((salt) => fnv1a(seed, salt));
  // An all-zero state would make xoroshiro emit zeros forever.
  if (!state.some((word) => word !== 0)) state[0] = FNV_OFFSET_BASIS | 0;
  return xoroshiro128plusFromState(state);
}

/** A uniform integer in [0, below). */
export function randomIndex(random: Random, below: number): number {
  if (!Number.isInteger(below) || below < 1) {
    throw new RangeError(`randomIndex needs a positive whole bound, got ${below}`);
  }
  return uniformInt(random, 0, below - 1);
}

/** A new array with the items in a random order (Fisher–Yates). */
export function shuffle<T>(items: readonly T[], random: Random): T[] {
  const result = [...items];
  for (let last = result.length - 1; last > 0; last--) {
    const other = randomIndex(random, last + 1);
    [result[last], result[other]] = [result[other], result[last]];
  }
  return result;
}

/** One item chosen uniformly; throws on an empty list since there is nothing to pick. */
export function pick<T>(items: readonly T[], random: Random): T {
  if (items.length === 0) throw new RangeError('pick needs at least one item to choose from');
  return items[randomIndex(random, items.length)];
}
