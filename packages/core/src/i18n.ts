import type { Language, LocalizedText } from './model';

/**
 * Picks the text to show: English when asked for and written, otherwise the
 * Indonesian text, which every {@link LocalizedText} has.
 *
 * @example
 * localize({ id: 'Tes Penempatan', en: 'Placement test' }, 'en'); // 'Placement test'
 * localize({ id: 'Tes Penempatan' }, 'en'); // 'Tes Penempatan'
 */
export function localize(text: LocalizedText, lang: Language): string {
  if (lang === 'en' && text.en !== undefined && text.en.trim() !== '') return text.en;
  return text.id;
}
