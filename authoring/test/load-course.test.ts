import { afterEach, describe, expect, it } from 'vitest';
import { CourseSourceError, loadCourse, type SourceProblem } from '../src/index';
import {
  COURSE_YAML,
  bankYaml,
  itemYaml,
  lineOf,
  removeDir,
  validCourseFiles,
  writeCourse,
  type CourseFiles,
} from './support/course-fixture';

const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(dirs.splice(0).map(removeDir));
});

async function courseDir(files: CourseFiles): Promise<string> {
  const dir = await writeCourse(files);
  dirs.push(dir);
  return dir;
}

async function problemsOf(files: CourseFiles): Promise<SourceProblem[]> {
  const error = await loadCourse(await courseDir(files)).catch((caught: unknown) => caught);
  expect(error).toBeInstanceOf(CourseSourceError);
  return (error as CourseSourceError).problems;
}

function problemAt(problems: SourceProblem[], file: string, line: number, pattern: RegExp): SourceProblem {
  const found = problems.find((p) => p.file === file && p.line === line && pattern.test(p.message));
  if (!found) {
    throw new Error(`no problem at ${file}:${line} matching ${pattern}; got:\n${problems.map((p) => `${p.file}:${p.line}  ${p.message}`).join('\n')}`);
  }
  return found;
}

describe('loadCourse on a valid course', () => {
  it('builds the placement, material and final tests with the SMART pass marks and attempts', async () => {
    const course = await loadCourse(await courseDir(validCourseFiles()));

    expect(course.id).toBe('etika-asn');
    expect(course.placement).toMatchObject({ id: 'placement', kind: 'placement', passMark: 85, maxAttempts: 1 });
    expect(course.final).toMatchObject({ id: 'final', kind: 'final', passMark: 70, maxAttempts: null });
    expect(course.materials.map((m) => m.test.id)).toEqual(['material:integritas', 'material:pelayanan']);
    expect(course.materials[0]?.test).toMatchObject({
      kind: 'material',
      passMark: 70,
      maxAttempts: null,
      title: { id: 'Tes Integritas', en: 'Test: Integrity' },
    });
    expect(course.materials[0]?.test.blueprint.every((cell) => cell.material === 'integritas')).toBe(true);
  });

  it('renders Markdown in both languages and leaves English out when no .en.md exists', async () => {
    const course = await loadCourse(await courseDir(validCourseFiles()));
    const [integritas, pelayanan] = course.materials;

    expect(integritas?.html.id).toContain('<h2>Jujur</h2>');
    expect(integritas?.html.en).toContain('<h2>Honest</h2>');
    expect(pelayanan?.html.en).toBeUndefined();
  });

  it('rewrites a Markdown image path relative to the course folder, where the package keeps it', async () => {
    const course = await loadCourse(await courseDir(validCourseFiles()));

    expect(course.materials[0]?.html.id).toContain('src="media/diagram.png"');
  });

  it('gives options the ids a, b, c in file order and truefalse items the options true and false', async () => {
    const course = await loadCourse(await courseDir(validCourseFiles()));
    const byId = new Map(course.bank.map((item) => [item.id, item]));

    expect(course.bank).toHaveLength(16);
    expect(byId.get('int-001')?.options.map((o) => [o.id, o.correct])).toEqual([
      ['a', false],
      ['b', true],
      ['c', false],
    ]);
    expect(byId.get('int-002')?.options.filter((o) => o.correct).map((o) => o.id)).toEqual(['a', 'b']);
    expect(byId.get('int-003')?.options).toEqual([
      { id: 'true', text: { id: 'Benar', en: 'True' }, correct: false },
      { id: 'false', text: { id: 'Salah', en: 'False' }, correct: true },
    ]);
  });

  it('reports no warnings when every material test survives three remedial retakes', async () => {
    const warnings: SourceProblem[] = [];
    await loadCourse(await courseDir(validCourseFiles()), { onWarning: (w) => warnings.push(w) });

    expect(warnings).toEqual([]);
  });
});

