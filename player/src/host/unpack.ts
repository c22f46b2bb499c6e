import { createWriteStream } from 'node:fs';
import { mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, join, resolve, sep } from 'node:path';
import { randomUUID } from 'node:crypto';
import { pipeline } from 'node:stream/promises';
import yauzl, { type Entry, type ZipFile } from 'yauzl';
import { PackageRejectedError } from './errors';
import { parseManifest, type PackageManifest } from './manifest';

export interface UnpackOptions {
  /** Folder name under `packagesDir`; defaults to the zip's file name without `.zip`. */
  name?: string;
  /** Refuse zips with more entries than this. */
  maxFiles?: number;
  /** Refuse zips that unpack to more bytes than this. */
  maxBytes?: number;
  /**
   * The LRS store the package reports its learners' runtime data to (see
   * the host router's runtime route). Without it the package plays without
   * reporting, as packages that report themselves (SMART units) do.
   */
  owner?: string;
}

export interface UnpackedPackage {
  name: string;
  dir: string;
  manifest: PackageManifest;
}

/** What the host keeps about a package beside its files; hidden, so never served. */
interface HostRecord {
  owner: string;
}

const HOST_RECORD = '.smart-host.json';
const DEFAULT_MAX_FILES = 2000;
const DEFAULT_MAX_BYTES = 500 * 1024 * 1024;
/** Package folder names: they end up in URLs and on disk. */
const PACKAGE_NAME = /^[a-z0-9][a-z0-9._-]{0,99}$/i;

/** Whether `name` may name a package folder (and so appear in a URL and on disk). */
export function isPackageName(name: string): boolean {
  return PACKAGE_NAME.test(name);
}
const S_IFMT = 0o170000;
const S_IFLNK = 0o120000;

/**
 * Unpacks a SCORM zip into `<packagesDir>/<name>` after checking every
 * entry: no absolute paths, no `..`, no symbolic links, at most `maxFiles`
 * entries and `maxBytes` bytes, and an `imsmanifest.xml` at the root that
 * names a launchable SCO. The zip is unpacked into a hidden temporary
 * folder first and renamed into place, replacing an older version of the
 * same package; a refused zip leaves nothing behind.
 *
 * @example
 * const { name, manifest } = await unpackPackage('/tmp/upload.zip', './data/packages', { name: 'berakhlak-scorm12' });
 */
export async function unpackPackage(
  zipFile: string,
  packagesDir: string,
  options: UnpackOptions = {},
): Promise<UnpackedPackage> {
  const { name, dir, found: manifest } = await unpackChecked(zipFile, packagesDir, options, async (staging) => {
    const manifest = await readManifest(staging);
    // Whatever a zip brought under this name is replaced: only the host says who owns a package.
    await rm(join(staging, HOST_RECORD), { force: true, recursive: true });
    if (options.owner !== undefined) {
      const record: HostRecord = { owner: options.owner };
      await writeFile(join(staging, HOST_RECORD), JSON.stringify(record));
    }
    return manifest;
  });
  return { name, dir, manifest };
}

/**
 * Unpacks a cmi5 zip (`cmi5.xml` at its root) into `<packagesDir>/<name>`
 * with the same checks as a SCORM zip, for the LRS's cmi5 launcher
 * (lrs/src/cmi5) to launch its AUs from; the launcher parses and checks the
 * course structure itself.
 *
 * @example
 * await unpackCmi5Package('berakhlak-cmi5.zip', './data/packages', { name: 'berakhlak-cmi5' });
 */
export function unpackCmi5Package(
  zipFile: string,
  packagesDir: string,
  options: Omit<UnpackOptions, 'owner'> = {},
): Promise<{ name: string; dir: string }> {
  return unpackWithDescriptor(zipFile, packagesDir, options, 'cmi5.xml', 'cmi5');
}

/**
 * Unpacks an xAPI (Tin Can) zip (`tincan.xml` at its root) the same way,
 * to be served from `/host/packages/<name>/` to an LMS that launches it
 * with an LRS endpoint and credential in the URL.
 */
