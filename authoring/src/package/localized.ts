import type { LocalizedText } from '@smart-training/core';

/**
 * A course text as the language-tagged strings of a cmi5 or xAPI
 * descriptor: Indonesian always, English when the author wrote it.
 *
 * @example
 * taggedTexts({ id: 'Etika ASN', en: 'Civil service ethics' })
 * // [['id-ID', 'Etika ASN'], ['en-US', 'Civil service ethics']]
 */
export function taggedTexts(text: LocalizedText): [lang: string, text: string][] {
  return text.en === undefined ? [['id-ID', text.id]] : [['id-ID', text.id], ['en-US', text.en]];
}
