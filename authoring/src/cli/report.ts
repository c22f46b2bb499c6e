import path from 'node:path';
import { formatProblem, sortProblems, type SourceProblem } from '../problems';

/**
 * What the CLI prints about a source: errors first, then warnings, each
 * group by file, line and column, with paths that open from the working
 * directory (`base` is the folder the author named), and a count line last.
 *
 * @example
 * problemReport('courses/etika', errors, warnings).at(-1) // "3 errors, 1 warning"
 */
export function problemReport(
  base: string,
  errors: readonly SourceProblem[],
  warnings: readonly SourceProblem[],
): string[] {
  const under = (problem: SourceProblem) => ({ ...problem, file: path.join(base, problem.file) });
  return [
    ...sortProblems(errors).map((error) => formatProblem(under(error))),
    ...sortProblems(warnings).map((warning) =>
      formatProblem({ ...under(warning), message: `warning: ${warning.message}` }),
    ),
    `${counted(errors.length, 'error')}, ${counted(warnings.length, 'warning')}`,
  ];
}

function counted(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}
