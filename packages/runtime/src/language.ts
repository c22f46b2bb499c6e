import type { Language } from '@smart-training/core';

/** A language tag as the unit's language: "en…" is English, any other tag Indonesian. */
export function languageOf(tag: string): Language | null {
  const trimmed = tag.trim().toLowerCase();
  if (trimmed === '') return null;
  return trimmed.startsWith('en') ? 'en' : 'id';
}
