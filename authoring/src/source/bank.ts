import { readdir } from 'node:fs/promises';
import path from 'node:path';
import type { Item, ItemOption } from '@smart-training/core';
import type { SourceProblem } from '../problems';
import { resolveLocal } from '../local-files';
import { check, named } from './check';
import { likelyMeant, notAMaterial } from './spelling';
import { itemFileSchema, itemSchema, type ItemSource } from './schema';
import { YamlFile } from './yaml-file';

/** Option ids are letters in file order; more options than letters is not a sensible item. */
const OPTION_IDS = 'abcdefghijklmnopqrstuvwxyz';

const TRUE_FALSE_TEXT = {
  true: { id: 'Benar', en: 'True' },
  false: { id: 'Salah', en: 'False' },
};

/** The items that loaded, and what was left out for errors. */
export interface LoadedBank {
  items: Item[];
  /**
   * The first problem of each file whose items could not be read at all
   * (its YAML does not parse, or it has no list of items): they may be of
   * any material.
   */
  unreadable: SourceProblem[];
  /** How many items of each material were left out for their own errors. */
  leftOut: ReadonlyMap<string, number>;
}

/**
 * Reads every `*.yaml`/`*.yml` file of the bank folder (in name order) into
 * items. Items with problems are left out and reported; `materialIds` are
 * the materials declared in course.yaml.
 */
export async function loadBank(
  root: string,
  courseFile: YamlFile,
  bankDir: string,
  materialIds: ReadonlySet<string>,
  problems: SourceProblem[],
): Promise<LoadedBank> {
  const files = await bankFiles(root, courseFile, bankDir, problems);
  const items: Item[] = [];
  const unreadable: SourceProblem[] = [];
  const leftOut = new Map<string, number>();
  const seen = new Map<string, SourceProblem>();
  for (const relative of files) {
    const file = await YamlFile.read(root, relative);
    const firstOfFile = problems.length;
    problems.push(...file.syntaxProblems);
    const content =
      file.syntaxProblems.length === 0 ? check(file, [], itemFileSchema, file.data, problems) : undefined;
    const firstProblem = problems[firstOfFile];
    if (!content) {
      if (firstProblem) unreadable.push(firstProblem);
      continue;
    }
    content.items.forEach((value, index) => {
      const item = readItem(file, index, value, materialIds, seen, problems);
      if (item) {
        items.push(item);
      } else {
        const material = intendedMaterial(value, materialIds);
        if (material !== undefined) leftOut.set(material, (leftOut.get(material) ?? 0) + 1);
      }
    });
  }
  return { items, unreadable, leftOut };
}

/** The item at `items[index]`, or undefined after reporting why it cannot be used. */
function readItem(
  file: YamlFile,
  index: number,
  value: unknown,
  materialIds: ReadonlySet<string>,
  seen: Map<string, SourceProblem>,
  problems: SourceProblem[],
): Item | undefined {
  const name = itemName(value, index);
  const source = check(file, ['items', index], itemSchema, value, problems, name);
  if (!source) return undefined;
  const where = file.problemAt(['items', index, 'id'], '');
  const first = seen.get(source.id);
  if (first) {
    problems.push({
      ...where,
      message: `${name}: the id "${source.id}" is already used at ${first.file}:${first.line}; item ids must be unique in the course`,
    });
    return undefined;
  }
  seen.set(source.id, where);
  return toItem(file, index, name, source, materialIds, problems);
}

async function bankFiles(
  root: string,
  courseFile: YamlFile,
  bankDir: string,
  problems: SourceProblem[],
): Promise<string[]> {
  const target = resolveLocal(bankDir, '.');
  if (!target.ok) {
    problems.push(courseFile.problemAt(['bank'], `bank: "${bankDir}" ${target.reason}`));
    return [];
  }
  let names: string[];
  try {
    names = await readdir(path.join(root, target.relative));
  } catch {
    problems.push(
      courseFile.problemAt(
        ['bank'],
        `bank: the item bank folder ${target.relative}/ does not exist; create it with one or more *.yaml item files`,
      ),
    );
    return [];
  }
  const files = names.filter((name) => /\.ya?ml$/i.test(name)).sort();
  if (files.length === 0) {
    problems.push(
      courseFile.problemAt(['bank'], `bank: the folder ${target.relative}/ holds no *.yaml item files; every test draws from it`),
    );
  }
  return files.map((name) => path.posix.join(target.relative, name));
}

/** `item khl-005` when the item has an id, else its place in the file, `items[4]`. */
function itemName(value: unknown, index: number): string {
  return isRecord(value) && typeof value.id === 'string' && value.id !== '' ? `item ${value.id}` : `items[${index}]`;
}

/** The course material a left-out item was written for, reading a small typo as that material. */
function intendedMaterial(value: unknown, materialIds: ReadonlySet<string>): string | undefined {
  if (!isRecord(value) || typeof value.material !== 'string') return undefined;
  return materialIds.has(value.material) ? value.material : likelyMeant(value.material, [...materialIds]);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function toItem(
  file: YamlFile,
  index: number,
  name: string,
  source: ItemSource,
  materialIds: ReadonlySet<string>,
  problems: SourceProblem[],
): Item | undefined {
  const at = ['items', index];
  const before = problems.length;
  const fail = (key: string, message: string) =>
    problems.push(file.problemAt([...at, key], `${named(name, [key])}: ${message}`));

  if (!materialIds.has(source.material)) {
    fail('material', notAMaterial(source.material, materialIds));
  }
  const options = optionsOf(source, fail);
  if (problems.length > before || !options) return undefined;

  const item: Item = {
    id: source.id,
    type: source.type,
    material: source.material,
    competency: source.competency,
    difficulty: source.difficulty,
    stem: source.stem,
    options,
  };
  if (source.explanation) item.explanation = source.explanation;
  return item;
}

function optionsOf(
  source: ItemSource,
  fail: (key: string, message: string) => void,
): ItemOption[] | undefined {
  if (source.type === 'truefalse') {
    if (source.options !== undefined) {
      fail('options', 'a truefalse item has no options; write "answer: true" or "answer: false" instead');
      return undefined;
    }
    if (source.answer === undefined) {
      fail('answer', 'a truefalse item needs "answer: true" or "answer: false"');
      return undefined;
    }
    return [
      { id: 'true', text: TRUE_FALSE_TEXT.true, correct: source.answer },
      { id: 'false', text: TRUE_FALSE_TEXT.false, correct: !source.answer },
    ];
  }

  if (source.answer !== undefined) {
    fail('answer', `"answer" belongs to truefalse items; a ${source.type} item marks its correct options with "correct: true"`);
    return undefined;
  }
  const options = source.options ?? [];
  if (options.length < 2) {
    fail('options', `a ${source.type} item needs at least 2 options, but has ${options.length}`);
    return undefined;
  }
  if (options.length > OPTION_IDS.length) {
    fail('options', `an item may have at most ${OPTION_IDS.length} options, but has ${options.length}`);
    return undefined;
  }
  const correct = options.filter((option) => option.correct === true).length;
  if (source.type === 'single' && correct !== 1) {
    fail('options', `a single item needs exactly one option with "correct: true", but has ${correct}; use type "multiple" for several correct options`);
    return undefined;
  }
  if (source.type === 'multiple' && correct < 1) {
    fail('options', 'a multiple item needs at least one option with "correct: true"');
    return undefined;
  }
  return options.map((option, position) => ({
    id: OPTION_IDS.charAt(position),
    text: option.text,
    correct: option.correct === true,
  }));
}
