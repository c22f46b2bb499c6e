import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readdir, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { COURSE_YAML, lineOf, removeDir, validCourseFiles, writeCourse } from './support/course-fixture';
import { REPO_ROOT } from '../../test/support/schema-validator';

const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(dirs.splice(0).map(removeDir));
});

function smartAuthor(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile('node', ['authoring/bin/smart-author.mjs', ...args], { cwd: REPO_ROOT }, (error, stdout, stderr) => {
      resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr });
    });
  });
}

async function tempDir(make: () => Promise<string>): Promise<string> {
  const dir = await make();
  dirs.push(dir);
  return dir;
}

describe('smart-author validate', () => {
  it('exits 1 and prints each problem as file:line:col on a broken course', async () => {
    const files = validCourseFiles();
    const courseYaml = COURSE_YAML.replace('jp: 20', 'jp: dua puluh').replace('text: materials/pelayanan.md', 'text: materials/x.md');
    files['course.yaml'] = courseYaml;
    const dir = await tempDir(() => writeCourse(files));

    const { code, stderr } = await smartAuthor('validate', dir);

    expect(code).toBe(1);
    expect(stderr).toContain(`${path.join(dir, 'course.yaml')}:${lineOf(courseYaml, 'jp: dua puluh')}:5  jp: must be a positive whole number`);
    expect(stderr).toContain(`${path.join(dir, 'course.yaml')}:${lineOf(courseYaml, 'materials/x.md')}:11  materials[1].text: materials/x.md does not exist`);
  });

  it('prints errors by file and line, then warnings, then the count of each', async () => {
    const files = validCourseFiles();
    files['course.yaml'] = COURSE_YAML.replace('jp: 20', 'jp: 0');
    files['materials/integritas.md'] = 'Jujur.\n\n![Bagan](../media/hilang.png)\n';
    files['materials/integritas.en.md'] = '# Integrity\n\nWork honestly.\n';
    const dir = await tempDir(() => writeCourse(files));

    const { code, stderr } = await smartAuthor('validate', dir);

    expect(code).toBe(1);
    expect(stderr.trimEnd().split('\n')).toEqual([
      `${path.join(dir, 'course.yaml')}:${lineOf(files['course.yaml'], 'jp: 0')}:5  jp: must be a positive whole number`,
      `${path.join(dir, 'materials/integritas.md')}:3:10  "../media/hilang.png" refers to media/hilang.png, which does not exist in the course folder`,
      `${path.join(dir, 'materials/integritas.en.md')}:1:1  warning: the text starts with a level-1 heading: start the text with ## headings; the material title comes from course.yaml`,
      '2 errors, 1 warning; nothing was written or sent.',
    ]);
  });

  it('prints the warnings and their count of a course that validates', async () => {
    const files = validCourseFiles();
    files['materials/pelayanan.md'] = '# Pelayanan publik\n\nMelayani.\n';
    const dir = await tempDir(() => writeCourse(files));

    const { code, stderr } = await smartAuthor('validate', dir);

    expect(code).toBe(0);
    expect(stderr.trimEnd().split('\n')).toEqual([
      `${path.join(dir, 'materials/pelayanan.md')}:1:1  warning: the text starts with a level-1 heading: start the text with ## headings; the material title comes from course.yaml`,
      '0 errors, 1 warning',
    ]);
  });

  it('prints the materials, items per difficulty and attempts without repeat of a valid course', async () => {
    const dir = await tempDir(() => writeCourse(validCourseFiles()));

    const { code, stdout } = await smartAuthor('validate', dir);

    expect(code).toBe(0);
    expect(stdout).toContain('2 material(s), 16 item(s), 20 JP');
    expect(stdout).toMatch(/integritas\s+4\s+4\s+0\s+8/);
    expect(stdout).toMatch(/material:pelayanan\s+2\s+4/);
  });
});

