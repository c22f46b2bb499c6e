import { rmSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PACKAGE_FORMATS, PackError, loadCourse, packCourse, type PackOptions } from '../src/index';
import { removeDir, validCourseFiles, writeCourse } from './support/course-fixture';
import { validateManifest } from '../../test/support/schema-validator';
import { readZip } from './support/zip-reader';

const LRS = { endpoint: 'https://lrs.example.go.id', key: 'launch-key', secret: 'launch-secret' };

let work: string;
let sourceDir: string;
let unitDir: string;

/** Stand-ins for the two bundles `npm run build` writes; packing only copies them, so each says which it is. */
const LEAN_BUNDLE = 'customElements.define("smart-course-unit", class extends HTMLElement {}); /* lean */\n';
const CMI5_BUNDLE = 'customElements.define("smart-course-unit", class extends HTMLElement {}); /* with cmi5 */\n';
const BUNDLE_OF = { scorm12: 'smart-unit.js', scorm2004: 'smart-unit.js', xapi: 'smart-unit.js', cmi5: 'smart-unit-cmi5.js' };

beforeEach(async () => {
  work = await mkdtemp(path.join(tmpdir(), 'smart-pack-'));
  sourceDir = await writeCourse(validCourseFiles());
  unitDir = path.join(work, 'unit');
  await mkdir(unitDir);
  await writeFile(path.join(unitDir, 'smart-unit.js'), LEAN_BUNDLE);
  await writeFile(path.join(unitDir, 'smart-unit-cmi5.js'), CMI5_BUNDLE);
});

afterEach(async () => {
  await rm(work, { recursive: true, force: true });
  await removeDir(sourceDir);
});

function options(overrides: Partial<PackOptions> = {}): PackOptions {
  return {
    formats: PACKAGE_FORMATS,
    outDir: path.join(work, 'out'),
    lrs: LRS,
    unitDir,
    sourceDir,
    ...overrides,
  };
}

async function expectValid(kind: 'scorm12' | 'scorm2004', manifest: Buffer): Promise<void> {
  const file = path.join(work, `${kind}-imsmanifest.xml`);
  await writeFile(file, manifest);
  const { valid, output } = await validateManifest(kind, file);
  expect(valid, `imsmanifest.xml is not valid ${kind}:\n${output}`).toBe(true);
}

