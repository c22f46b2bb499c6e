import {
  FINAL_DEFAULT_PASS_MARK,
  MATERIAL_PASS_MARK,
  PLACEMENT_PASS_MARK,
  materialTestId,
  type BlueprintCell,
  type Course,
  type LocalizedText,
  type TestSpec,
} from '@smart-training/core';
import type { z } from 'zod';
import type { SourceProblem } from '../problems';
import { check, label } from './check';
import { likelyMeant, notAMaterial } from './spelling';
import {
  courseSections,
  materialSchema,
  type FinalSource,
  type MaterialSource,
  type PlacementSource,
} from './schema';
import type { YamlFile, YamlPath } from './yaml-file';

type CourseHeader = Pick<Course, 'id' | 'version' | 'title' | 'description' | 'jp' | 'offering'>;

/** A material whose entry in course.yaml is well-formed; its text is read later. */
export interface MaterialEntry {
  source: MaterialSource;
  /** Index in `materials`, for locating problems. */
  index: number;
  test: TestSpec;
}

/**
 * What course.yaml yields: every section that is well-formed. Sections with
 * problems are left out, and the problems say why.
 */
export interface CourseFileDraft {
  header: Partial<CourseHeader>;
  placement?: TestSpec;
  final?: TestSpec;
  materials: MaterialEntry[];
  /** Ids of all materials written, even malformed ones, so items are not blamed for them. */
  declaredMaterialIds: ReadonlySet<string>;
  bankDir: string;
  /** Where each test's blueprint sits in course.yaml, by test id. */
  blueprintPaths: ReadonlyMap<string, YamlPath>;
}

/** Reads the sections of a parsed course.yaml and checks the SMART rules on them. */
export function readCourseFile(file: YamlFile, problems: SourceProblem[]): CourseFileDraft {
  const draft: CourseFileDraft = {
    header: {},
    materials: [],
    declaredMaterialIds: new Set(),
    bankDir: 'bank',
    blueprintPaths: new Map(),
  };
  const raw = file.data;
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    problems.push(file.problemAt([], 'course.yaml must be a mapping of the course fields (id, version, title, ...)'));
    return draft;
  }
  const fields = raw as Record<string, unknown>;
  const expected = Object.keys(courseSections);
  const absent = expected.filter((key) => !(key in fields));
  const misspelt = new Set<string>();
  for (const key of Object.keys(fields)) {
    if (key in courseSections) continue;
    const meant = likelyMeant(key, absent);
    if (meant !== undefined) misspelt.add(meant);
    const advice = meant === undefined ? `; the course fields are ${expected.join(', ')}` : ` — did you mean "${meant}"?`;
    problems.push(file.problemAtKey([], key, `unknown field "${key}"${advice}`));
  }
  // A misspelt section is reported once, as the typo, not again as missing.
  const section = <S extends z.ZodType>(key: keyof typeof courseSections, schema: S) =>
    check(file, [key], schema, fields[key], misspelt.has(key) ? [] : problems);

  draft.header = {
    id: section('id', courseSections.id),
    version: section('version', courseSections.version),
    title: section('title', courseSections.title),
    description: section('description', courseSections.description),
    jp: section('jp', courseSections.jp),
    offering: section('offering', courseSections.offering),
  };
  const { offering } = draft.header;
  if (offering && Date.parse(offering.opens) >= Date.parse(offering.closes)) {
    problems.push(
      file.problemAt(['offering', 'closes'], 'offering.closes must be later than offering.opens; the window would never be open'),
    );
  }
  draft.bankDir = section('bank', courseSections.bank) ?? 'bank';

  const materials = section('materials', courseSections.materials) ?? [];
  draft.declaredMaterialIds = declaredIds(materials);
  draft.materials = readMaterials(file, materials, problems);

  const placement = section('placement', courseSections.placement);
  if (placement) draft.placement = placementSpec(file, placement, draft.declaredMaterialIds, problems);
  const final = section('final', courseSections.final);
  if (final) draft.final = finalSpec(file, final, draft.declaredMaterialIds, problems);

  draft.blueprintPaths = new Map<string, YamlPath>([
    ['placement', ['placement', 'blueprint']],
    ['final', ['final', 'blueprint']],
    ...draft.materials.map(
      (entry): [string, YamlPath] => [entry.test.id, ['materials', entry.index, 'test', 'blueprint']],
    ),
  ]);
  return draft;
}

function declaredIds(materials: unknown[]): Set<string> {
  const ids = new Set<string>();
  for (const material of materials) {
    if (material !== null && typeof material === 'object' && 'id' in material && typeof material.id === 'string') {
      ids.add(material.id);
    }
  }
  return ids;
}

