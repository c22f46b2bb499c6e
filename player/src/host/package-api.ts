/**
 * The host's API beside its pages: uploading a SCORM zip (an admin of an
 * LRS store) and receiving the runtime data of a package being played, which
 * becomes xAPI statements in the store the package belongs to.
 */
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import express, { type NextFunction, type Request, type Response, type Router } from 'express';
import { cmiToStatements, InvalidReportError, parseRuntimeReport } from './cmi-to-xapi';
import { PackageRejectedError } from './errors';
import { hostLrsOf, LAUNCH_LIFETIME_MS, signLaunch, verifyLaunch, type HostLrs } from './host-lrs';
import type { PackageManifest } from './manifest';
import { isPackageName, readManifest, readOwner, unpackPackage } from './unpack';

export interface PackageApiOptions {
  packagesDir: string;
  /** Largest zip accepted by `POST /packages`, in bytes. */
  maxUploadBytes: number;
  /** Signs the launch tokens of play pages. */
  launchKey: Buffer;
}

/** Default for {@link PackageApiOptions.maxUploadBytes}: 200 MiB. */
export const DEFAULT_MAX_UPLOAD_BYTES = 200 * 1024 * 1024;

const ZIP_TYPES = ['application/zip', 'application/x-zip-compressed', 'application/octet-stream'];

/** A refusal in the LRS's error shape: `{ error: { code, message, message_id } }`. */
class HostApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly messageId: string,
  ) {
    super(message);
  }
}

/**
 * - `POST /packages?name=<name>` (admin credential, body `application/zip`):
 *   checks and unpacks the zip as a package reporting to the admin's store;
 *   `201 { name, title, version, launchUrl }`, `400` for a refused zip,
 *   `409` when another store's package has the name, `413` above the limit.
 * - `POST /packages/:pkg/runtime` (the play page's launch token as
 *   `Authorization: Bearer`): a {@link RuntimeReport}; `200 { statements, stored }`.
 */
export function packageApi(options: PackageApiOptions): Router {
  const router = express.Router();

  router.post('/packages', async (request, response, next) => {
    try {
      const lrs = requireLrs(response);
      const { storeId } = await lrs.authenticateAdmin(request, response);
      const name = typeof request.query.name === 'string' ? request.query.name.trim() : '';
      if (!name) {
        throw new HostApiError(
          400,
          'name_missing',
          'Name the package in the query: POST /host/packages?name=<name>, using letters, digits, ".", "-" and "_".',
          'Sebutkan nama paket pada query: POST /host/packages?name=<nama>, dengan huruf, angka, ".", "-" dan "_".',
        );
      }
      if (!request.is(ZIP_TYPES)) {
        throw new HostApiError(
          415,
          'unsupported_media_type',
          'Send the package as the request body with Content-Type: application/zip.',
          'Kirim paket sebagai isi permintaan dengan Content-Type: application/zip.',
        );
      }
      await refuseOthersPackage(options.packagesDir, name, storeId);
      const uploaded = await receiveZip(request, options.maxUploadBytes);
      try {
        const unpacked = await unpackPackage(uploaded.file, options.packagesDir, { name, owner: storeId });
        const launchPath = `${request.baseUrl}/play/${encodeURIComponent(unpacked.name)}`;
        response
          .status(201)
          .location(launchPath)
          .json({
            name: unpacked.name,
            title: unpacked.manifest.title,
            version: unpacked.manifest.version,
            launchUrl: `${request.protocol}://${request.get('host') ?? 'localhost'}${launchPath}`,
          });
      } finally {
        await uploaded.dispose();
      }
    } catch (error) {
      answerError(error, response, next);
    }
  });

  router.post('/packages/:pkg/runtime', express.json({ limit: '1mb' }), async (request, response, next) => {
    try {
      const lrs = requireLrs(response);
      const token = /^Bearer\s+(\S+)$/i.exec(request.get('authorization') ?? '')?.[1] ?? '';
      const claims = verifyLaunch(options.launchKey, token, Date.now());
      if (!claims) {
        throw new HostApiError(
          401,
          'launch_token_invalid',
          'This report carries no valid launch token of this host (it is missing, forged or expired). Reload the player page to get a fresh one.',
          'Laporan ini tidak membawa token peluncuran yang sah (tidak ada, palsu, atau kedaluwarsa). Muat ulang halaman pemutar.',
        );
      }
      const pkg = String(request.params.pkg);
      const found = await findPackage(options.packagesDir, pkg);
      if (claims.pkg !== pkg || !found || found.owner !== claims.owner) {
        throw new HostApiError(
          403,
          'launch_token_other_package',
          `The launch token was issued for another package than "${pkg}" (or the package was replaced). Reload the player page.`,
          `Token peluncuran diterbitkan untuk paket lain, bukan "${pkg}" (atau paket telah diganti). Muat ulang halaman pemutar.`,
        );
      }
      let report;
      try {
        report = parseRuntimeReport(request.body);
      } catch (error) {
        if (!(error instanceof InvalidReportError)) throw error;
        const messageId = 'Laporan runtime tidak dapat dibaca. Muat ulang halaman pemutar.';
        throw new HostApiError(400, 'invalid_report', error.message, messageId);
      }
      const statements = cmiToStatements(report, {
        packageName: pkg,
        version: found.manifest.version,
        course: { identifier: found.manifest.identifier, title: found.manifest.title },
        sco: found.manifest.sco,
        nip: claims.nip,
        ...(claims.name ? { learnerName: claims.name } : {}),
      });
      const { stored } = await lrs.recordStatements(claims.owner, statements);
      response.json({ statements: statements.length, stored });
    } catch (error) {
      answerError(error, response, next);
    }
  });

  return router;
}