describe('packCourse', () => {
  it('writes one zip per format named after the course, version and format, each with its own descriptor', async () => {
    const course = await loadCourse(sourceDir);

    const results = await packCourse(course, options());

    expect(results.map((r) => [r.format, path.basename(r.file)])).toEqual([
      ['scorm12', 'etika-asn-1.0.0-scorm12.zip'],
      ['scorm2004', 'etika-asn-1.0.0-scorm2004.zip'],
      ['cmi5', 'etika-asn-1.0.0-cmi5.zip'],
      ['xapi', 'etika-asn-1.0.0-xapi.zip'],
    ]);
    const descriptors = { scorm12: 'imsmanifest.xml', scorm2004: 'imsmanifest.xml', cmi5: 'cmi5.xml', xapi: 'tincan.xml' };
    for (const result of results) {
      const entries = await readZip(result.file);
      expect([...entries.keys()].sort()).toEqual(
        [descriptors[result.format], 'course.json', 'index.html', 'media/diagram.png', 'media/integritas.mp4', BUNDLE_OF[result.format]].sort(),
      );
      expect(result.files.sort()).toEqual([...entries.keys()].sort());
      expect(result.bytes).toBeGreaterThan(0);
    }
  });

  it('writes manifests that validate against the official SCORM 1.2 and 2004 4th edition schemas', async () => {
    const [scorm12, scorm2004] = await packCourse(await loadCourse(sourceDir), options({ formats: ['scorm12', 'scorm2004'] }));

    const manifest12 = (await readZip(scorm12!.file)).get('imsmanifest.xml')!;
    const manifest2004 = (await readZip(scorm2004!.file)).get('imsmanifest.xml')!;
    await expectValid('scorm12', manifest12);
    await expectValid('scorm2004', manifest2004);
    expect(manifest12.toString()).toContain('adlcp:scormtype="sco"');
    expect(manifest2004.toString()).toContain('<schemaversion>2004 4th Edition</schemaversion>');
    expect(manifest2004.toString()).toContain('adlcp:scormType="sco"');
    expect(manifest2004.toString()).toContain('<file href="media/integritas.mp4"/>');
  });

  it('proves the schema check can fail: a manifest with a foreign element is rejected', async () => {
    const [scorm12] = await packCourse(await loadCourse(sourceDir), options({ formats: ['scorm12'] }));
    const manifest = (await readZip(scorm12!.file)).get('imsmanifest.xml')!.toString();
    const broken = path.join(work, 'broken.xml');
    await writeFile(broken, manifest.replace('<schema>ADL SCORM</schema>', '<schema>ADL SCORM</schema><lessonplan/>'));

    const { valid, output } = await validateManifest('scorm12', broken);

    expect(valid).toBe(false);
    expect(output).toContain('lessonplan');
  });

  it('puts the outline and LRS settings in course.json but never the bank, a key or an explanation', async () => {
    const course = await loadCourse(sourceDir);
    const [result] = await packCourse(course, options({ formats: ['scorm2004'] }));

    const text = (await readZip(result!.file)).get('course.json')!.toString();
    const json = JSON.parse(text) as { outline: Record<string, unknown>; lrs: unknown };

    expect(json.lrs).toEqual(LRS);
    expect(json.outline.id).toBe('etika-asn');
    expect(json.outline.materials).toEqual(course.materials);
    for (const secret of ['bank', 'correct', 'explanation', 'Penjelasan']) expect(text).not.toContain(secret);
  });

  it('puts no bank item, key or explanation in any file of any format', async () => {
    const course = await loadCourse(sourceDir);
    const stems = course.bank.map((item) => item.stem.id);
    expect(stems).toContain('Pertanyaan int-001?');

    const results = await packCourse(course, options());

    expect(results.map((result) => result.format)).toEqual([...PACKAGE_FORMATS]);
    for (const result of results) {
      for (const [name, content] of await readZip(result.file)) {
        const text = content.toString();
        for (const secret of [...stems, '"correct"', 'explanation', 'Penjelasan']) {
          expect(text, `${result.format} ${name} holds ${secret}`).not.toContain(secret);
        }
      }
    }
  });

  it('puts the cmi5 unit bundle in the cmi5 zip only and the lean bundle in every other zip, and index.html loads it', async () => {
    const results = await packCourse(await loadCourse(sourceDir), options());

    for (const result of results) {
      const entries = await readZip(result.file);
      const bundles = [...entries.keys()].filter((name) => name.endsWith('.js'));
      const html = entries.get('index.html')!.toString();
      expect(bundles, result.format).toEqual([BUNDLE_OF[result.format]]);
      expect(entries.get(BUNDLE_OF[result.format])!.toString(), result.format).toBe(
        result.format === 'cmi5' ? CMI5_BUNDLE : LEAN_BUNDLE,
      );
      expect(html.match(/<script [^>]*>/g), result.format).toEqual([`<script src="${BUNDLE_OF[result.format]}" defer>`]);
    }
  });

  it('lists the format\'s unit bundle among the SCORM manifest\'s files', async () => {
    const [scorm2004] = await packCourse(await loadCourse(sourceDir), options({ formats: ['scorm2004'] }));

    const manifest = (await readZip(scorm2004!.file)).get('imsmanifest.xml')!.toString();

    expect(manifest).toContain('<file href="smart-unit.js"/>');
    expect(manifest).not.toContain('smart-unit-cmi5.js');
  });

  it('needs only the bundles of the formats asked for', async () => {
    await rm(path.join(unitDir, 'smart-unit-cmi5.js'));

    const results = await packCourse(await loadCourse(sourceDir), options({ formats: ['scorm12', 'xapi'] }));

    expect(results.map((result) => result.format)).toEqual(['scorm12', 'xapi']);
  });

  it('names the missing cmi5 bundle and writes nothing when cmi5 is asked for but was not built', async () => {
    await rm(path.join(unitDir, 'smart-unit-cmi5.js'));

    const error = await packCourse(await loadCourse(sourceDir), options()).catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(PackError);
    expect((error as Error).message).toMatch(/bundle\(s\) smart-unit-cmi5\.js are missing from /);
    await expect(readdir(path.join(work, 'out'))).rejects.toThrow();
  });

  it('writes an index.html in Indonesian that boots the unit from course.json', async () => {
    const [result] = await packCourse(await loadCourse(sourceDir), options({ formats: ['scorm12'] }));

    const html = (await readZip(result!.file)).get('index.html')!.toString();

    expect(html).toContain('<html lang="id">');
    expect(html).toContain('<script src="smart-unit.js" defer></script>');
    expect(html).toContain('<smart-course-unit src="course.json"></smart-course-unit>');
    expect(html).toMatch(/<noscript>[^<]*JavaScript[^<]*<\/noscript>/);
  });

  it('reports progress for every file of every format', async () => {
    const calls: [number, number, string][] = [];

    await packCourse(await loadCourse(sourceDir), options({ onProgress: (done, total, file) => calls.push([done, total, file]) }));

    // Six entries (descriptor, index.html, bundle, course.json, two media files) in each of four zips.
    expect(calls).toHaveLength(24);
    expect(calls.at(-1)?.slice(0, 2)).toEqual([24, 24]);
  });

  it('tells the user to run npm run build when the unit bundles are missing, and writes nothing', async () => {
    const error = await packCourse(await loadCourse(sourceDir), options({ unitDir: path.join(work, 'none') })).catch(
      (caught: unknown) => caught,
    );

    expect(error).toBeInstanceOf(PackError);
    expect((error as Error).message).toContain('npm run build');
    await expect(readdir(path.join(work, 'out'))).rejects.toThrow();
  });

  it('leaves no zip behind when a local file disappears during packing', async () => {
    const course = await loadCourse(sourceDir);
    const video = path.join(sourceDir, 'media/integritas.mp4');
    // The descriptor goes in first, before any file is read from disk.
    const removeVideoOnFirstEntry = (done: number) => done === 1 && rmSync(video);

    const packing = packCourse(course, options({ formats: ['scorm12'], onProgress: removeVideoOnFirstEntry }));

    await expect(packing).rejects.toThrow(/ENOENT/);
    expect(await readdir(path.join(work, 'out'))).toEqual([]);
  });

  it('refuses an LRS endpoint that is not an http(s) URL', async () => {
    const packing = packCourse(await loadCourse(sourceDir), options({ lrs: { ...LRS, endpoint: 'lrs.example.go.id' } }));

    await expect(packing).rejects.toThrow(/not an http\(s\) URL/);
  });
});
