import { readdir } from 'node:fs/promises';
import path from 'node:path';
import type { Item, ItemOption } from '@smart-training/core';
import type { SourceProblem } from '../problems';
import { resolveLocal } from '../local-files';
import { check } from './check';
import { itemFileSchema, itemSchema, type ItemSource } from './schema';
import { YamlFile } from './yaml-file';

/** Option ids are letters in file order; more options than letters is not a sensible item. */
const OPTION_IDS = 'abcdefghijklmnopqrstuvwxyz';

const TRUE_FALSE_TEXT = {
  true: { id: 'Benar', en: 'True' },
  false: { id: 'Salah', en: 'False' },
};

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
): Promise<Item[]> {
  const files = await bankFiles(root, courseFile, bankDir, problems);
  const items: Item[] = [];
  const seen = new Map<string, SourceProblem>();
  for (const relative of files) {
    const file = await YamlFile.read(root, relative);
    problems.push(...file.syntaxProblems);
    if (file.syntaxProblems.length > 0) continue;
    const content = check(file, [], itemFileSchema, file.data, problems);
    if (!content) continue;
    content.items.forEach((value, index) => {
      const source = check(file, ['items', index], itemSchema, value, problems);
      if (!source) return;
      const where = file.problemAt(['items', index, 'id'], '');
      const first = seen.get(source.id);
      if (first) {
        problems.push({
          ...where,
          message: `items[${index}].id: "${source.id}" is already used at ${first.file}:${first.line}; item ids must be unique in the course`,
        });
        return;
      }
      seen.set(source.id, where);
      const item = toItem(file, index, source, materialIds, problems);
      if (item) items.push(item);
    });
  }
  return items;
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

function toItem(
  file: YamlFile,
  index: number,
  source: ItemSource,
  materialIds: ReadonlySet<string>,
  problems: SourceProblem[],
): Item | undefined {
  const at = ['items', index];
  const before = problems.length;
  const fail = (key: string, message: string) =>
    problems.push(file.problemAt([...at, key], `items[${index}].${key}: ${message}`));

  if (!materialIds.has(source.material)) {
    fail('material', `"${source.material}" is not a material of this course; use one of ${[...materialIds].join(', ') || '(none declared)'}`);
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
