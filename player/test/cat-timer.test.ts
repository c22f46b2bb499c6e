import { describe, expect, it } from 'vitest';
import { deadlineAtReceipt, formatClock, secondsLeft, thresholdCrossed } from '../src/cat/timer';

const form = (startedAt: string, expiresAt: string, timeLimitSeconds = 900) => ({ startedAt, expiresAt, timeLimitSeconds });

describe('countdown of a test form', () => {
  it('counts the server window from the moment the form arrived, whatever the client clock says', () => {
    // The server started the form in 2026; the client clock says 1999.
    const receivedAt = Date.parse('1999-01-01T08:00:00Z');
    const deadline = deadlineAtReceipt(form('2026-12-05T01:00:00Z', '2026-12-05T01:15:00Z'), receivedAt);
    expect(deadline - receivedAt).toBe(15 * 60 * 1000);
  });

  it('never allows more than the time limit, even if the server window is longer', () => {
    const deadline = deadlineAtReceipt(form('2026-12-05T01:00:00Z', '2026-12-05T02:00:00Z', 600), 0);
    expect(deadline).toBe(600_000);
  });

  it('keeps the earlier deadline saved before a reload, so reloading gains no time', () => {
    const served = form('2026-12-05T01:00:00Z', '2026-12-05T01:15:00Z');
    expect(deadlineAtReceipt(served, 1_000_000, 500_000)).toBe(500_000);
    expect(deadlineAtReceipt(served, 0, 5_000_000)).toBe(900_000);
  });

  it('falls back to the time limit when the server instants cannot be read', () => {
    expect(deadlineAtReceipt(form('soon', 'later', 120), 1000)).toBe(121_000);
  });

  it('rounds the seconds left up and never below zero', () => {
    expect(secondsLeft(10_000, 9_800)).toBe(1);
    expect(secondsLeft(10_000, 10_000)).toBe(0);
    expect(secondsLeft(10_000, 99_000)).toBe(0);
  });

  it('shows minutes and seconds as mm:ss, minutes beyond 59 unwrapped', () => {
    expect(formatClock(0)).toBe('00:00');
    expect(formatClock(125)).toBe('02:05');
    expect(formatClock(90 * 60)).toBe('90:00');
  });

  it('announces only when 5 and 1 minutes left are crossed', () => {
    expect(thresholdCrossed(301, 300)).toBe(300);
    expect(thresholdCrossed(300, 299)).toBeNull();
    expect(thresholdCrossed(61, 60)).toBe(60);
    expect(thresholdCrossed(400, 30)).toBe(60);
    expect(thresholdCrossed(5, 0)).toBeNull();
  });
});
