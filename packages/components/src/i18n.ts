import { localize, type Language, type OfferingWindow } from '@smart-training/core';
import { AssessmentApiError } from '@smart-training/runtime';

/**
 * Language and formatting helpers shared by the unit's elements and the CAT
 * player. Texts themselves live in each element's own dictionary.
 */

/** BCP 47 locale used for numbers and dates in each language. */
export const LOCALES: Record<Language, string> = { id: 'id-ID', en: 'en-GB' };

/**
 * Reads a language attribute leniently: anything starting with "en" is
 * English, everything else Indonesian, the product's first language.
 */
export function toLanguage(value: string | null | undefined): Language {
  return value?.toLowerCase().startsWith('en') ? 'en' : 'id';
}

// Indonesia announces times by zone abbreviation in both languages; ICU
// only uses them for the Indonesian locale and writes "GMT+7" in English.
const INDONESIAN_ZONES: Record<string, string> = {
  'Asia/Jakarta': 'WIB',
  'Asia/Pontianak': 'WIB',
  'Asia/Makassar': 'WITA',
  'Asia/Jayapura': 'WIT',
};

/** The zone's short name as learners know it, e.g. "WIB" for Asia/Jakarta. */
export function zoneAbbreviation(timeZone: string, lang: Language, at = new Date()): string {
  const known = INDONESIAN_ZONES[timeZone];
  if (known !== undefined) return known;
  const part = new Intl.DateTimeFormat(LOCALES[lang], { timeZone, timeZoneName: 'short' })
    .formatToParts(at)
    .find((p) => p.type === 'timeZoneName');
  return part?.value ?? timeZone;
}

/**
 * An instant as a date and time in `timeZone`, followed by the zone name.
 *
 * @example
 * formatDateTime('2026-12-01T00:00:00+07:00', 'Asia/Jakarta', 'id'); // "1 Des 2026, 00.00 WIB"
 */
export function formatDateTime(iso: string, timeZone: string, lang: Language): string {
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return iso;
  const text = new Intl.DateTimeFormat(LOCALES[lang], {
    timeZone,
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(at);
  return `${text} ${zoneAbbreviation(timeZone, lang, at)}`;
}

/** An instant as a date only, in `timeZone` (the learner's, when omitted). */
export function formatDate(iso: string, lang: Language, timeZone?: string): string {
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return iso;
  return new Intl.DateTimeFormat(LOCALES[lang], {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    ...(timeZone === undefined ? {} : { timeZone }),
  }).format(at);
}

/** The offering window as "opens – closes", both in the offering's zone. */
export function formatWindow(offering: OfferingWindow, lang: Language): string {
  const { opens, closes, timeZone } = offering;
  return `${formatDateTime(opens, timeZone, lang)} – ${formatDateTime(closes, timeZone, lang)}`;
}

/** A score with at most two decimals, written the way the language writes numbers. */
export function formatScore(score: number, lang: Language): string {
  return new Intl.NumberFormat(LOCALES[lang], { maximumFractionDigits: 2 }).format(score);
}

/** What to show when an error is not the assessment API's own. */
export interface ErrorFallbacks {
  /** Anything that is not an AssessmentApiError; `detail` is its own (English) message. */
  unexpected(detail: string): string;
}

/**
 * The learner-facing text of a failure: the LRS's message in the learner's
 * language for an AssessmentApiError (which also covers an unreachable
 * server), otherwise the fallback naming the error.
 */
export function errorText(error: unknown, lang: Language, fallbacks: ErrorFallbacks): string {
  if (error instanceof AssessmentApiError) return localize(error.text, lang);
  return fallbacks.unexpected(error instanceof Error ? error.message : String(error));
}

/** True when trying the same call again may work: no answer at all, or a fault of the server. */
export function isRetryable(error: unknown): boolean {
  if (!(error instanceof AssessmentApiError)) return true;
  return error.status === 0 || error.status === 408 || error.status === 429 || error.status >= 500;
}
