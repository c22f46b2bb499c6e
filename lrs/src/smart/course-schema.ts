import { z } from 'zod';
import type { Course } from '@smart-training/core';

/*
 * The shape of a published course (the `Course` type of core/model.ts) as a
 * zod schema. Shape only: rules between fields are checked in courses.ts.
 */

const localizedText = z.object({ id: z.string().min(1), en: z.string().optional() });
const difficulty = z.enum(['easy', 'medium', 'hard']);
const identifier = z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'use lowercase letters, digits and dashes');
const instant = z.string().refine((value) => !Number.isNaN(Date.parse(value)), 'must be an ISO 8601 instant');

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
  version: z.string().min(1),
  title: localizedText,
  description: localizedText,
  jp: z.number().positive(),
  offering: z.object({ opens: instant, closes: instant, timeZone: z.string().min(1) }),
  placement: testSpec,
  materials: z.array(material).min(1),
  final: testSpec,
  bank: z.array(item).min(1),
});

/** The first problem zod found, as a property path and what is wrong there. */
export function firstIssue(error: z.ZodError): { path: string; message: string } {
  const [issue] = error.issues;
  if (!issue) return { path: '(course)', message: 'is not a course' };
  const path = issue.path
    .map((part) => (typeof part === 'number' ? `[${part}]` : `.${String(part)}`))
    .join('');
  return { path: path.replace(/^\./, '') || '(course)', message: issue.message };
}
