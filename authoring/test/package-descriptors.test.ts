import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Course } from '@smart-training/core';
import { auActivityId, courseActivityId } from '@smart-training/xapi';
import { loadCourse, packCourse, type PackageFormat } from '../src/index';
import { COURSE_YAML, removeDir, validCourseFiles, writeCourse } from './support/course-fixture';
import { REPO_ROOT, validateManifest } from '../../test/support/schema-validator';
import { readZip } from './support/zip-reader';

/* The cmi5.xml and tincan.xml descriptors, read back from the zips packCourse writes. */

const LRS = { endpoint: 'https://lrs.example.go.id', key: 'launch-key', secret: 'launch-secret' };
const EXAMPLE_COURSE = path.join(REPO_ROOT, 'examples/berakhlak');

interface Langstring {
  '#text': string;
  '@lang': string;
}
interface Au {
  '@id': string;
  '@moveOn': string;
  '@masteryScore': string;
  '@launchMethod': string;
  title: { langstring: Langstring[] };
  description: { langstring: Langstring[] };
  url: string;
}
interface Cmi5Structure {
  courseStructure: {
    '@xmlns': string;
    course: { '@id': string; title: { langstring: Langstring[] }; description: { langstring: Langstring[] } };
    au: Au[];
  };
}
interface TincanActivity {
  '@id': string;
  '@type': string;
  name: Langstring[];
  description: Langstring[];
  launch: Langstring[];
}
interface Tincan {
  tincan: { '@xmlns': string; activities: { activity: TincanActivity[] } };
}

let work: string;
let unitDir: string;
const sourceDirs: string[] = [];

beforeEach(async () => {
  work = await mkdtemp(path.join(tmpdir(), 'smart-descriptors-'));
  // The real bundles come from `npm run build`; packing only copies them.
  unitDir = path.join(work, 'unit');
  await mkdir(unitDir);
  for (const bundle of ['smart-unit.js', 'smart-unit-cmi5.js']) {
    await writeFile(path.join(unitDir, bundle), 'customElements.define("smart-course-unit", class extends HTMLElement {});\n');
  }
});

afterEach(async () => {
  await rm(work, { recursive: true, force: true });
  await Promise.all(sourceDirs.splice(0).map(removeDir));
});

async function fixtureCourse(courseYaml = COURSE_YAML): Promise<{ course: Course; sourceDir: string }> {
  const sourceDir = await writeCourse({ ...validCourseFiles(), 'course.yaml': courseYaml });
  sourceDirs.push(sourceDir);
  return { course: await loadCourse(sourceDir), sourceDir };
}

/** Packs one format and returns its descriptor's text. */
async function descriptorOf(course: Course, sourceDir: string, format: PackageFormat, name: string): Promise<string> {
  const [result] = await packCourse(course, { formats: [format], outDir: path.join(work, 'out'), lrs: LRS, unitDir, sourceDir });
  const entries = await readZip(result!.file);
  expect(entries.has('imsmanifest.xml'), `${format} zip holds an imsmanifest.xml`).toBe(false);
  const descriptor = entries.get(name);
  if (!descriptor) throw new Error(`the ${format} zip has no ${name}`);
  return descriptor.toString();
}

async function expectValidCmi5(text: string): Promise<void> {
  const file = path.join(work, 'cmi5.xml');
  await writeFile(file, text);
  const { valid, output } = await validateManifest('cmi5', file);
  expect(valid, `cmi5.xml is not a valid cmi5 course structure:\n${output}`).toBe(true);
}

function parseCmi5(text: string): Cmi5Structure {
  const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '@',
    parseTagValue: false,
    isArray: (name) => name === 'au' || name === 'langstring',
  });
  return parser.parse(text) as Cmi5Structure;
}

function texts(langstrings: readonly Langstring[]): Record<string, string> {
  return Object.fromEntries(langstrings.map((langstring) => [langstring['@lang'], langstring['#text']]));
}

