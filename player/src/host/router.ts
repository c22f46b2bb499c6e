import { randomBytes } from 'node:crypto';
import { readdir } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import express, { type Request, type Response, type NextFunction, type Router } from 'express';
import { readManifest } from './unpack';
import { DEFAULT_MAX_UPLOAD_BYTES, findPackage, packageApi, reportingFor } from './package-api';
import { packageListPage, playPage, problemPage, type ListedPackage, type PageLanguage } from './pages';

export interface HostRouterOptions {
  /** Folder holding one unpacked package per sub-folder (see {@link unpackPackage}). */
  packagesDir: string;
  /** The rollup output folder; the host bundle is `<distDir>/host/host.js`. */
  distDir: string;
  /** Largest zip `POST /packages` accepts, in bytes; 200 MiB by default. */
  maxUploadBytes?: number;
  /**
   * Signs the launch tokens play pages report with. Random per process by
   * default, so a restart asks open play pages to reload; give the same key
   * to every process behind one load balancer.
   */
  launchKey?: Buffer;
}

const NIP = /^[0-9]{18}$/;

/**
 * The host player as an express Router, to mount at `/host`:
 *
 * - `GET /` lists the packages with a NIP field and a play button each
 *   (`?lang=en` for English);
 * - `GET /play/:pkg?learner=NIP&name=…` plays one with scorm-again as the LMS;
 * - `GET /packages/:pkg/…` serves the package's files;
 * - `POST /packages?name=…` uploads a zip and `POST /packages/:pkg/runtime`
 *   records a play page's runtime data, when mounted on the LRS (see
 *   package-api.ts);
 * - `GET /assets/host.js` and `/assets/scorm-again.js` serve the scripts.
 *
 * Package names are only accepted when they are one of the folders listed,
 * so no path from a URL reaches the file system unchecked.
 *
 * @example
 * app.use('/host', createHostRouter({ packagesDir: './data/packages', distDir: './dist' }));
 */
export function createHostRouter(options: HostRouterOptions): Router {
  const router = express.Router();
  const launchKey = options.launchKey ?? randomBytes(32);
  const scormAgainDir = dirname(createRequire(import.meta.url).resolve('scorm-again'));

  router.get('/', async (request, response, next) => {
    try {
      const packages = await listPackages(options.packagesDir);
      response.type('html').send(packageListPage(request.baseUrl, language(request), packages));
    } catch (error) {
      next(error);
    }
  });

  router.get('/play/:pkg', async (request, response, next) => {
    try {
      const lang = language(request);
      const found = (await listPackages(options.packagesDir)).find((listed) => listed.name === request.params.pkg);
      if (!found) {
        response.status(404).type('html').send(problemPage(request.baseUrl, lang, 'unknownPackage'));
        return;
      }
      const learnerId = queryText(request, 'learner');
      if (!NIP.test(learnerId)) {
        response.status(400).type('html').send(problemPage(request.baseUrl, lang, 'badNip'));
        return;
      }
      const owner = (await findPackage(options.packagesDir, found.name))?.owner ?? null;
      const decision = await reportingFor(request, response, launchKey, found.name, owner, learnerId);
      if (decision.kind === 'unknown_learner') {
        response.status(403).type('html').send(problemPage(request.baseUrl, lang, 'unknownLearner'));
        return;
      }
      const reporting = decision.kind === 'on' ? decision.reporting : undefined;
      response.type('html').send(
        playPage(request.baseUrl, lang, {
          name: found.name,
          manifest: found.manifest,
          learnerId,
          // A reporting package names the learner as the registry does, like its statements.
          learnerName: (reporting?.learnerName || queryText(request, 'name')).slice(0, 200),
          ...(reporting ? { reporting } : {}),
        }),
      );
    } catch (error) {
      next(error);
    }
  });

  router.get('/assets/host.js', sendFrom(join(options.distDir, 'host'), 'host.js', 'run `npm run build` to build the host bundle'));
  router.get('/assets/host.js.map', sendFrom(join(options.distDir, 'host'), 'host.js.map', 'run `npm run build`'));
  router.get('/assets/scorm-again.js', sendFrom(scormAgainDir, 'scorm-again.min.js', 'reinstall scorm-again'));

  router.use(
    packageApi({
      packagesDir: options.packagesDir,
      launchKey,
      maxUploadBytes: options.maxUploadBytes ?? DEFAULT_MAX_UPLOAD_BYTES,
    }),
  );

  const packageFiles = express.static(options.packagesDir, { dotfiles: 'deny', index: false, fallthrough: false });
  router.use('/packages', async (request: Request, response: Response, next: NextFunction) => {
    try {
      const pkg = decodeURIComponent(request.path.split('/')[1] ?? '');
      const known = (await packageNames(options.packagesDir)).includes(pkg);
      if (!known) {
        response.status(404).type('text').send(`No package "${pkg}" is installed on this host.`);
        return;
      }
      response.setHeader('X-Content-Type-Options', 'nosniff');
      packageFiles(request, response, next);
    } catch (error) {
      next(error);
    }
  });

  return router;
}

function language(request: Request): PageLanguage {
  return request.query.lang === 'en' ? 'en' : 'id';
}

function queryText(request: Request, name: string): string {
  const value = request.query[name];
  return typeof value === 'string' ? value.trim() : '';
}

/** Folder names that may be packages: not hidden (unpacking and retired versions are). */
async function packageNames(packagesDir: string): Promise<string[]> {
  const entries = await readdir(packagesDir, { withFileTypes: true }).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return [];
    throw error;
  });
  return entries.filter((entry) => entry.isDirectory() && !entry.name.startsWith('.')).map((entry) => entry.name);
}

/** The playable packages, by title; folders without a valid manifest are left out. */
async function listPackages(packagesDir: string): Promise<ListedPackage[]> {
  const names = await packageNames(packagesDir);
  const listed = await Promise.all(
    names.map(async (name) => {
      const manifest = await readManifest(join(packagesDir, name)).catch(() => null);
      return manifest ? { name, manifest } : null;
    }),
  );
  return listed
    .filter((entry): entry is ListedPackage => entry !== null)
    .sort((a, b) => a.manifest.title.localeCompare(b.manifest.title, 'id'));
}

function sendFrom(root: string, file: string, remedy: string) {
  return (_request: Request, response: Response) => {
    response.sendFile(file, { root }, (error) => {
      if (error && !response.headersSent) {
        response.status(503).type('text').send(`${file} is missing from ${root}: ${remedy}.`);
      }
    });
  };
}