describe('smart-author pack', () => {
  it('refuses a course that does not validate and writes no zip', async () => {
    const files = validCourseFiles();
    files['course.yaml'] = COURSE_YAML.replace('jp: 20', 'jp: 0');
    const dir = await tempDir(() => writeCourse(files));
    const out = path.join(dir, 'out');

    const { code, stderr } = await smartAuthor('pack', dir, '--lrs', 'http://127.0.0.1:8080', '--key', 'k', '--secret', 's', '--out', out);

    expect(code).toBe(1);
    expect(stderr).toContain('jp: must be a positive whole number');
    await expect(readdir(out)).rejects.toThrow();
  });

  it('writes the chosen formats and prints a table of them', async () => {
    const dir = await tempDir(() => writeCourse(validCourseFiles()));
    const work = await tempDir(() => mkdtemp(path.join(tmpdir(), 'smart-cli-')));
    const unitDir = path.join(work, 'unit');
    await mkdir(unitDir);
    await writeFile(path.join(unitDir, 'smart-unit.js'), '/* unit */\n');
    await writeFile(path.join(unitDir, 'smart-unit-cmi5.js'), '/* unit with cmi5 */\n');
    const out = path.join(work, 'packages');

    const { code, stdout } = await smartAuthor(
      'pack', dir, '--lrs', 'http://127.0.0.1:8080', '--key', 'k', '--secret', 's',
      '--format', 'scorm2004', '--out', out, '--unit-dir', unitDir,
    );

    expect(code).toBe(0);
    expect(await readdir(out)).toEqual(['etika-asn-1.0.0-scorm2004.zip']);
    expect(stdout).toMatch(/scorm2004\s+[\d.]+ kB\s+6\s+\S+etika-asn-1\.0\.0-scorm2004\.zip/);
  });

  it('writes all four formats when no --format is given and prints the size of each zip', async () => {
    const dir = await tempDir(() => writeCourse(validCourseFiles()));
    const work = await tempDir(() => mkdtemp(path.join(tmpdir(), 'smart-cli-')));
    const unitDir = path.join(work, 'unit');
    await mkdir(unitDir);
    await writeFile(path.join(unitDir, 'smart-unit.js'), '/* unit */\n');
    await writeFile(path.join(unitDir, 'smart-unit-cmi5.js'), '/* unit with cmi5 */\n');
    const out = path.join(work, 'packages');

    const { code, stdout } = await smartAuthor(
      'pack', dir, '--lrs', 'http://127.0.0.1:8080', '--key', 'k', '--secret', 's', '--out', out, '--unit-dir', unitDir,
    );

    expect(code).toBe(0);
    const formats = ['scorm12', 'scorm2004', 'cmi5', 'xapi'];
    expect((await readdir(out)).sort()).toEqual(formats.map((format) => `etika-asn-1.0.0-${format}.zip`).sort());
    const rows = stdout.split('\n').filter((line) => line.includes('.zip'));
    expect(rows).toHaveLength(4);
    for (const [index, format] of formats.entries()) {
      const size = new RegExp(`^\\s*${format}\\s+([\\d.]+) kB\\s+6\\s+(\\S+)$`).exec(rows[index] ?? '');
      expect(size, `no summary row for ${format} in:\n${stdout}`).not.toBeNull();
      const { size: bytes } = await stat(size![2]!);
      expect(Math.abs(Number(size![1]) - bytes / 1000)).toBeLessThanOrEqual(0.05);
    }
  });

  it('refuses an unknown format, naming the four it knows, and writes nothing', async () => {
    const dir = await tempDir(() => writeCourse(validCourseFiles()));
    const out = path.join(dir, 'out');

    const { code, stderr } = await smartAuthor(
      'pack', dir, '--lrs', 'http://127.0.0.1:8080', '--key', 'k', '--secret', 's', '--format', 'cmi5,tincan', '--out', out,
    );

    expect(code).toBe(1);
    expect(stderr).toContain('use scorm12, scorm2004, cmi5, xapi (comma-separated), not tincan');
    await expect(readdir(out)).rejects.toThrow();
  });
});