describe('cmi5.xml', () => {
  it('lists the example course as one AU per test in course order, with the SMART mastery scores and moveOn', async () => {
    const course = await loadCourse(EXAMPLE_COURSE);

    const text = await descriptorOf(course, EXAMPLE_COURSE, 'cmi5', 'cmi5.xml');

    await expectValidCmi5(text);
    const { courseStructure } = parseCmi5(text);
    expect(courseStructure['@xmlns']).toBe('https://w3id.org/xapi/profiles/cmi5/v1/CourseStructure.xsd');
    expect(courseStructure.course['@id']).toBe('https://smart-training.id/xapi/activities/course/berakhlak-2026');
    expect(texts(courseStructure.course.title.langstring)).toEqual({ 'id-ID': course.title.id, 'en-US': course.title.en });
    expect(texts(courseStructure.course.description.langstring)).toEqual({
      'id-ID': course.description.id,
      'en-US': course.description.en,
    });

    const testIds = ['placement', ...course.materials.map((material) => `material:${material.id}`), 'final'];
    expect(testIds).toHaveLength(5);
    const aus = courseStructure.au;
    expect(aus.map((au) => au['@id'])).toEqual(testIds.map((testId) => auActivityId(course.id, testId)));
    expect(aus[1]!['@id']).toBe('https://smart-training.id/xapi/activities/course/berakhlak-2026/au/material/pelayanan-akuntabel');
    expect(aus.map((au) => au.url)).toEqual([
      'index.html?smart-au=placement',
      'index.html?smart-au=material%3Apelayanan-akuntabel',
      'index.html?smart-au=material%3Akompeten-harmonis-loyal',
      'index.html?smart-au=material%3Aadaptif-kolaboratif',
      'index.html?smart-au=final',
    ]);
    expect(aus.map((au) => new URLSearchParams(au.url.split('?')[1]).get('smart-au'))).toEqual(testIds);
    expect(aus.map((au) => au['@masteryScore'])).toEqual(['0.85', '0.7', '0.7', '0.7', '0.7']);
    expect(aus.map((au) => au['@moveOn'])).toEqual(['NotApplicable', 'Passed', 'Passed', 'Passed', 'Passed']);
    expect(new Set(aus.map((au) => au['@launchMethod']))).toEqual(new Set(['AnyWindow']));
    expect(texts(aus[0]!.title.langstring)).toEqual({ 'id-ID': 'Tes Penempatan', 'en-US': 'Placement test' });
    for (const au of aus) {
      expect(Object.keys(texts(au.description.langstring))).toEqual(['id-ID', 'en-US']);
    }
  });

  it('takes the final mastery score from the course pass mark and writes only the languages the author gave', async () => {
    const courseYaml = COURSE_YAML.replace(
      'final:\n  title: { id: Tes Akhir, en: Final test }\n',
      'final:\n  title: { id: Tes Akhir, en: Final test }\n  passMark: 82.5\n  maxAttempts: 3\n',
    );
    expect(courseYaml).toContain('passMark: 82.5');
    const { course, sourceDir } = await fixtureCourse(courseYaml);

    const text = await descriptorOf(course, sourceDir, 'cmi5', 'cmi5.xml');

    await expectValidCmi5(text);
    const aus = parseCmi5(text).courseStructure.au;
    expect(aus.map((au) => au['@id'])).toEqual(
      ['placement', 'material:integritas', 'material:pelayanan', 'final'].map((testId) => auActivityId('etika-asn', testId)),
    );
    expect(aus.map((au) => au['@masteryScore'])).toEqual(['0.85', '0.7', '0.7', '0.825']);
    expect(aus.map((au) => au['@moveOn'])).toEqual(['NotApplicable', 'Passed', 'Passed', 'Passed']);
    // "Pelayanan publik" has no English title, so its AU has none either.
    expect(texts(aus[1]!.title.langstring)).toEqual({ 'id-ID': 'Tes Integritas', 'en-US': 'Test: Integrity' });
    expect(texts(aus[2]!.title.langstring)).toEqual({ 'id-ID': 'Tes Pelayanan publik' });
    expect(texts(aus[3]!.description.langstring)['id-ID']).toContain('82,5');
    expect(texts(aus[3]!.description.langstring)['en-US']).toContain('82.5');
    expect(texts(aus[3]!.description.langstring)['en-US']).toContain('at most 3 attempt(s)');
  });

  it('proves the cmi5 schema check can fail: an AU with a foreign element is rejected', async () => {
    const { course, sourceDir } = await fixtureCourse();
    const text = await descriptorOf(course, sourceDir, 'cmi5', 'cmi5.xml');
    const broken = path.join(work, 'broken-cmi5.xml');
    await writeFile(broken, text.replace('</url>', '</url><lessonplan/>'));

    const { valid, output } = await validateManifest('cmi5', broken);

    expect(valid).toBe(false);
    expect(output).toContain('lessonplan');
  });

  it('proves the cmi5 schema check can fail: a moveOn outside the cmi5 vocabulary is rejected', async () => {
    const { course, sourceDir } = await fixtureCourse();
    const text = await descriptorOf(course, sourceDir, 'cmi5', 'cmi5.xml');
    const broken = path.join(work, 'broken-cmi5.xml');
    await writeFile(broken, text.replace('moveOn="Passed"', 'moveOn="Failed"'));

    const { valid, output } = await validateManifest('cmi5', broken);

    expect(valid).toBe(false);
    expect(output).toContain('moveOn');
  });
});