describe('loadCourse on a course with mistakes', () => {
  it('reports every mistake at once, each at its file and line', async () => {
    const files = validCourseFiles();
    const courseYaml = COURSE_YAML.replace('title: { id: Etika ASN, en: Civil service ethics }\n', '')
      .replace('  timeLimitMinutes: 30\n', '  timeLimitMinutes: 30\n  passMark: 80\n')
      .replace('text: materials/pelayanan.md', 'text: materials/hilang.md')
      .replace('- { count: 4 }', '- { count: 40 }');
    files['course.yaml'] = courseYaml;
    const unknownMaterial = itemYaml({ id: 'int-101', material: 'etika-lain', difficulty: 'easy' });
    const twoCorrect = itemYaml({ id: 'int-102', material: 'integritas', difficulty: 'easy' }).replace(
      '{ text: { id: Satu, en: One } }',
      '{ text: { id: Satu, en: One }, correct: true }',
    );
    const duplicate = itemYaml({ id: 'int-001', material: 'pelayanan', difficulty: 'easy' });
    files['bank/tambahan.yaml'] = `items:\n${unknownMaterial}\n${twoCorrect}\n${duplicate}\n`;

    const problems = await problemsOf(files);
    const extra = String(files['bank/tambahan.yaml']);

    problemAt(problems, 'course.yaml', 1, /^title: is required/);
    problemAt(problems, 'course.yaml', lineOf(courseYaml, 'passMark: 80'), /fixes the placement pass mark at 85/);
    problemAt(problems, 'course.yaml', lineOf(courseYaml, 'materials/hilang.md'), /materials\/hilang\.md does not exist/);
    problemAt(problems, 'course.yaml', lineOf(courseYaml, '{ count: 40 }'), /test "final" needs 40 item\(s\).*the bank has 16/);
    problemAt(problems, 'bank/tambahan.yaml', lineOf(extra, 'material: etika-lain'), /"etika-lain" is not a material/);
    problemAt(problems, 'bank/tambahan.yaml', lineOf(extra, 'id: int-102') + 6, /exactly one option with "correct: true", but has 2/);
    problemAt(problems, 'bank/tambahan.yaml', lineOf(extra, 'id: int-001'), /"int-001" is already used at bank\/integritas\.yaml:2/);
  });

  it('lists every problem in the error message as file:line:col', async () => {
    const files = validCourseFiles();
    files['course.yaml'] = COURSE_YAML.replace('jp: 20', 'jp: -2');

    const error = await loadCourse(await courseDir(files)).catch((caught: unknown) => caught);

    expect(String((error as Error).message)).toContain(`course.yaml:${lineOf(COURSE_YAML, 'jp: 20')}:5  jp: must be a positive whole number`);
  });

  it('says a missing number is required rather than calling it malformed', async () => {
    const files = validCourseFiles();
    files['course.yaml'] = COURSE_YAML.replace('jp: 20\n', '');

    const problems = await problemsOf(files);

    expect(problems.map((p) => p.message)).toEqual(['jp: is required but missing']);
  });

  it('explains the SMART rule when a material test sets another pass mark or limits retakes', async () => {
    const files = validCourseFiles();
    const courseYaml = COURSE_YAML.replace(
      '      timeLimitMinutes: 15\n',
      '      timeLimitMinutes: 15\n      passMark: 60\n      maxAttempts: 3\n',
    );
    files['course.yaml'] = courseYaml;

    const problems = await problemsOf(files);

    problemAt(problems, 'course.yaml', lineOf(courseYaml, 'passMark: 60'), /material test's pass mark at 70/);
    problemAt(problems, 'course.yaml', lineOf(courseYaml, 'maxAttempts: 3'), /as often as needed until passed/);
  });

  it('rejects a second placement attempt, a window that closes before it opens and a bad id', async () => {
    const files = validCourseFiles();
    const courseYaml = COURSE_YAML.replace('id: etika-asn', 'id: Etika_ASN')
      .replace('  timeLimitMinutes: 30\n', '  timeLimitMinutes: 30\n  maxAttempts: 2\n')
      .replace('closes: 2026-12-31T23:59:59+07:00, timeZone: Asia/Jakarta', 'closes: 2026-11-01T00:00:00+07:00, timeZone: Asia/Jakarta');
    files['course.yaml'] = courseYaml;

    const problems = await problemsOf(files);

    problemAt(problems, 'course.yaml', 1, /^id: use only lowercase letters/);
    problemAt(problems, 'course.yaml', lineOf(courseYaml, 'maxAttempts: 2'), /exactly one placement attempt/);
    problemAt(problems, 'course.yaml', lineOf(courseYaml, 'offering:'), /closes must be later than offering\.opens/);
  });

  it('rejects a course version that is not a semantic version, since the LRS orders publications by it', async () => {
    const files = validCourseFiles();
    const courseYaml = COURSE_YAML.replace(/version: "[^"]+"/, 'version: "edisi-2"');
    files['course.yaml'] = courseYaml;

    const problems = await problemsOf(files);

    problemAt(problems, 'course.yaml', lineOf(courseYaml, 'version: "edisi-2"'), /version: must be a semantic version such as "1\.0\.0"/);
  });

  it('rejects a local date without offset, an unknown time zone, an unknown field and a missing local video', async () => {
    const files = validCourseFiles();
    const courseYaml = COURSE_YAML.replace('opens: 2026-12-01T00:00:00+07:00', 'opens: 2026-12-01T00:00:00')
      .replace('timeZone: Asia/Jakarta', 'timeZone: Asia/Bandung')
      .replace('jp: 20', 'jp: 20\nlanguage: id')
      .replace('href: media/integritas.mp4', 'href: media/hilang.mp4');
    files['course.yaml'] = courseYaml;

    const problems = await problemsOf(files);

    problemAt(problems, 'course.yaml', lineOf(courseYaml, 'offering:'), /offering\.opens: must be an ISO 8601 date and time with a UTC offset/);
    problemAt(problems, 'course.yaml', lineOf(courseYaml, 'offering:'), /offering\.timeZone: is not an IANA time zone/);
    problemAt(problems, 'course.yaml', lineOf(courseYaml, 'language: id'), /^unknown field "language"; the course fields are id, version/);
    problemAt(problems, 'course.yaml', lineOf(courseYaml, 'media/hilang.mp4'), /media\/hilang\.mp4 does not exist/);
  });

  it('rejects truefalse items with options and items whose stem lacks the Indonesian text', async () => {
    const files = validCourseFiles();
    const bank = bankYaml('integritas', 'int')
      .replace('    answer: false', '    answer: false\n    options:\n      - { text: { id: Ya } }')
      .replace('stem: { id: "Pertanyaan int-004?", en: "Question int-004?" }', 'stem: { en: "Question int-004?" }');
    files['bank/integritas.yaml'] = bank;

    const problems = await problemsOf(files);

    problemAt(problems, 'bank/integritas.yaml', lineOf(bank, '{ text: { id: Ya } }') - 1, /truefalse item has no options/);
    problemAt(problems, 'bank/integritas.yaml', lineOf(bank, 'stem: { en: "Question int-004?" }'), /stem\.id: needs the Indonesian text/);
  });

  it('warns when a material test cannot give three remedial retakes without repeating items', async () => {
    const files = validCourseFiles();
    const items = bankYaml('pelayanan', 'pel').split('\n  - ').slice(0, 5).join('\n  - ');
    files['bank/pelayanan.yaml'] = `${items}\n`;
    const warnings: SourceProblem[] = [];

    await loadCourse(await courseDir(files), { onWarning: (w) => warnings.push(w) });

    expect(warnings).toHaveLength(1);
    expect(warnings[0]?.file).toBe('course.yaml');
    expect(warnings[0]?.message).toMatch(/test "material:pelayanan" only 2 attempt\(s\) without repeating/);
  });
});

describe('loadCourse messages about bank items', () => {
  it('names an item by its id, and by its place in the file only when it has no id', async () => {
    const files = validCourseFiles();
    const bank = bankYaml('integritas', 'int')
      .replace('    difficulty: medium', '    difficulty: sedang')
      .replace('  - id: int-008\n', '  - type: single\n')
      .replace(/(  - type: single\n)    type: single\n/, '$1');
    files['bank/integritas.yaml'] = bank;

    const problems = await problemsOf(files);

    problemAt(problems, 'bank/integritas.yaml', lineOf(bank, 'difficulty: sedang'), /^item int-002, difficulty: must be one of easy, medium, hard, but is the text "sedang"$/);
    problemAt(problems, 'bank/integritas.yaml', lineOf(bank, '  - type: single'), /^items\[7\], id: is required but missing$/);
  });

  it('reports a misspelt item field once, as a typo of the field it should be', async () => {
    const files = validCourseFiles();
    const bank = bankYaml('integritas', 'int').replace('    difficulty: easy', '    dificulty: easy');
    files['bank/integritas.yaml'] = bank;

    const problems = await problemsOf(files);
    const aboutItem = problems.filter((p) => p.message.startsWith('item int-001'));

    expect(aboutItem).toEqual([
      {
        file: 'bank/integritas.yaml',
        line: lineOf(bank, 'dificulty: easy'),
        column: 5,
        message: 'item int-001: unknown field "dificulty" — did you mean "difficulty"?',
      },
    ]);
  });

  it('lists the expected fields for an unknown field that resembles none of them', async () => {
    const files = validCourseFiles();
    const bank = bankYaml('integritas', 'int').replace('    difficulty: easy', '    difficulty: easy\n    weight: 2');
    files['bank/integritas.yaml'] = bank;

    const problems = await problemsOf(files);

    problemAt(problems, 'bank/integritas.yaml', lineOf(bank, 'weight: 2'), /^item int-001: unknown field "weight"; the fields here are id, type, material, competency, difficulty, stem/);
  });

  it('reports a misspelt course field as a typo and not also as missing', async () => {
    const files = validCourseFiles();
    const courseYaml = COURSE_YAML.replace('description: {', 'descripton: {');
    files['course.yaml'] = courseYaml;

    const problems = await problemsOf(files);

    expect(problems).toEqual([
      {
        file: 'course.yaml',
        line: lineOf(courseYaml, 'descripton:'),
        column: 1,
        message: 'unknown field "descripton" — did you mean "description"?',
      },
    ]);
  });
});

describe('loadCourse on material texts', () => {
  it('warns at the heading when a material text starts with a level-1 heading', async () => {
    const files = validCourseFiles();
    files['materials/integritas.en.md'] = '\n\n# Integrity\n\nWork honestly.\n';
    files['materials/pelayanan.md'] = 'Melayani.\n\n# Bagian lain\n';
    const warnings: SourceProblem[] = [];

    await loadCourse(await courseDir(files), { onWarning: (w) => warnings.push(w) });

    expect(warnings).toEqual([
      {
        file: 'materials/integritas.en.md',
        line: 3,
        column: 1,
        message: 'the text starts with a level-1 heading: start the text with ## headings; the material title comes from course.yaml',
      },
    ]);
  });
});

describe('loadCourse on items left out for their errors', () => {
  it('does not blame the blueprints for items left out, and says once per material that they were not checked', async () => {
    const files = validCourseFiles();
    files['bank/pelayanan.yaml'] = bankYaml('pelayanan', 'pel').replaceAll('    difficulty:', '    dificulty:');
    const warnings: SourceProblem[] = [];

    const error = await loadCourse(await courseDir(files), { onWarning: (w) => warnings.push(w) }).catch((e: unknown) => e);
    const problems = (error as CourseSourceError).problems;

    expect(problems).toHaveLength(8);
    expect(problems.every((p) => /^item pel-\d+: unknown field "dificulty"/.test(p.message))).toBe(true);
    expect(warnings.map((w) => w.message)).toEqual([
      'test blueprints not checked against material "pelayanan": 8 of its items are left out for their errors; they are checked once those items load',
    ]);
  });

  it('skips the blueprint checks while a bank file has no list of items, and suggests the key it misspells', async () => {
    const files = validCourseFiles();
    files['bank/pelayanan.yaml'] = bankYaml('pelayanan', 'pel').replace('items:', 'itmes:');
    const warnings: SourceProblem[] = [];

    const error = await loadCourse(await courseDir(files), { onWarning: (w) => warnings.push(w) }).catch((e: unknown) => e);

    expect((error as CourseSourceError).problems.map((p) => `${p.file}:${p.line}  ${p.message}`)).toEqual([
      'bank/pelayanan.yaml:1  unknown field "itmes" — did you mean "items"?',
    ]);
    expect(warnings.map((w) => `${w.file}:${w.line}  ${w.message}`)).toEqual([
      'bank/pelayanan.yaml:1  test blueprints not checked against the bank: they are checked once the problems of this file are fixed',
    ]);
  });

  it('suggests the material an item misspells and counts the item as left out of that material', async () => {
    const files = validCourseFiles();
    const bank = bankYaml('pelayanan', 'pel').replace('    material: pelayanan', '    material: pelayanann');
    files['bank/pelayanan.yaml'] = bank;
    const warnings: SourceProblem[] = [];

    const error = await loadCourse(await courseDir(files), { onWarning: (w) => warnings.push(w) }).catch((e: unknown) => e);

    expect((error as CourseSourceError).problems).toEqual([
      {
        file: 'bank/pelayanan.yaml',
        line: lineOf(bank, 'material: pelayanann'),
        column: 15,
        message: 'item pel-001, material: "pelayanann" is not a material of this course — did you mean "pelayanan"?',
      },
    ]);
    expect(warnings.map((w) => w.message)).toEqual([
      'test blueprints not checked against material "pelayanan": 1 of its items is left out for their errors; they are checked once those items load',
    ]);
  });
});
