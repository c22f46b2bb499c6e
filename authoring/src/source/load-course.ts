import path from 'node:path';
import type { Course, Material } from '@smart-training/core';
import { CourseSourceError, sortProblems, type SourceProblem } from '../problems';
import { loadBank } from './bank';
import { checkCapacity } from './capacity';
import { readCourseFile } from './course-file';
import { fileExists } from './fs';
import { buildMaterial } from './materials';
import { YamlFile } from './yaml-file';

export interface LoadCourseOptions {
  /**
   * Called once per warning (something that works but falls short of the
   * SMART model, e.g. a bank too small for three remedial retakes), before
   * the course is returned or the error thrown.
   */
  onWarning?: (warning: SourceProblem) => void;
}

/**
 * Reads a course source folder (course.yaml, Markdown materials, bank/*.yaml;
 * see docs/ARCHITECTURE.md "Course source format") into a {@link Course}.
 * Checks everything in one pass and throws a {@link CourseSourceError}
 * listing every problem with file, line and column.
 *
 * @example
 * const course = await loadCourse('examples/berakhlak', {
 *   onWarning: (w) => console.warn(formatProblem(w)),
 * });
 */
export async function loadCourse(dir: string, options: LoadCourseOptions = {}): Promise<Course> {
  const root = path.resolve(dir);
  const problems: SourceProblem[] = [];
  const warnings: SourceProblem[] = [];

  if (!(await fileExists(path.join(root, 'course.yaml')))) {
    throw new CourseSourceError([
      {
        file: 'course.yaml',
        line: 1,
        column: 1,
        message: `${root} has no course.yaml; a course source folder starts with it (see docs/ARCHITECTURE.md "Course source format")`,
      },
    ]);
  }
  const courseFile = await YamlFile.read(root, 'course.yaml');
  problems.push(...courseFile.syntaxProblems);
  const [courseSyntaxProblem] = courseFile.syntaxProblems;
  if (courseSyntaxProblem) {
    warnings.push({
      ...courseSyntaxProblem,
      message: 'materials, bank items and test blueprints not checked: they are checked once this file parses',
    });
  }
  const draft = courseSyntaxProblem ? undefined : readCourseFile(courseFile, problems);

  const materials: Material[] = [];
  for (const entry of draft?.materials ?? []) {
    const material = await buildMaterial(root, courseFile, entry, problems, warnings);
    if (material) materials.push(material);
  }
  const { items: bank, unreadable, leftOut } = draft
    ? await loadBank(root, courseFile, draft.bankDir, draft.declaredMaterialIds, problems)
    : { items: [], unreadable: [], leftOut: new Map<string, number>() };
  const [firstUnreadable, ...otherUnreadable] = unreadable;
  if (firstUnreadable) {
    // Every test may draw from the unreadable file, so any shortfall found now could be false.
    warnings.push(blueprintsSkipped(firstUnreadable, otherUnreadable));
  } else if (draft) {
    checkCapacity(
      courseFile,
      {
        courseId: draft.header.id ?? '',
        placement: draft.placement,
        materialTests: draft.materials.map((entry) => entry.test),
        final: draft.final,
        bank,
        leftOut,
      },
      draft.blueprintPaths,
      problems,
      warnings,
    );
  }

  for (const warning of sortProblems(warnings)) options.onWarning?.(warning);
  const { id, version, title, description, jp, offering } = draft?.header ?? {};
  if (
    problems.length > 0 ||
    !draft?.placement ||
    !draft.final ||
    !id || !version || !title || !description || !jp || !offering
  ) {
    throw new CourseSourceError(problems);
  }
  const { placement, final } = draft;
  return { id, version, title, description, jp, offering, placement, materials, final, bank };
}

/** The one note that the blueprints were not checked, at the first bank file that could not be read. */
function blueprintsSkipped(first: SourceProblem, others: readonly SourceProblem[]): SourceProblem {
  const files = ['this file', ...others.map((other) => other.file)].join(' and ');
  return { ...first, message: `test blueprints not checked against the bank: they are checked once the problems of ${files} are fixed` };
}
