/**
 * One thing wrong (or worth a look) in an author's source files, located
 * the way editors and terminals expect: `file:line:column  message`.
 */
export interface SourceProblem {
  /** Path relative to the folder or file the author named, with `/` separators. */
  file: string;
  /** 1-based. */
  line: number;
  /** 1-based. */
  column: number;
  message: string;
}

/** `materials/01.md:3:1  ...`, the form the CLI prints. */
export function formatProblem(problem: SourceProblem): string {
  return `${problem.file}:${problem.line}:${problem.column}  ${problem.message}`;
}

/** Problems sorted by file, then position, so related lines read together. */
export function sortProblems(problems: readonly SourceProblem[]): SourceProblem[] {
  return [...problems].sort(
    (a, b) =>
      a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column,
  );
}

/** Base of the errors that carry every problem found in one pass over a source. */
export abstract class SourceProblemsError extends Error {
  constructor(
    what: string,
    readonly problems: SourceProblem[],
  ) {
    const sorted = sortProblems(problems);
    super(
      `${what} has ${sorted.length} problem(s); fix them and try again:\n` +
        sorted.map((problem) => `  ${formatProblem(problem)}`).join('\n'),
    );
    this.name = new.target.name;
    this.problems = sorted;
  }
}

/**
 * A course source folder that cannot become a course. `problems` lists all
 * of them, each with file, line and what to fix.
 *
 * @example
 * try { await loadCourse('courses/berakhlak') } catch (e) {
 *   if (e instanceof CourseSourceError) e.problems.forEach((p) => console.error(formatProblem(p)));
 * }
 */
export class CourseSourceError extends SourceProblemsError {
  constructor(problems: SourceProblem[]) {
    super('The course source', problems);
  }
}

/** An employee registry CSV with malformed or duplicate rows. */
export class RegistrySourceError extends SourceProblemsError {
  constructor(problems: SourceProblem[]) {
    super('The employee registry', problems);
  }
}
