import { z } from 'zod';
import type { SourceProblem } from '../problems';
import { likelyMeant } from './spelling';
import type { YamlFile, YamlPath } from './yaml-file';

/**
 * Validates `value` (found at `at` in `file`) against `schema`. Every issue
 * becomes a located problem; the parsed value comes back only when there
 * were none. `name` (e.g. `item khl-005`) replaces the path `at` in the
 * messages when the value has a name the author knows it by.
 *
 * An unknown field a typo away from an expected one is reported as that
 * typo, and the expected field is then not reported missing as well.
 */
export function check<S extends z.ZodType>(
  file: YamlFile,
  at: YamlPath,
  schema: S,
  value: unknown,
  problems: SourceProblem[],
  name?: string,
): z.output<S> | undefined {
  const result = schema.safeParse(value, { error: authorMessage });
  if (result.success) return result.data;
  // What a message starts with: the item's name, or the path when the value is not the whole file.
  const subject = (keys: YamlPath) => {
    if (name !== undefined) return `${named(name, keys)}: `;
    return at.length + keys.length === 0 ? '' : `${label([...at, ...keys])}: `;
  };
  const misspelt = new Set<string>();
  for (const issue of result.error.issues) {
    if (issue.code !== 'unrecognized_keys') continue;
    const keys = [...at, ...issue.path];
    const present = Object.keys(valueAt(value, issue.path) ?? {});
    const expected = fieldsAt(schema, issue.path) ?? [];
    const absent = expected.filter((field) => !present.includes(field));
    for (const key of issue.keys) {
      const meant = likelyMeant(key, absent);
      if (meant !== undefined) misspelt.add(pathKey([...issue.path, meant]));
      problems.push(
        file.problemAtKey(keys, key, `${subject(issue.path)}unknown field "${key}"${spellingAdvice(meant, expected)}`),
      );
    }
  }
  for (const issue of result.error.issues) {
    if (issue.code === 'unrecognized_keys' || misspelt.has(pathKey(issue.path))) continue;
    problems.push(file.problemAt([...at, ...issue.path], `${subject(issue.path)}${issue.message}`));
  }
  return undefined;
}

/** `item khl-005` for the item itself, `item khl-005, stem.id` for a value inside it. */
export function named(name: string, keys: YamlPath): string {
  return keys.length === 0 ? name : `${name}, ${label(keys)}`;
}

/** `materials[0].test.blueprint[1].count`: the path as the author reads the YAML. */
export function label(keys: YamlPath): string {
  let text = '';
  for (const key of keys) {
    if (typeof key === 'number') text += `[${key}]`;
    else text += text === '' ? String(key) : `.${String(key)}`;
  }
  return text === '' ? '(file)' : text;
}

// Messages for issues the schemas do not word themselves.
function authorMessage(issue: z.core.$ZodRawIssue): string | undefined {
  switch (issue.code) {
    case 'invalid_type':
      if (issue.input === undefined) return 'is required but missing';
      return `must be ${expectedWord(issue.expected)}, but is ${describe(issue.input)}`;
    case 'invalid_value':
      return `must be one of ${issue.values.map((value) => String(value)).join(', ')}, but is ${describe(issue.input)}`;
    case 'too_small':
      return issue.origin === 'array' ? `needs at least ${issue.minimum} entries` : 'may not be empty';
    default:
      return undefined;
  }
}

function expectedWord(expected: string): string {
  switch (expected) {
    case 'object':
      return 'a mapping ("key: value" lines)';
    case 'array':
      return 'a list ("- " lines)';
    case 'string':
      return 'text';
    case 'number':
      return 'a number';
    case 'boolean':
      return 'true or false';
    default:
      return expected;
  }
}

function describe(input: unknown): string {
  if (input === null) return 'empty';
  if (Array.isArray(input)) return 'a list';
  if (typeof input === 'object') return 'a mapping';
  if (typeof input === 'string') return `the text "${input}"`;
  return String(input);
}

/** The field names of the mapping `schema` expects at `keys`, when it expects one there. */
function fieldsAt(schema: z.ZodType, keys: readonly PropertyKey[]): string[] | undefined {
  let current: unknown = schema;
  for (let depth = 0; ; depth++) {
    current = unwrapped(current);
    const key = keys[depth];
    if (key === undefined) return current instanceof z.ZodObject ? Object.keys(current.shape) : undefined;
    if (current instanceof z.ZodObject && typeof key === 'string') current = current.shape[key];
    else if (current instanceof z.ZodArray && typeof key === 'number') current = current.element;
    else return undefined;
  }
}

function unwrapped(schema: unknown): unknown {
  let current = schema;
  while (current instanceof z.ZodOptional || current instanceof z.ZodNullable || current instanceof z.ZodDefault) {
    current = current.unwrap();
  }
  return current;
}

function spellingAdvice(meant: string | undefined, expected: readonly string[]): string {
  if (meant !== undefined) return ` — did you mean "${meant}"?`;
  if (expected.length > 0) return `; the fields here are ${expected.join(', ')}`;
  return '; check its spelling against the course source format (docs/ARCHITECTURE.md)';
}

function valueAt(value: unknown, keys: YamlPath): object | undefined {
  let current = value;
  for (const key of keys) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<PropertyKey, unknown>)[key];
  }
  return current !== null && typeof current === 'object' ? current : undefined;
}

function pathKey(keys: YamlPath): string {
  return keys.map(String).join('\u0000');
}