describe('tincan.xml', () => {
  // No official tincan.xml schema sits in ../shared/schemas, so the test
  // checks well-formedness and the structure an xAPI launch needs by parsing.
  const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '@',
    parseTagValue: false,
    alwaysCreateTextNode: true,
    isArray: (name) => ['activity', 'name', 'description', 'launch'].includes(name),
  });

  it('describes the course as one course activity launching index.html, named in Indonesian and English', async () => {
    const course = await loadCourse(EXAMPLE_COURSE);

    const text = await descriptorOf(course, EXAMPLE_COURSE, 'xapi', 'tincan.xml');

    expect(XMLValidator.validate(text)).toBe(true);
    const { tincan } = parser.parse(text) as Tincan;
    expect(tincan['@xmlns']).toBe('http://projecttincan.com/tincan.xsd');
    expect(tincan.activities.activity).toHaveLength(1);
    const [activity] = tincan.activities.activity;
    expect(activity!['@id']).toBe(courseActivityId('berakhlak-2026'));
    expect(activity!['@type']).toBe('http://adlnet.gov/expapi/activities/course');
    expect(activity!.launch).toEqual([{ '@lang': 'id-ID', '#text': 'index.html' }]);
    expect(texts(activity!.name)).toEqual({ 'id-ID': course.title.id, 'en-US': course.title.en });
    expect(texts(activity!.description)).toEqual({ 'id-ID': course.description.id, 'en-US': course.description.en });
  });

  it('escapes course text that looks like markup', async () => {
    const courseYaml = COURSE_YAML.replace('title: { id: Etika ASN, en: Civil service ethics }', 'title: { id: "Etika <ASN> & Integritas", en: Civil service ethics }');
    const { course, sourceDir } = await fixtureCourse(courseYaml);

    const text = await descriptorOf(course, sourceDir, 'xapi', 'tincan.xml');

    expect(XMLValidator.validate(text)).toBe(true);
    expect(text).toContain('Etika &lt;ASN&gt; &amp; Integritas');
    const { tincan } = parser.parse(text) as Tincan;
    expect(texts(tincan.activities.activity[0]!.name)['id-ID']).toBe('Etika <ASN> & Integritas');
  });
});
