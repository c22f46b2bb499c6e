/**
 * The main job on the embedded default: an LRS on SQLite with the example
 * course published, packed and playable on the host page. `start.ts` runs it
 * for people; the end-to-end test runs it on a throwaway folder.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { pino, type Logger } from 'pino';
import type { Course } from '@smart-training/core';
import {
  loadCourse,
  loadRegistry,
  packCourse,
  PACKAGE_FORMATS,
  publishCourse,
  publishRegistry,
  type Employee,
  type PackageFormat,
  type PackResult,
} from '@smart-training/authoring';
import {
  createCredential,
  startLrs,
  type Clock,
  type RunningLrs,
  type Store,
} from '@smart-training/lrs';
import { createHostRouter, unpackCmi5Package, unpackPackage, unpackXapiPackage } from '@smart-training/player';

const here = path.dirname(fileURLToPath(import.meta.url));

/** How each format's zip is unpacked into the host's packages folder. */
const UNPACK: Record<PackageFormat, (zip: string, packagesDir: string, options: { name: string }) => Promise<unknown>> = {
  scorm12: unpackPackage,
  scorm2004: unpackPackage,
  cmi5: unpackCmi5Package,
  xapi: unpackXapiPackage,
};
export const REPO_ROOT = path.resolve(here, '..');
export const EXAMPLE_COURSE_DIR = path.join(here, 'berakhlak');
export const EXAMPLE_REGISTRY_FILE = path.join(here, 'registry', 'employees.csv');

export interface DemoOptions {
  /** Folder for the SQLite file, credentials and unpacked packages. */
  dataDir: string;
  /** 0 picks a free port. */
  port: number;
  host?: string;
  /** Rollup output (`npm run build`). */
  distDir?: string;
  logger?: Logger;
  /** The LRS's clock; tests shift it into the example's offering window. */
  clock?: Clock;
}

export interface Credential {
  key: string;
  secret: string;
}

export interface RunningDemo {
  lrs: RunningLrs;
  course: Course;
  employees: Employee[];
  admin: Credential;
  packages: (PackResult & { hostName: string })[];
  urls: { host: string; console: string; xapi: string; smart: string };
  close(): Promise<void>;
}

interface SavedCredentials {
  admin: Credential;
  launch: Record<string, Credential>;
}

/**
 * Starts the LRS, publishes the example course and registry, packs the
 * course in every format and unpacks the zips into the host's packages
 * folder: the host page plays the SCORM ones, the LRS's cmi5 launcher
 * launches the cmi5 one, and the xAPI one is served for a Tin Can launch.
 */
export async function startDemo(options: DemoOptions): Promise<RunningDemo> {
  const distDir = options.distDir ?? path.join(REPO_ROOT, 'dist');
  const packagesDir = path.join(options.dataDir, 'packages');
  await mkdir(packagesDir, { recursive: true });

  // Validate the sources before anything starts: a broken course stops here.
  const course = await loadCourse(EXAMPLE_COURSE_DIR);
  const employees = await loadRegistry(EXAMPLE_REGISTRY_FILE);

  const lrs = await startLrs({
    port: options.port,
    host: options.host ?? '127.0.0.1',
    dataDir: options.dataDir,
    distDir,
    logger: options.logger ?? pino({ level: process.env.LOG_LEVEL ?? 'warn' }),
    hostRouter: createHostRouter({ packagesDir, distDir }),
    packagesDir,
    ...(options.clock ? { clock: options.clock } : {}),
  });
  try {
    const credentials = await ensureCredentials(lrs.store, options.dataDir, course.id);
    const admin = { endpoint: lrs.url, ...credentials.admin };
    await publishCourse(course, admin);
    await publishRegistry(employees, admin);

    const launch = credentials.launch[course.id]!;
    const packed = await packCourse(course, {
      formats: PACKAGE_FORMATS,
      outDir: path.join(options.dataDir, 'zips'),
      lrs: { endpoint: lrs.url, ...launch },
      unitDir: path.join(distDir, 'unit'),
      sourceDir: EXAMPLE_COURSE_DIR,
    });
    const packages = [];
    for (const result of packed) {
      const hostName = `${course.id}-${result.format}`;
      await UNPACK[result.format](result.file, packagesDir, { name: hostName });
      packages.push({ ...result, hostName });
    }

    return {
      lrs,
      course,
      employees,
      admin: credentials.admin,
      packages,
      urls: {
        host: `${lrs.url}/host/`,
        console: `${lrs.url}/console/`,
        xapi: `${lrs.url}/xapi/`,
        smart: `${lrs.url}/smart/v1/`,
      },
      close: () => lrs.close(),
    };
  } catch (error) {
    await lrs.close();
    throw error;
  }
}

/**
 * Reuses the admin and launch credentials of an earlier run on the same data
 * folder, so a bookmarked console login and packed zips keep working; makes
 * new ones (in the default store) when the database does not know them or
 * they were revoked (first run, a new file, `smart-lrs credentials revoke`).
 * Only secrets we generated here are written, and only to the data folder.
 */
async function ensureCredentials(
  store: Store,
  dataDir: string,
  courseId: string,
): Promise<SavedCredentials> {
  const file = path.join(dataDir, 'dev-credentials.json');
  const saved = await readSaved(file);
  const known = async (credential: Credential | undefined) =>
    credential !== undefined && (await store.findCredential(credential.key))?.revokedAt === null;

  const admin = (await known(saved?.admin))
    ? saved!.admin
    : await createCredential(store, { kind: 'admin', label: 'npm start (local admin)' });
  const launch = { ...(saved?.launch ?? {}) };
  if (!(await known(launch[courseId]))) {
    launch[courseId] = await createCredential(store, {
      kind: 'launch',
      courseId,
      label: `npm start (packages of ${courseId})`,
    });
  }
  const result = { admin, launch };
  await writeFile(file, `${JSON.stringify(result, null, 2)}\n`, { mode: 0o600 });
  return result;
}

async function readSaved(file: string): Promise<SavedCredentials | undefined> {
  try {
    return JSON.parse(await readFile(file, 'utf8')) as SavedCredentials;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new Error(`${file} is not readable JSON (${(error as Error).message}); delete it and start again.`);
  }
}
