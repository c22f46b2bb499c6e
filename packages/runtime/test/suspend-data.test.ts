import { describe, expect, it } from 'vitest';
import { SUSPEND_DATA_LIMIT, decodeSuspendData, encodeSuspendData } from '../src/index';

describe('suspend data codec', () => {
  it('stores a short state plain, since compressing it would make it longer', () => {
    expect(encodeSuspendData('{"v":1}', SUSPEND_DATA_LIMIT.scorm12)).toBe('p{"v":1}');
    expect(decodeSuspendData('p{"v":1}')).toBe('{"v":1}');
  });

  it('compresses a repetitive state into URI-safe ASCII and restores it exactly', () => {
    const state = JSON.stringify(Array.from({ length: 400 }, (_, i) => ({ material: `materi-${i % 7}`, seen: true })));
    const stored = encodeSuspendData(state, SUSPEND_DATA_LIMIT.scorm12);
    expect(stored).not.toBeNull();
    expect(stored!.startsWith('z')).toBe(true);
    expect(stored!.length).toBeLessThan(state.length / 4);
    expect(stored).toMatch(/^[A-Za-z0-9+\-$]+$/);
    expect(decodeSuspendData(stored!)).toBe(state);
  });

  it('answers null when the state cannot be brought under the limit', () => {
    expect(encodeSuspendData('x'.repeat(50), 5)).toBeNull();
  });

  it('reads an empty value as no state and a value it did not write as it is', () => {
    expect(decodeSuspendData('')).toBeNull();
    expect(decodeSuspendData('bookmark=page3')).toBe('bookmark=page3');
  });
});
