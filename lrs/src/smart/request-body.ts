import type { z } from 'zod';
import { InvalidRequestError } from '../errors';

/*
 * Reading the JSON bodies of the SMART API with zod, and saying what is
 * wrong in both languages. zod's own issue texts are English only, so the
 * common issue kinds are worded here; a schema's custom checks carry their
 * Indonesian text in the issue's params (see {@link bilingual}).
 */

/** Text in the API's two languages. */
interface Texts {
  en: string;
  id: string;
}

/** What a SMART API call expects as its body, for the error when it gets something else. */
export interface BodyShape {
  /** Error code of a malformed body, e.g. `invalid_course`. */
  code: string;
  /** What a field is called in messages, e.g. "course property" / "properti pelatihan". */
  field: Texts;
  /** What to send, e.g. `JSON {"testId": …}`. */
  expected: Texts;
}

/** Sends a sentence in both languages through a zod check, e.g. `z.string().refine(ok, bilingual(…))`. */
export function bilingual(en: string, id: string): { message: string; params: { messageId: string } } {
  return { message: en, params: { messageId: id } };
}

/**
 * The body as the schema's type, or an {@link InvalidRequestError} naming
 * the first wrong field and what it should be, in English and Indonesian.
 *
 * @example
 * const { testId } = parseBody(z.object({ testId: z.string() }), req.body, FORM_REQUEST);
 */
export function parseBody<T>(schema: z.ZodType<T>, body: unknown, shape: BodyShape): T {
  const parsed = schema.safeParse(body);
  if (parsed.success) return parsed.data;
  const [issue] = parsed.error.issues;
  if (!issue || issue.path.length === 0) {
    throw new InvalidRequestError(
      `send ${shape.expected.en} with Content-Type: application/json`,
      `kirim ${shape.expected.id} dengan Content-Type: application/json`,
      shape.code,
    );
  }
  const path = issue.path
    .map((part) => (typeof part === 'number' ? `[${part}]` : `.${String(part)}`))
    .join('')
    .replace(/^\./, '');
  const problem = describeIssue(issue, valueAt(body, issue.path));
  throw new InvalidRequestError(
    `${shape.field.en} "${path}" ${problem.en}`,
    `${shape.field.id} "${path}" ${problem.id}`,
    shape.code,
  );
}

function valueAt(body: unknown, path: readonly PropertyKey[]): unknown {
  let value = body;
  for (const part of path) {
    if (typeof value !== 'object' || value === null) return undefined;
    value = (value as Record<PropertyKey, unknown>)[part];
  }
  return value;
}

const TYPE_NAMES: Record<string, Texts> = {
  string: { en: 'text', id: 'teks' },
  number: { en: 'a number', id: 'angka' },
  int: { en: 'a whole number', id: 'bilangan bulat' },
  boolean: { en: 'true or false', id: 'true atau false' },
  array: { en: 'a list (JSON array)', id: 'daftar (larik JSON)' },
  object: { en: 'an object', id: 'objek' },
  record: { en: 'an object', id: 'objek' },
};

function describeIssue(issue: z.core.$ZodIssue, value: unknown): Texts {
  switch (issue.code) {
    case 'invalid_type': {
      if (value === undefined) return { en: 'is missing', id: 'tidak ada' };
      const name = TYPE_NAMES[issue.expected] ?? { en: issue.expected, id: issue.expected };
      return { en: `must be ${name.en}`, id: `harus berupa ${name.id}` };
    }
    case 'too_small':
      return sizeLimit(issue.origin, Number(issue.minimum), issue.inclusive !== false, 'min');
    case 'too_big':
      return sizeLimit(issue.origin, Number(issue.maximum), issue.inclusive !== false, 'max');
    case 'invalid_value': {
      const values = issue.values.map((value) => JSON.stringify(value)).join(', ');
      return { en: `must be one of ${values}`, id: `harus salah satu dari ${values}` };
    }
    case 'invalid_format':
      return { en: 'has the wrong format', id: 'formatnya tidak sesuai' };
    case 'unrecognized_keys': {
      const keys = issue.keys.map((key) => `"${key}"`).join(', ');
      return { en: `has unknown properties ${keys}`, id: `memiliki properti yang tidak dikenal: ${keys}` };
    }
    case 'custom': {
      const messageId = (issue.params as { messageId?: unknown } | undefined)?.messageId;
      return { en: issue.message, id: typeof messageId === 'string' ? messageId : 'tidak valid' };
    }
    default:
      return { en: issue.message, id: 'tidak valid' };
  }
}

function sizeLimit(origin: string, limit: number, inclusive: boolean, side: 'min' | 'max'): Texts {
  if (origin === 'string') {
    if (side === 'min' && limit === 1) return { en: 'must not be empty', id: 'tidak boleh kosong' };
    return side === 'min'
      ? { en: `needs at least ${limit} characters`, id: `memerlukan paling sedikit ${limit} karakter` }
      : { en: `may have at most ${limit} characters`, id: `paling banyak ${limit} karakter` };
  }
  if (origin === 'array' || origin === 'set') {
    const entries = limit === 1 ? 'entry' : 'entries';
    return side === 'min'
      ? { en: `needs at least ${limit} ${entries}`, id: `memerlukan paling sedikit ${limit} entri` }
      : { en: `may have at most ${limit} ${entries}`, id: `paling banyak ${limit} entri` };
  }
  if (side === 'min') {
    return inclusive
      ? { en: `must be at least ${limit}`, id: `paling kecil ${limit}` }
      : { en: `must be greater than ${limit}`, id: `harus lebih besar dari ${limit}` };
  }
  return inclusive
    ? { en: `must be at most ${limit}`, id: `paling besar ${limit}` }
    : { en: `must be less than ${limit}`, id: `harus lebih kecil dari ${limit}` };
}
