import { LineCounter, parseDocument } from 'yaml';
import { afterEach, describe, expect, it } from 'vitest';
import { CourseSourceError, loadCourse, type SourceProblem } from '../src/index';
import { yamlSyntaxProblems } from '../src/source/yaml-syntax';
import { COURSE_YAML, bankYaml, itemYaml, lineOf, removeDir, validCourseFiles, writeCourse } from './support/course-fixture';

const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(dirs.splice(0).map(removeDir));
});

async function load(files: Record<string, string | Buffer>): Promise<{ problems: SourceProblem[]; warnings: SourceProblem[] }> {
  const dir = await writeCourse(files);
  dirs.push(dir);
  const warnings: SourceProblem[] = [];
  const error = await loadCourse(dir, { onWarning: (w) => warnings.push(w) }).catch((caught: unknown) => caught);
  expect(error).toBeInstanceOf(CourseSourceError);
  return { problems: (error as CourseSourceError).problems, warnings };
}

function syntaxOf(text: string): SourceProblem[] {
  const lines = new LineCounter();
  const document = parseDocument(text, { lineCounter: lines, prettyErrors: false });
  return yamlSyntaxProblems('bank/x.yaml', text, document.errors, lines);
}

/** A pelayanan bank whose item pel-102 has its competency line indented two spaces too far. */
function misindentedBank(): string {
  const first = itemYaml({ id: 'pel-101', material: 'pelayanan', difficulty: 'easy' });
  const second = itemYaml({ id: 'pel-102', material: 'pelayanan', difficulty: 'easy' }).replace(
    '    competency: etika-dasar',
    '      competency: etika-dasar',
  );
  return `items:\n${first}\n${second}\n`;
}

describe('YAML syntax errors in a course source', () => {
  it('reports a mis-indented bank line once, at that line, saying what to fix and keeping the parser text', async () => {
    const files = validCourseFiles();
    const bank = misindentedBank();
    files['bank/pelayanan.yaml'] = bank;

    const { problems } = await load(files);
    const inBank = problems.filter((p) => p.file === 'bank/pelayanan.yaml');

    expect(inBank).toHaveLength(1);
    expect(inBank[0]).toMatchObject({ line: lineOf(bank, '      competency: etika-dasar'), column: 7 });
    expect(inBank[0]?.message).toMatch(
      /^YAML structure broken here: check the indentation of this line and the one above; keys of one item must line up \(YAML parser: .*Implicit keys need to be on a single line\)$/,
    );
  });

  it('skips the blueprint checks while a bank file does not parse, and says so once at that file', async () => {
    const files = validCourseFiles();
    files['bank/pelayanan.yaml'] = misindentedBank();

    const { problems, warnings } = await load(files);

    expect(problems.filter((p) => /needs \d+ item\(s\)/.test(p.message))).toEqual([]);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]?.file).toBe('bank/pelayanan.yaml');
    expect(warnings[0]?.message).toBe('test blueprints not checked against the bank: they are checked once the problems of this file are fixed');
  });

  it('names every unreadable bank file in the one note about skipped blueprint checks', async () => {
    const files = validCourseFiles();
    files['bank/integritas.yaml'] = `${bankYaml('integritas', 'int')}  - id: "unclosed\n`;
    files['bank/pelayanan.yaml'] = misindentedBank();

    const { warnings } = await load(files);

    expect(warnings.map((w) => [w.file, w.message])).toEqual([
      ['bank/integritas.yaml', 'test blueprints not checked against the bank: they are checked once the problems of this file and bank/pelayanan.yaml are fixed'],
    ]);
  });

  it('says once that nothing else was checked while course.yaml does not parse', async () => {
    const files = validCourseFiles();
    files['course.yaml'] = COURSE_YAML.replace('jp: 20', '  jp: 20');

    const { problems, warnings } = await load(files);

    expect(problems.every((p) => p.file === 'course.yaml' && p.message.startsWith('YAML'))).toBe(true);
    expect(warnings.map((w) => w.message)).toEqual([
      'materials, bank items and test blueprints not checked: they are checked once this file parses',
    ]);
  });

  it('tells a tab, an unclosed quote, a missing colon and a colon inside a value apart', () => {
    expect(syntaxOf('items:\n  - id: a\n\ttype: single\n')).toMatchObject([
      { line: 3, message: expect.stringMatching(/^YAML indentation uses spaces only/) },
    ]);
    expect(syntaxOf('items:\n  - id: a\n    stem: "unclosed\n    type: single\n')).toMatchObject([
      { message: expect.stringMatching(/^YAML text in quotes is not closed/) },
    ]);
    expect(syntaxOf('items:\n  - id: a\n    type single\n    material: x\n')).toMatchObject([
      { line: 3, column: 5, message: expect.stringMatching(/^YAML key without a colon: write this line as "key: value"/) },
    ]);
    expect(syntaxOf('items:\n  - id: a\n    stem: Catatan: ini\n')).toMatchObject([
      { line: 3, message: expect.stringMatching(/^YAML value with ": " inside: put the whole value of this line in quotes/) },
    ]);
  });

  it('reports a sequence dash out of line once for its line', () => {
    const problems = syntaxOf('items:\n  - id: a\n    type: single\n - id: b\n');

    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ line: 4, message: expect.stringMatching(/^YAML structure broken here/) });
  });
});
