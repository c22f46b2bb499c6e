import type { z } from 'zod';
import type { SourceProblem } from '../problems';
import type { YamlFile, YamlPath } from './yaml-file';

/**
 * Validates `value` (found at `at` in `file`) against `schema`. Every issue
 * becomes a located problem; the parsed value comes back only when there
 * were none.
 */
export function check<S extends z.ZodType>(
  file: YamlFile,
  at: YamlPath,
  schema: S,
  value: unknown,
  problems: SourceProblem[],
): z.output<S> | undefined {
  const result = schema.safeParse(value, { error: authorMessage });
  if (result.success) return result.data;
  for (const issue of result.error.issues) {
    const keys = [...at, ...issue.path];
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        problems.push(
          file.problemAtKey(
            keys,
            key,
            `${label([...keys, key])}: unknown field; check its spelling against the course source format (docs/ARCHITECTURE.md)`,
          ),
        );
      }
    } else {
      problems.push(file.problemAt(keys, `${label(keys)}: ${issue.message}`));
    }
  }
  return undefined;
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
