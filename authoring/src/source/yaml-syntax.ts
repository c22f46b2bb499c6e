import type { LineCounter, YAMLError } from 'yaml';
import type { SourceProblem } from '../problems';

const INDENTATION_HINT =
  'YAML structure broken here: check the indentation of this line and the one above; keys of one item must line up';

/**
 * Turns the parser's errors into one problem per line, each saying what to
 * do, with the parser's own words kept as a detail. The parser often reports
 * one mistake several times, and at the line before the one to fix (where
 * the value it tried to extend starts), so errors are grouped and moved to
 * the line the author has to change.
 */
export function yamlSyntaxProblems(
  file: string,
  text: string,
  errors: readonly YAMLError[],
  lines: LineCounter,
): SourceProblem[] {
  const byStart = new Map<number, YAMLError[]>();
  for (const error of errors) {
    const group = byStart.get(error.pos[0]);
    if (group) group.push(error);
    else byStart.set(error.pos[0], [error]);
  }

  const byLine = new Map<number, { column: number; hint: string; details: string[] }>();
  for (const group of byStart.values()) {
    const { offset, hint } = explain(text, group);
    const { line, col } = lines.linePos(offset);
    const details = group.map((error) => error.message);
    const earlier = byLine.get(line);
    if (earlier) earlier.details.push(...details.filter((detail) => !earlier.details.includes(detail)));
    else byLine.set(line, { column: col, hint, details });
  }
  return [...byLine].map(([line, { column, hint, details }]) => ({
    file,
    line,
    column,
    message: `${hint} (YAML parser: ${details.join('; ')})`,
  }));
}

/** Where the author should look for the errors of one group, and what to do there. */
function explain(text: string, group: readonly YAMLError[]): { offset: number; hint: string } {
  const [start, end] = group[0]?.pos ?? [0, 0];
  const has = (code: YAMLError['code']) => group.some((error) => error.code === code);
  const message = group.map((error) => error.message).join(' ');
  const startsItsLine = start <= firstContentOf(text, start);

  if (has('TAB_AS_INDENT')) {
    return { offset: start, hint: 'YAML indentation uses spaces only: replace the tab at the start of this line with spaces' };
  }
  if (has('MISSING_CHAR') && /quote/i.test(message)) {
    return {
      offset: start,
      hint: 'YAML text in quotes is not closed: a " or \' opened on this line or above has no closing quote',
    };
  }
  if (/flow (map|sequence|collection)/i.test(message)) {
    return {
      offset: start,
      hint: 'YAML brackets not closed: a { or [ opened on this line or above needs its } or ] on the same value',
    };
  }
  if (has('MULTILINE_IMPLICIT_KEY')) {
    const glued = group.find((error) => error.code === 'MULTILINE_IMPLICIT_KEY')?.pos[1] ?? end;
    if (startsItsLine) {
      return { offset: start, hint: 'YAML key without a colon: write this line as "key: value"' };
    }
    // The line after a value was read as part of it: that next line is the one out of place.
    return { offset: firstContentOf(text, glued), hint: INDENTATION_HINT };
  }
  if (has('BLOCK_AS_IMPLICIT_KEY') && !startsItsLine) {
    return { offset: start, hint: 'YAML value with ": " inside: put the whole value of this line in quotes' };
  }
  if (has('DUPLICATE_KEY')) {
    return { offset: start, hint: 'YAML key written twice in the same item: keep one of them' };
  }
  if (has('BAD_SCALAR_START')) {
    return { offset: start, hint: 'YAML value starts with a reserved character: put the whole value in quotes' };
  }
  if (has('BAD_DQ_ESCAPE')) {
    return {
      offset: start,
      hint: 'YAML escape not known: in "double quotes" write \\\\ for a backslash, or use \'single quotes\'',
    };
  }
  if (has('MULTIPLE_DOCS')) {
    return { offset: start, hint: 'YAML file holds a second document after a --- line: keep one document per file' };
  }
  if (has('BAD_INDENT') || has('BLOCK_AS_IMPLICIT_KEY') || has('MISSING_CHAR')) {
    return { offset: firstContentOf(text, start), hint: INDENTATION_HINT };
  }
  return { offset: start, hint: 'YAML syntax broken here: compare this line with a working one of the same kind' };
}

/** Offset of the first non-blank character on the line holding `offset`. */
function firstContentOf(text: string, offset: number): number {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  const indent = /^[ \t]*/.exec(text.slice(lineStart))?.[0].length ?? 0;
  return lineStart + indent;
}