export function unpackXapiPackage(
  zipFile: string,
  packagesDir: string,
  options: Omit<UnpackOptions, 'owner'> = {},
): Promise<{ name: string; dir: string }> {
  return unpackWithDescriptor(zipFile, packagesDir, options, 'tincan.xml', 'xAPI (Tin Can)');
}

async function unpackWithDescriptor(
  zipFile: string,
  packagesDir: string,
  options: UnpackOptions,
  descriptor: string,
  format: string,
): Promise<{ name: string; dir: string }> {
  const { name, dir } = await unpackChecked(zipFile, packagesDir, options, async (staging) => {
    if (!(await stat(join(staging, descriptor)).catch(() => null))?.isFile()) {
      throw new PackageRejectedError(
        'missing_manifest',
        `The zip has no ${descriptor} at its root, so it is not a ${format} package. Zip the package folder's contents, or export it again as ${format}.`,
      );
    }
  });
  return { name, dir };
}

/**
 * Extracts the zip into a hidden staging folder after every entry's check,
 * lets `inspect` judge (and complete) what came out, and only then puts it
 * in place under its name.
 */
async function unpackChecked<T>(
  zipFile: string,
  packagesDir: string,
  options: UnpackOptions,
  inspect: (staging: string) => Promise<T>,
): Promise<{ name: string; dir: string; found: T }> {
  const name = options.name ?? basename(zipFile).replace(/\.zip$/i, '');
  if (!PACKAGE_NAME.test(name)) {
    throw new PackageRejectedError(
      'invalid_name',
      `"${name}" cannot be a package name: use letters, digits, ".", "-" and "_" only, starting with a letter or digit, at most 100 characters.`,
    );
  }
  await mkdir(packagesDir, { recursive: true });
  const staging = join(packagesDir, `.unpack-${randomUUID()}`);
  try {
    await extract(zipFile, staging, {
      maxFiles: options.maxFiles ?? DEFAULT_MAX_FILES,
      maxBytes: options.maxBytes ?? DEFAULT_MAX_BYTES,
    });
    const found = await inspect(staging);
    const dir = join(packagesDir, name);
    await replaceFolder(staging, dir);
    return { name, dir, found };
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}

/** The store an unpacked package reports to, or null when it reports nowhere (or is not there). */
export async function readOwner(dir: string): Promise<string | null> {
  try {
    const record = JSON.parse(await readFile(join(dir, HOST_RECORD), 'utf8')) as Partial<HostRecord>;
    return typeof record.owner === 'string' ? record.owner : null;
  } catch {
    return null;
  }
}

/** Reads and parses the manifest of an unpacked package folder. */
export async function readManifest(dir: string): Promise<PackageManifest> {
  let xml: string;
  try {
    xml = await readFile(join(dir, 'imsmanifest.xml'), 'utf8');
  } catch {
    throw new PackageRejectedError(
      'missing_manifest',
      'The zip has no imsmanifest.xml at its root, so it is not a SCORM package. Zip the package folder\'s contents, not the folder itself, or export it again as SCORM.',
    );
  }
  const manifest = parseManifest(xml);
  const launchFile = manifest.launch.split(/[?#]/)[0]!;
  const launchStat = await stat(join(dir, launchFile)).catch(() => null);
  if (!launchStat?.isFile()) {
    throw new PackageRejectedError(
      'invalid_manifest',
      `The manifest launches "${launchFile}", but the zip has no such file. Export the package again so that it contains its launch page.`,
    );
  }
  return manifest;
}

/**
 * Puts `staging` where `target` is. Two renames in a row: a request for the
 * package in between them finds it missing for that instant, never half
 * written.
 */
async function replaceFolder(staging: string, target: string): Promise<void> {
  const retired = `${dirname(target)}${sep}.retired-${randomUUID()}`;
  const existing = await stat(target).catch(() => null);
  if (existing) await rename(target, retired);
  await rename(staging, target);
  if (existing) await rm(retired, { recursive: true, force: true });
}

function openZip(zipFile: string): Promise<ZipFile> {
  return new Promise((resolvePromise, reject) => {
    yauzl.open(zipFile, { lazyEntries: true, decodeStrings: true, validateEntrySizes: true }, (error, zip) => {
      if (error || !zip) reject(zipError(error));
      else resolvePromise(zip);
    });
  });
}

function zipError(error: Error | null | undefined): PackageRejectedError {
  const reason = error?.message ?? 'unknown error';
  // yauzl checks names itself and reports escapes in these words.
  if (/absolute path|invalid relative path|invalid characters in fileName/.test(reason)) {
    return unsafe(reason);
  }
  return new PackageRejectedError(
    'unreadable_zip',
    `The file is not a readable zip (${reason}). Upload the .zip the authoring tool exported, unchanged.`,
  );
}

function unsafe(reason: string): PackageRejectedError {
  return new PackageRejectedError(
    'unsafe_entry',
    `The zip was refused because an entry would be written outside the package folder (${reason}). Only plain relative paths are allowed; export the package again.`,
  );
}

async function extract(
  zipFile: string,
  target: string,
  limits: { maxFiles: number; maxBytes: number },
): Promise<void> {
  const zip = await openZip(zipFile);
  try {
    if (zip.entryCount > limits.maxFiles) {
      throw new PackageRejectedError(
        'too_many_files',
        `The zip holds ${zip.entryCount} entries; a package may hold at most ${limits.maxFiles}. Remove unused files from the package.`,
      );
    }
    const root = resolve(target);
    await mkdir(root, { recursive: true });
    let declaredBytes = 0;
    for await (const entry of entries(zip)) {
      const destination = resolve(root, entry.fileName);
      if (destination !== root && !destination.startsWith(root + sep)) unsafeEntry(entry.fileName);
      if (((entry.externalFileAttributes >>> 16) & S_IFMT) === S_IFLNK) {
        throw new PackageRejectedError(
          'unsafe_entry',
          `The zip was refused because "${entry.fileName}" is a symbolic link, which could point outside the package. Replace links by the files themselves.`,
        );
      }
      // The declared sizes are checked against the bytes actually inflated
      // (validateEntrySizes), so a zip cannot lie its way past this limit.
      declaredBytes += entry.uncompressedSize;
      if (declaredBytes > limits.maxBytes) {
        throw new PackageRejectedError(
          'too_large',
          `The zip unpacks to more than ${limits.maxBytes} bytes, the limit for a package. Compress the videos or link them instead of packing them.`,
        );
      }
      if (entry.fileName.endsWith('/')) {
        await mkdir(destination, { recursive: true });
        continue;
      }
      await mkdir(dirname(destination), { recursive: true });
      const stream = await openEntry(zip, entry);
      await pipeline(stream, createWriteStream(destination, { flags: 'wx' }));
    }
  } catch (error) {
    throw error instanceof PackageRejectedError ? error : zipError(error as Error);
  } finally {
    zip.close();
  }
}

function unsafeEntry(fileName: string): never {
  throw unsafe(`"${fileName}" escapes the package folder`);
}

async function* entries(zip: ZipFile): AsyncGenerator<Entry> {
  while (true) {
    const next = await new Promise<Entry | null>((resolvePromise, reject) => {
      const onEntry = (entry: Entry) => {
        cleanup();
        resolvePromise(entry);
      };
      const onEnd = () => {
        cleanup();
        resolvePromise(null);
      };
      const onError = (error: Error) => {
        cleanup();
        reject(error);
      };
      const cleanup = () => {
        zip.off('entry', onEntry);
        zip.off('end', onEnd);
        zip.off('error', onError);
      };
      zip.on('entry', onEntry);
      zip.on('end', onEnd);
      zip.on('error', onError);
      zip.readEntry();
    });
    if (!next) return;
    yield next;
  }
}

function openEntry(zip: ZipFile, entry: Entry): Promise<NodeJS.ReadableStream> {
  return new Promise((resolvePromise, reject) => {
    zip.openReadStream(entry, (error, stream) => {
      if (error || !stream) reject(error ?? new Error(`cannot read "${entry.fileName}"`));
      else resolvePromise(stream);
    });
  });
}
