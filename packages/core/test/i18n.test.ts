import { describe, expect, it } from 'vitest';
import { localize } from '../src/index';

describe('localize', () => {
  const title = { id: 'Tes Penempatan', en: 'Placement test' };

  it('gives Indonesian by default and English when asked', () => {
    expect(localize(title, 'id')).toBe('Tes Penempatan');
    expect(localize(title, 'en')).toBe('Placement test');
  });

  it('falls back to Indonesian when the English text is missing or blank', () => {
    expect(localize({ id: 'Materi' }, 'en')).toBe('Materi');
    expect(localize({ id: 'Materi', en: '  ' }, 'en')).toBe('Materi');
  });
});
