/**
 * Where the LRS reads the time. Deadlines, windows and stored times all come
 * from here, so tests can move time without sleeping.
 *
 * @example
 * let at = Date.parse('2026-12-02T08:00:00+07:00');
 * const clock: Clock = { now: () => new Date(at) };
 */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };
