import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Course, CourseOutline } from '@smart-training/core';
import { localFilesOf } from '../local-files';
import { fileExists } from '../source/fs';
import { buildCmi5Structure } from './cmi5-structure';
import type { PackageFormat } from './formats';
import { COURSE_JSON_FILE, UNIT_BUNDLE_FILES, buildIndexHtml } from './index-html';
import { buildManifest } from './manifest';
import { buildTincanXml } from './tincan-xml';
import { writeZip, type ZipEntry } from './zip';

/** Where the LRS is and the launch credential a package carries. */
export interface LrsSettings {
  endpoint: string;
  key: string;
  secret: string;
}

export interface PackOptions {
  formats: readonly PackageFormat[];
  /** Folder for the zips; created when missing. */
  outDir: string;
  /** A launch credential: it may only open sessions, so it is safe inside a package. */
  lrs: LrsSettings;
  /**
   * The folder of the unit bundles, smart-unit.js (SCORM 1.2, SCORM 2004,
   * xAPI) and smart-unit-cmi5.js (cmi5); defaults to `dist/unit` of the
   * repository (`npm run build`). Only the bundles of `formats` must exist.
   */
  unitDir?: string;
  /**
   * The course source folder, which local media and Markdown references are
   * relative to. Needed only when the course refers to local files.
   */
  sourceDir?: string;
  /** Called after each file went into a zip; `total` counts the files of all formats. */
  onProgress?: (done: number, total: number, file: string) => void;
}

export interface PackResult {
  format: PackageFormat;
  /** Path of the zip written. */
  file: string;
  bytes: number;
  /** Every entry of the zip, its descriptor (imsmanifest.xml, cmi5.xml or tincan.xml) first. */
  files: string[];
}

/** A course that cannot be packed as asked; the message says what to do. */
export class PackError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PackError';
  }
}

const DESCRIPTOR_FILES: Record<PackageFormat, string> = {
  scorm12: 'imsmanifest.xml',
  scorm2004: 'imsmanifest.xml',
  cmi5: 'cmi5.xml',
  xapi: 'tincan.xml',
};

const RESERVED_NAMES = new Set([
  ...Object.values(DESCRIPTOR_FILES),
  'index.html',
  ...Object.values(UNIT_BUNDLE_FILES),
  COURSE_JSON_FILE,
]);

const DEFAULT_UNIT_DIR = fileURLToPath(new URL('../../../dist/unit', import.meta.url));

/**
 * Writes one zip per format, `<courseId>-<version>-<format>.zip`, holding
 * the format's descriptor (imsmanifest.xml for SCORM 1.2 and 2004, cmi5.xml
 * for cmi5, tincan.xml for xAPI), index.html, the format's unit bundle
 * (smart-unit-cmi5.js for cmi5, smart-unit.js for the others), course.json
 * (the outline without the bank, so no answer key ever leaves the author's
 * machine, and the LRS settings) and the course's local files.
 *
 * @example
 * const results = await packCourse(course, {
 *   formats: ['scorm12', 'cmi5'], outDir: 'dist/packages', sourceDir: 'examples/berakhlak',
 *   lrs: { endpoint: 'https://lrs.example.go.id', key: 'launch-key', secret: 'launch-secret' },
 * });
 */
export async function packCourse(course: Course, options: PackOptions): Promise<PackResult[]> {
  const unitDir = path.resolve(options.unitDir ?? DEFAULT_UNIT_DIR);
  await checkUnitBundles(unitDir, options.formats);
  checkEndpoint(options.lrs.endpoint);
  const { bank, ...outline } = course;
  const localFiles = await locateLocalFiles(outline, options.sourceDir);

  const shared: ZipEntry[] = [
    { name: COURSE_JSON_FILE, text: JSON.stringify({ outline, lrs: options.lrs }, null, 2) },
    ...localFiles,
  ];
  // Descriptor, index.html and the unit bundle, then the shared entries.
  const total = options.formats.length * (shared.length + 3);
  let done = 0;
  const progress = (file: string) => options.onProgress?.(++done, total, file);

  await mkdir(options.outDir, { recursive: true });
  const results: PackResult[] = [];
  for (const format of options.formats) {
    const file = path.join(options.outDir, `${course.id}-${course.version}-${format}.zip`);
    const bundle = UNIT_BUNDLE_FILES[format];
    const content: ZipEntry[] = [
      { name: 'index.html', text: buildIndexHtml(outline, format) },
      { name: bundle, source: path.join(unitDir, bundle) },
      ...shared,
    ];
    const names = content.map((entry) => entry.name);
    const entries: ZipEntry[] = [descriptor(format, outline, names), ...content];
    const bytes = await writeZip(file, entries, progress);
    results.push({ format, file, bytes, files: entries.map((entry) => entry.name) });
  }
  return results;
}

/** The file an LMS reads to import the package. */
function descriptor(format: PackageFormat, outline: CourseOutline, files: readonly string[]): ZipEntry {
  const name = DESCRIPTOR_FILES[format];
  switch (format) {
    case 'scorm12':
    case 'scorm2004':
      return { name, text: buildManifest(format, outline, files) };
    case 'cmi5':
      return { name, text: buildCmi5Structure(outline) };
    case 'xapi':
      return { name, text: buildTincanXml(outline) };
  }
}

/** Refuses before anything is written when a bundle the formats need was not built. */
async function checkUnitBundles(unitDir: string, formats: readonly PackageFormat[]): Promise<void> {
  const missing: string[] = [];
  for (const bundle of new Set(formats.map((format) => UNIT_BUNDLE_FILES[format]))) {
    if (!(await fileExists(path.join(unitDir, bundle)))) missing.push(bundle);
  }
  if (missing.length > 0) {
    throw new PackError(
      `The unit bundle(s) ${missing.join(', ')} are missing from ${unitDir}. Run \`npm run build\` in the repository first, ` +
        'or point unitDir (--unit-dir) at the folder that holds the built smart-unit.js and smart-unit-cmi5.js.',
    );
  }
}

function checkEndpoint(endpoint: string): void {
  let url: URL | undefined;
  try {
    url = new URL(endpoint);
  } catch {
    url = undefined;
  }
  if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:')) {
    throw new PackError(`The LRS endpoint "${endpoint}" is not an http(s) URL; give the LRS's address, e.g. https://lrs.example.go.id`);
  }
}

async function locateLocalFiles(outline: CourseOutline, sourceDir: string | undefined): Promise<ZipEntry[]> {
  const files = localFilesOf(outline);
  if (files.length === 0) return [];
  if (sourceDir === undefined) {
    throw new PackError(
      `The course refers to local files (${files.join(', ')}); pass sourceDir, the course source folder they are relative to.`,
    );
  }
  const clashing = files.filter((name) => RESERVED_NAMES.has(name));
  if (clashing.length > 0) {
    throw new PackError(
      `The course's own file(s) ${clashing.join(', ')} would overwrite a file the package needs; rename or move them into a subfolder.`,
    );
  }
  const missing: string[] = [];
  const entries: ZipEntry[] = [];
  for (const name of files) {
    const source = path.resolve(sourceDir, name);
    if (await fileExists(source)) entries.push({ name, source });
    else missing.push(name);
  }
  if (missing.length > 0) {
    throw new PackError(`These files of the course are missing from ${path.resolve(sourceDir)}: ${missing.join(', ')}.`);
  }
  return entries;
}
