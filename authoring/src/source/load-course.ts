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
  const draft =
    courseFile.syntaxProblems.length === 0 ? readCourseFile(courseFile, problems) : undefined;

  const materials: Material[] = [];
  for (const entry of draft?.materials ?? []) {
    const material = await buildMaterial(root, courseFile, entry, problems, warnings);
    if (material) materials.push(material);
  }
  const bank = draft
    ? await loadBank(root, courseFile, draft.bankDir, draft.declaredMaterialIds, problems)
    : [];
  if (draft) {
    checkCapacity(
      courseFile,
      {
        courseId: draft.header.id ?? '',
        placement: draft.placement,
        materialTests: draft.materials.map((entry) => entry.test),
        final: draft.final,
        bank,
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
