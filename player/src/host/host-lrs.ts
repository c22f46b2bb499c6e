import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Request, Response } from 'express';
import type { Statement } from '@xapi/xapi';

/**
 * What the host router needs of the LRS it is mounted on. The LRS puts one
 * on `res.locals.hostLrs` for every request under `/host`
 * (lrs/src/host-services.ts); mounted elsewhere, the host plays packages
 * but accepts no uploads and reports nothing.
 */
export interface HostLrs {
  /**
   * Checks the request's credential: an admin (`smart/admin`) of some store.
   * Throws the LRS's own credential errors (401, 403) otherwise; pass them
   * to `next` and the LRS answers them.
   */
  authenticateAdmin(request: Request, response: Response): Promise<{ storeId: string }>;
  /** The learner's entry in the store's employee registry, if the NIP is registered there. */
  findLearner(storeId: string, nip: string): Promise<{ name: string } | undefined>;
  /**
   * Stores the statements in the store. An id already stored is left as it
   * is (the first report of an event wins), so a resent report adds nothing.
   */
  recordStatements(storeId: string, statements: readonly Statement[]): Promise<{ stored: number }>;
}

/** The LRS services of this request, when the host is mounted on the LRS. */
export function hostLrsOf(response: Response): HostLrs | undefined {
  return response.locals.hostLrs as HostLrs | undefined;
}

/**
 * What a play page may report about: one package, one registered learner,
 * in the store the package belongs to, until `expires` (ms since epoch).
 */
export interface LaunchClaims {
  pkg: string;
  nip: string;
  name: string;
  owner: string;
  expires: number;
}

/** How long a play page may keep reporting without a reload. */
export const LAUNCH_LIFETIME_MS = 12 * 60 * 60 * 1000;

/** `<claims as base64url JSON>.<HMAC-SHA256 of them>`, handed to the play page. */
export function signLaunch(key: Buffer, claims: LaunchClaims): string {
  const body = Buffer.from(JSON.stringify(claims)).toString('base64url');
  return `${body}.${mac(key, body)}`;
}

/** The claims of a token this host signed and that has not expired, else null. */
export function verifyLaunch(key: Buffer, token: string, now: number): LaunchClaims | null {
  const [body, signature, ...rest] = token.split('.');
  if (!body || !signature || rest.length > 0) return null;
  const expected = Buffer.from(mac(key, body));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
  try {
    const claims = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as LaunchClaims;
    return typeof claims.expires === 'number' && claims.expires > now ? claims : null;
  } catch {
    return null;
  }
}

function mac(key: Buffer, body: string): string {
  return createHmac('sha256', key).update(body).digest('base64url');
}
