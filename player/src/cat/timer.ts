/**
 * Countdown arithmetic for a test form. Pure: every function takes the
 * current time as an argument, so the element decides where time comes from
 * and tests need no clock.
 *
 * The deadline lives on the client's own clock. It is derived from the time
 * the server allows (expiresAt − startedAt, capped by timeLimitSeconds) and the
 * moment the form arrived, so a client clock that is hours off from the
 * server's still counts down the right amount. The server remains the judge.
 */

/** The parts of a form the countdown needs. */
export interface TimedForm {
  timeLimitSeconds: number;
  startedAt: string;
  expiresAt: string;
}

/** Seconds left at which screen readers hear a warning: 5 and 1 minutes. */
export const ANNOUNCE_AT_SECONDS: readonly number[] = [300, 60];

/**
 * The client-clock instant (ms) at which the form's time runs out.
 * `previousDeadline` is one saved before a reload of the same form: the
 * earlier deadline wins, so reloading never gains time.
 *
 * @example
 * deadlineAtReceipt({ timeLimitSeconds: 900, startedAt, expiresAt }, Date.now());
 */
export function deadlineAtReceipt(
  form: TimedForm,
  receivedAt: number,
  previousDeadline?: number,
): number {
  const serverWindow = (Date.parse(form.expiresAt) - Date.parse(form.startedAt)) / 1000;
  const allowed = Number.isFinite(serverWindow)
    ? Math.min(form.timeLimitSeconds, serverWindow)
    : form.timeLimitSeconds;
  const deadline = receivedAt + Math.max(0, allowed) * 1000;
  if (previousDeadline === undefined || !Number.isFinite(previousDeadline)) return deadline;
  return Math.min(deadline, previousDeadline);
}

/** Whole seconds left until `deadline`, never negative. Rounds up: 0.2 s left shows 1. */
export function secondsLeft(deadline: number, now: number): number {
  return Math.max(0, Math.ceil((deadline - now) / 1000));
}

/**
 * A clock face: minutes and seconds, minutes not wrapped at 60 so a 90-minute
 * test reads "90:00".
 *
 * @example
 * formatClock(125); // "02:05"
 */
export function formatClock(seconds: number): string {
  const whole = Math.max(0, Math.floor(seconds));
  const minutes = Math.floor(whole / 60);
  const rest = whole % 60;
  return `${String(minutes).padStart(2, '0')}:${String(rest).padStart(2, '0')}`;
}

/**
 * The warning threshold (in seconds) crossed between two readings of the
 * clock, or null. Crossing several at once (a sleeping laptop) reports the
 * lowest, the one that is still true.
 */
export function thresholdCrossed(before: number, after: number): number | null {
  const crossed = ANNOUNCE_AT_SECONDS.filter((mark) => before > mark && after <= mark && after > 0);
  return crossed.length === 0 ? null : Math.min(...crossed);
}
