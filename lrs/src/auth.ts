import { createHash, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import type { RequestHandler, Response } from 'express';
import {
  BadCredentialsError,
  MissingCredentialsError,
  WrongCredentialKindError,
} from './errors';
import type { CredentialKind, CredentialRecord, Store } from './store/types';

/** Who is calling, as established by {@link authenticate}. */
export type Principal =
  | { kind: 'admin'; key: string; label: string }
  | { kind: 'launch'; key: string; label: string; courseId: string }
  | { kind: 'session'; key: string; label: string; courseId: string; nip: string };

/**
 * Secrets are 32 random bytes generated here, never chosen by people, so
 * guessing is hopeless and a slow password hash would only cost time on
 * every request: a single SHA-256 is adequate. The comparison is constant
 * time all the same.
 */
export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}

/** A fresh key and secret; the secret is shown once and stored only as its hash. */
export function newKeyPair(): { key: string; secret: string } {
  return { key: randomUUID(), secret: randomBytes(32).toString('base64url') };
}

/**
 * Creates an admin or launch credential and returns its key and secret. The
 * secret cannot be read back later: hand it over now.
 *
 * @example
 * const { key, secret } = await createCredential(store, { kind: 'admin', label: 'operator' });
 * const launch = await createCredential(store, {
 *   kind: 'launch', courseId: 'berakhlak-2026', label: 'package',
 * });
 */
export async function createCredential(
  store: Store,
  options: { kind: 'admin' | 'launch'; courseId?: string; label: string },
  now: Date = new Date(),
): Promise<{ key: string; secret: string }> {
  if (options.kind === 'launch' && !options.courseId) {
    throw new Error('A launch credential is bound to one course: give its course id.');
  }
  const pair = newKeyPair();
  await store.insertCredential({
    key: pair.key,
    secretHash: hashSecret(pair.secret),
    kind: options.kind,
    courseId: options.kind === 'launch' ? (options.courseId ?? null) : null,
    nip: null,
    label: options.label,
    createdAt: now.toISOString(),
  });
  return pair;
}

/** Reads the caller's credential from HTTP Basic auth and records the principal. */
export function authenticate(store: Store): RequestHandler {
  return async (req, res, next) => {
    try {
      const pair = parseBasic(req.headers.authorization);
      if (!pair) throw new MissingCredentialsError();
      const credential = await store.findCredential(pair.key);
      if (!credential || !secretMatches(pair.secret, credential.secretHash)) {
        throw new BadCredentialsError();
      }
      res.locals.principal = toPrincipal(credential);
      next();
    } catch (error) {
      next(error);
    }
  };
}

/** Lets the request through only for the given credential kinds (403 otherwise). */
export function allow(...kinds: CredentialKind[]): RequestHandler {
  return (_req, res, next) => {
    const principal = principalOf(res);
    if (!kinds.includes(principal.kind)) {
      next(new WrongCredentialKindError(principal.kind, kinds));
      return;
    }
    next();
  };
}

/** The principal {@link authenticate} established for this request. */
export function principalOf(res: Response): Principal {
  const principal = res.locals.principal as Principal | undefined;
  if (!principal) throw new MissingCredentialsError();
  return principal;
}

function parseBasic(header: string | undefined): { key: string; secret: string } | undefined {
  const match = header?.match(/^Basic\s+([A-Za-z0-9+/=._~-]+)\s*$/i);
  if (!match) return undefined;
  const decoded = Buffer.from(match[1] as string, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon <= 0) return undefined;
  return { key: decoded.slice(0, colon), secret: decoded.slice(colon + 1) };
}

function secretMatches(secret: string, expectedHash: string): boolean {
  const actual = Buffer.from(hashSecret(secret), 'hex');
  const expected = Buffer.from(expectedHash, 'hex');
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

function toPrincipal(credential: CredentialRecord): Principal {
  const base = { key: credential.key, label: credential.label };
  if (credential.kind === 'admin') return { kind: 'admin', ...base };
  if (credential.kind === 'launch') {
    return { kind: 'launch', ...base, courseId: credential.courseId ?? '' };
  }
  return {
    kind: 'session',
    ...base,
    courseId: credential.courseId ?? '',
    nip: credential.nip ?? '',
  };
}