function readMaterials(file: YamlFile, materials: unknown[], problems: SourceProblem[]): MaterialEntry[] {
  const entries: MaterialEntry[] = [];
  const firstIndexOf = new Map<string, number>();
  materials.forEach((value, index) => {
    const source = check(file, ['materials', index], materialSchema, value, problems);
    if (!source) return;
    const earlier = firstIndexOf.get(source.id);
    if (earlier !== undefined) {
      problems.push(
        file.problemAt(
          ['materials', index, 'id'],
          `materials[${index}].id: "${source.id}" is already the id of materials[${earlier}]; material ids must be unique`,
        ),
      );
      return;
    }
    firstIndexOf.set(source.id, index);
    const at: YamlPath = ['materials', index, 'test'];
    const { test } = source;
    if (test.passMark !== undefined && test.passMark !== MATERIAL_PASS_MARK) {
      problems.push(
        file.problemAt(
          [...at, 'passMark'],
          `${label([...at, 'passMark'])}: the SMART model fixes every material test's pass mark at ${MATERIAL_PASS_MARK}; remove the line or write ${MATERIAL_PASS_MARK}`,
        ),
      );
    }
    if (test.maxAttempts !== undefined && test.maxAttempts !== null) {
      problems.push(
        file.problemAt(
          [...at, 'maxAttempts'],
          `${label([...at, 'maxAttempts'])}: in the SMART model a learner retakes a material test (remedial) as often as needed until passed; remove the line or write null`,
        ),
      );
    }
    test.blueprint.forEach((cell, cellIndex) => {
      if (cell.material !== undefined && cell.material !== source.id) {
        const cellAt = [...at, 'blueprint', cellIndex, 'material'];
        problems.push(
          file.problemAt(
            cellAt,
            `${label(cellAt)}: a material test draws only items of its own material "${source.id}"; remove "material: ${cell.material}"`,
          ),
        );
      }
    });
    entries.push({
      source,
      index,
      test: {
        id: materialTestId(source.id),
        kind: 'material',
        title: materialTestTitle(source.title),
        passMark: MATERIAL_PASS_MARK,
        timeLimitMinutes: test.timeLimitMinutes,
        maxAttempts: null,
        blueprint: test.blueprint.map((cell) => ({ ...cell, material: source.id })),
      },
    });
  });
  return entries;
}

function materialTestTitle(title: LocalizedText): LocalizedText {
  return title.en === undefined
    ? { id: `Tes ${title.id}` }
    : { id: `Tes ${title.id}`, en: `Test: ${title.en}` };
}

function placementSpec(
  file: YamlFile,
  placement: PlacementSource,
  materialIds: ReadonlySet<string>,
  problems: SourceProblem[],
): TestSpec {
  if (placement.passMark !== undefined && placement.passMark !== PLACEMENT_PASS_MARK) {
    problems.push(
      file.problemAt(
        ['placement', 'passMark'],
        `placement.passMark: the SMART model fixes the placement pass mark at ${PLACEMENT_PASS_MARK}, because a pass certifies the learner without the training; remove the line or write ${PLACEMENT_PASS_MARK}`,
      ),
    );
  }
  if (placement.maxAttempts !== undefined && placement.maxAttempts !== 1) {
    problems.push(
      file.problemAt(
        ['placement', 'maxAttempts'],
        'placement.maxAttempts: the SMART model allows exactly one placement attempt and no remedial; remove the line or write 1',
      ),
    );
  }
  checkCellMaterials(file, ['placement', 'blueprint'], placement.blueprint, materialIds, problems);
  return {
    id: 'placement',
    kind: 'placement',
    title: placement.title,
    passMark: PLACEMENT_PASS_MARK,
    timeLimitMinutes: placement.timeLimitMinutes,
    maxAttempts: 1,
    blueprint: placement.blueprint,
  };
}

function finalSpec(
  file: YamlFile,
  final: FinalSource,
  materialIds: ReadonlySet<string>,
  problems: SourceProblem[],
): TestSpec {
  checkCellMaterials(file, ['final', 'blueprint'], final.blueprint, materialIds, problems);
  return {
    id: 'final',
    kind: 'final',
    title: final.title,
    passMark: final.passMark ?? FINAL_DEFAULT_PASS_MARK,
    timeLimitMinutes: final.timeLimitMinutes,
    maxAttempts: final.maxAttempts ?? null,
    blueprint: final.blueprint,
  };
}

function checkCellMaterials(
  file: YamlFile,
  at: YamlPath,
  blueprint: BlueprintCell[],
  materialIds: ReadonlySet<string>,
  problems: SourceProblem[],
): void {
  blueprint.forEach((cell, index) => {
    if (cell.material === undefined || materialIds.has(cell.material)) return;
    const cellAt = [...at, index, 'material'];
    problems.push(
      file.problemAt(
        cellAt,
        `${label(cellAt)}: ${notAMaterial(cell.material, materialIds)}`,
      ),
    );
  });
}