/** A package folder with its manifest and the store it reports to (null: none). */
export interface FoundPackage {
  manifest: PackageManifest;
  owner: string | null;
}

export async function findPackage(packagesDir: string, name: string): Promise<FoundPackage | null> {
  if (!isPackageName(name)) return null;
  const dir = join(packagesDir, name);
  const manifest = await readManifest(dir).catch(() => null);
  return manifest ? { manifest, owner: await readOwner(dir) } : null;
}

/** What a play page needs to report: where to, and the token naming package and learner. */
export interface Reporting {
  url: string;
  token: string;
  learnerName: string;
}

export type ReportingDecision = { kind: 'off' } | { kind: 'on'; reporting: Reporting } | { kind: 'unknown_learner' };

/**
 * Whether a play page reports, and its token: only a package uploaded to a
 * store reports, and only for a learner that store's registry knows.
 */
export async function reportingFor(
  request: Request,
  response: Response,
  launchKey: Buffer,
  pkg: string,
  owner: string | null,
  nip: string,
): Promise<ReportingDecision> {
  const lrs = hostLrsOf(response);
  if (!lrs || owner === null) return { kind: 'off' };
  const learner = await lrs.findLearner(owner, nip);
  if (!learner) return { kind: 'unknown_learner' };
  const token = signLaunch(launchKey, { pkg, nip, name: learner.name, owner, expires: Date.now() + LAUNCH_LIFETIME_MS });
  return {
    kind: 'on',
    reporting: { url: `${request.baseUrl}/packages/${encodeURIComponent(pkg)}/runtime`, token, learnerName: learner.name },
  };
}

function requireLrs(response: Response): HostLrs {
  const lrs = hostLrsOf(response);
  if (!lrs) {
    throw new HostApiError(
      503,
      'host_without_lrs',
      'This host player is not mounted on the SMART LRS, so it can neither take uploads nor record runtime data. Use the /host of the LRS.',
      'Pemutar ini tidak terpasang pada LRS SMART, sehingga tidak dapat menerima unggahan atau mencatat data runtime. Gunakan /host pada LRS.',
    );
  }
  return lrs;
}

/** A re-upload replaces the package only for the store that owns it. */
async function refuseOthersPackage(packagesDir: string, name: string, storeId: string): Promise<void> {
  const exists = await stat(join(packagesDir, name)).catch(() => null);
  if (!exists || !isPackageName(name)) return;
  if ((await readOwner(join(packagesDir, name))) === storeId) return;
  throw new PackageRejectedError(
    'package_taken',
    `A package named "${name}" is already installed and does not belong to your store. Upload yours under another name.`,
  );
}

/** Streams the body to a temporary file, refusing it (413) once it passes `maxBytes`. */
async function receiveZip(request: Request, maxBytes: number): Promise<{ file: string; dispose(): Promise<void> }> {
  const tooLarge = () =>
    new HostApiError(
      413,
      'too_large',
      `The zip is larger than ${maxBytes} bytes, the upload limit of this host. Compress the videos or link them instead of packing them.`,
      `Zip lebih besar dari ${maxBytes} byte, batas unggahan host ini. Kompres video atau tautkan video alih-alih memasukkannya.`,
    );
  const declared = Number(request.get('content-length') ?? '0');
  if (declared > maxBytes) throw tooLarge();
  const dir = await mkdtemp(join(tmpdir(), 'smart-upload-'));
  const dispose = () => rm(dir, { recursive: true, force: true });
  const file = join(dir, 'package.zip');
  let received = 0;
  const limit = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      received += chunk.length;
      callback(received > maxBytes ? tooLarge() : null, chunk);
    },
  });
  try {
    await pipeline(request, limit, createWriteStream(file));
  } catch (error) {
    await dispose();
    throw error;
  }
  return { file, dispose };
}

function answerError(error: unknown, response: Response, next: NextFunction): void {
  if (error instanceof HostApiError) {
    if (error.status === 413) response.setHeader('Connection', 'close');
    response.status(error.status).json({ error: { code: error.code, message: error.message, message_id: error.messageId } });
    return;
  }
  if (error instanceof PackageRejectedError) {
    response
      .status(error.code === 'package_taken' ? 409 : 400)
      .json({ error: { code: error.code, message: error.message, message_id: error.messageId } });
    return;
  }
  next(error);
}
