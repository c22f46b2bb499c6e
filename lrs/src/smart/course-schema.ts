import semver from 'semver';
import { z } from 'zod';
import type { Course } from '@smart-training/core';
import { bilingual, type BodyShape } from './request-body';

/*
 * The shape of a published course (the `Course` type of core/model.ts) as a
 * zod schema. Shape only: rules between fields are checked in courses.ts.
 */

const localizedText = z.object({ id: z.string().min(1), en: z.string().optional() });
const difficulty = z.enum(['easy', 'medium', 'hard']);
const identifier = z.string().refine(
  (value) => /^[a-z0-9][a-z0-9-]*$/.test(value),
  bilingual(
    'must use only lowercase letters, digits and dashes, e.g. "etika-2026"',
    'hanya boleh memakai huruf kecil, angka dan tanda hubung, misalnya "etika-2026"',
  ),
);
const instant = z.string().refine(
  (value) => !Number.isNaN(Date.parse(value)),
  bilingual(
    'must be an ISO 8601 instant, e.g. 2026-12-01T00:00:00+07:00',
    'harus berupa waktu ISO 8601, misalnya 2026-12-01T00:00:00+07:00',
  ),
);
/** Versions are compared as semantic versions: a course is never published backwards. */
const version = z.string().refine(
  (value) => semver.valid(value) !== null,
  bilingual(
    'must be a semantic version such as "1.0.0" (major.minor.patch)',
    'harus berupa versi semantik seperti "1.0.0" (mayor.minor.patch)',
  ),
);

const blueprintCell = z.object({
  count: z.number().int().positive(),
  material: z.string().optional(),
  competency: z.string().optional(),
  difficulty: difficulty.optional(),
});

const testSpec = z.object({
  id: z.string().min(1),
  kind: z.enum(['placement', 'material', 'final']),
  title: localizedText,
  passMark: z.number().min(0).max(100),
  timeLimitMinutes: z.number().positive(),
  maxAttempts: z.number().int().positive().nullable(),
  blueprint: z.array(blueprintCell).min(1),
});

const item = z.object({
  id: z.string().min(1),
  type: z.enum(['single', 'multiple', 'truefalse']),
  material: z.string().min(1),
  competency: z.string().min(1),
  difficulty,
  stem: localizedText,
  options: z.array(z.object({ id: z.string().min(1), text: localizedText, correct: z.boolean() })).min(2),
  explanation: localizedText.optional(),
});

const material = z.object({
  id: identifier,
  title: localizedText,
  html: localizedText,
  media: z.array(
    z.object({
      kind: z.enum(['video', 'module', 'slides', 'reference']),
      title: localizedText,
      href: z.string().min(1),
      minutes: z.number().nonnegative().optional(),
    }),
  ),
  test: testSpec,
});

/** Zod schema of a full course, bank included. */
export const courseSchema: z.ZodType<Course> = z.object({
  id: identifier,
  version,
  title: localizedText,
  description: localizedText,
  jp: z.number().positive(),
  offering: z.object({ opens: instant, closes: instant, timeZone: z.string().min(1) }),
  placement: testSpec,
  materials: z.array(material).min(1),
  final: testSpec,
  bank: z.array(item).min(1),
});

/** How a malformed course body is reported. */
export const COURSE_BODY: BodyShape = {
  code: 'invalid_course',
  field: { en: 'course property', id: 'properti pelatihan' },
  expected: {
    en: 'the course as JSON, bank included (smart-author publish does this)',
    id: 'pelatihan sebagai JSON beserta bank soalnya (smart-author publish melakukannya)',
  },
};
