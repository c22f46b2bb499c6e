import semver from 'semver';
import { z } from 'zod';
import { DIFFICULTIES, ITEM_TYPES } from '@smart-training/core';

/**
 * The shapes of `course.yaml` and `bank/*.yaml`. They check form only (types,
 * required fields, formats); rules that need more than one value (unique ids,
 * references, pass marks fixed by the SMART model) live in the loader, where
 * the message can explain the rule.
 */

const idSchema = z
  .string()
  .regex(/^[a-z0-9-]+$/, 'use only lowercase letters, digits and hyphens, e.g. "orientasi-pelayanan"');

// A missing value keeps the general "is required but missing" message.
const positiveWholeNumber = z
  .number({ error: (issue) => (issue.input === undefined ? undefined : 'must be a positive whole number') })
  .int('must be a positive whole number')
  .positive('must be a positive whole number');

export const localizedTextSchema = z.strictObject({
  id: z
    .string({ error: (issue) => (issue.input === undefined ? 'needs the Indonesian text under "id"' : undefined) })
    .trim()
    .min(1, 'needs the Indonesian text under "id"; it may not be empty'),
  en: z.string().optional(),
});

const isoInstant = z.iso.datetime({
  offset: true,
  error: 'must be an ISO 8601 date and time with a UTC offset, e.g. 2026-12-01T00:00:00+07:00',
});

const timeZoneSchema = z
  .string()
  .refine(
    isIanaTimeZone,
    'is not an IANA time zone; use Asia/Jakarta (WIB), Asia/Makassar (WITA) or Asia/Jayapura (WIT)',
  );

export const blueprintCellSchema = z.strictObject({
  count: positiveWholeNumber,
  material: idSchema.optional(),
  competency: idSchema.optional(),
  difficulty: z.enum(DIFFICULTIES).optional(),
});

const blueprintSchema = z
  .array(blueprintCellSchema)
  .min(1, 'needs at least one cell, e.g. "- { difficulty: easy, count: 3 }"');

/** Pass mark and attempts are parsed loosely so the loader can explain the SMART rule. */
const ruledNumber = z.number().optional();
const ruledAttempts = z.number().nullable().optional();

export const placementSchema = z.strictObject({
  title: localizedTextSchema,
  timeLimitMinutes: positiveWholeNumber,
  passMark: ruledNumber,
  maxAttempts: ruledAttempts,
  blueprint: blueprintSchema,
});

export const materialTestSchema = z.strictObject({
  timeLimitMinutes: positiveWholeNumber,
  passMark: ruledNumber,
  maxAttempts: ruledAttempts,
  blueprint: blueprintSchema,
});

export const finalSchema = z.strictObject({
  title: localizedTextSchema,
  timeLimitMinutes: positiveWholeNumber,
  passMark: z
    .number()
    .min(0, 'must be a percentage from 0 to 100')
    .max(100, 'must be a percentage from 0 to 100')
    .optional(),
  maxAttempts: positiveWholeNumber.nullable().optional(),
  blueprint: blueprintSchema,
});

export const mediaSchema = z.strictObject({
  kind: z.enum(['video', 'module', 'slides', 'reference']),
  title: localizedTextSchema,
  href: z.string().trim().min(1, 'needs a URL or a path inside the course folder'),
  minutes: positiveWholeNumber.optional(),
});

export const materialSchema = z.strictObject({
  id: idSchema,
  title: localizedTextSchema,
  text: z.string().trim().min(1, 'needs the path of the material\'s Markdown file'),
  media: z.array(mediaSchema).default([]),
  test: materialTestSchema,
});

/** Top-level fields of course.yaml, each validated on its own so one bad section hides nothing else. */
export const courseSections = {
  id: idSchema,
  // The LRS orders publications by version and refuses a changed course under an old one.
  version: z
    .string({
      error: (issue) =>
        typeof issue.input === 'number' ? 'must be text; quote it, e.g. version: "1.0.0"' : undefined,
    })
    .refine((value) => semver.valid(value) !== null, {
      message: 'must be a semantic version such as "1.0.0"; bump it whenever the content changes',
    }),
  title: localizedTextSchema,
  description: localizedTextSchema,
  jp: positiveWholeNumber,
  offering: z.strictObject({ opens: isoInstant, closes: isoInstant, timeZone: timeZoneSchema }),
  placement: placementSchema,
  materials: z.array(z.unknown()).min(1, 'needs at least one material'),
  final: finalSchema,
  bank: z.string().trim().min(1).default('bank'),
} as const;

export const optionSchema = z.strictObject({
  text: localizedTextSchema,
  correct: z.boolean().optional(),
});

export const itemSchema = z.strictObject({
  id: idSchema,
  type: z.enum(ITEM_TYPES),
  material: idSchema,
  competency: idSchema,
  difficulty: z.enum(DIFFICULTIES),
  stem: localizedTextSchema,
  options: z.array(optionSchema).optional(),
  answer: z.boolean().optional(),
  explanation: localizedTextSchema.optional(),
});

export const itemFileSchema = z.strictObject({
  items: z.array(z.unknown()).min(1, 'needs at least one item'),
});

export type PlacementSource = z.infer<typeof placementSchema>;
export type MaterialSource = z.infer<typeof materialSchema>;
export type MaterialTestSource = z.infer<typeof materialTestSchema>;
export type FinalSource = z.infer<typeof finalSchema>;
export type ItemSource = z.infer<typeof itemSchema>;

function isIanaTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}
