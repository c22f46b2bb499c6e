import { createHash, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import type { RequestHandler, Response } from 'express';
import {
  BadCredentialsError,
  MissingCredentialsError,
  MissingScopeError,
  RevokedCredentialsError,
  WrongCredentialKindError,
} from './errors';
import { auSessionOf, type AuSession } from './cmi5/au-credential';
import { grants, PRESETS, type Scope } from './scopes';
import type { CredentialKind, CredentialRecord, Store, StoreRoot } from './store/types';

/** Who is calling, as established by {@link authenticate}. */
export interface Principal {
  key: string;
  label: string;
  /** The store every read and write of this request is confined to. */
  storeId: string;
  kind: CredentialKind;
  scopes: ReadonlySet<Scope>;
  /** The one course a launch credential opens sessions for; null when not bound to a course. */
  courseId: string | null;
  /** The learner a session credential acts for; null for every other credential. */
  learner: { courseId: string; nip: string } | null;
  /** The cmi5 AU session an auth token from a fetch URL acts for; null for every other credential. */
  auSession: AuSession | null;
}

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

/** What a new credential may do: a preset kind or an explicit list of scopes. */
export interface CredentialOptions {
  /** admin: `all` and `smart/admin`; launch: `smart/launch` for one course. */
  kind?: 'admin' | 'launch';
  /** Explicit scopes, instead of a kind. */
  scopes?: readonly Scope[];
  /** The course a credential with `smart/launch` opens sessions for. */
  courseId?: string;
  label: string;
}

/**
 * Creates a credential in `store` (an institution's store: the credential
 * reaches that store's data only) and returns its key and secret. The secret
 * cannot be read back later: hand it over now.
 *
 * @example
 * const { key, secret } = await createCredential(store, { kind: 'admin', label: 'operator' });
 * const launch = await createCredential(store, {
 *   kind: 'launch', courseId: 'berakhlak-2026', label: 'package',
 * });
 * const reader = await createCredential(store, { scopes: ['statements/read'], label: 'dashboard' });
 */
export async function createCredential(
  store: Store,
  options: CredentialOptions,
  now: Date = new Date(),
): Promise<{ key: string; secret: string }> {
  const { kind, scopes } = credentialScopes(options);
  const launches = scopes.includes('smart/launch');
  if (launches && !options.courseId) {
    throw new Error('A launch credential (scope smart/launch) is bound to one course: give its course id.');
  }
  if (!launches && options.courseId) {
    throw new Error(
      `Only a launch credential (scope smart/launch) is bound to a course; this one has ${scopes.join(', ')}. Leave the course out.`,
    );
  }
  const pair = newKeyPair();
  await store.insertCredential({
    key: pair.key,
    secretHash: hashSecret(pair.secret),
    kind,
    scopes,
    courseId: options.courseId ?? null,
    nip: null,
    label: options.label,
    createdAt: now.toISOString(),
  });
  return pair;
}

function credentialScopes(options: CredentialOptions): { kind: CredentialKind; scopes: Scope[] } {
  if (options.kind !== undefined && options.scopes !== undefined) {
    throw new Error('Give either a kind (a preset of scopes) or a list of scopes, not both.');
  }
  if (options.kind !== undefined) return { kind: options.kind, scopes: [...PRESETS[options.kind]] };
  if (options.scopes === undefined || options.scopes.length === 0) {
    throw new Error('Give a kind (admin or launch) or at least one scope.');
  }
  return { kind: 'custom', scopes: [...new Set(options.scopes)] };
}

/**
 * Reads the caller's credential from HTTP Basic auth and records, for the
 * rest of the request, the principal and the view of its store.
 */
export function authenticate(root: StoreRoot): RequestHandler {
  return async (req, res, next) => {
    try {
      const pair = parseBasic(req.headers.authorization);
      if (!pair) throw new MissingCredentialsError();
      // Read on every request, so that a revocation takes effect at once.
      const credential = await root.findCredential(pair.key);
      if (!credential || !secretMatches(pair.secret, credential.secretHash)) {
        throw new BadCredentialsError();
      }
      if (credential.revokedAt !== null) throw new RevokedCredentialsError(credential.revokedAt);
      res.locals.principal = toPrincipal(credential);
      res.locals.store = root.store(credential.storeId);
      next();
    } catch (error) {
      next(error);
    }
  };
}

/** Lets the request through when the credential holds any one of `anyOf` (403 naming them otherwise). */
export function requireScope(anyOf: readonly Scope[]): RequestHandler {
  return (_req, res, next) => {
    next(hasScope(principalOf(res), anyOf) ? undefined : new MissingScopeError(anyOf));
  };
}

/** Whether the principal holds any one of `anyOf`. */
export function hasScope(principal: Principal, anyOf: readonly Scope[]): boolean {
  return grants(principal.scopes, anyOf);
}

/** Lets only a learner's session credential through (403 otherwise). */
export const requireLearner: RequestHandler = (_req, res, next) => {
  const principal = principalOf(res);
  next(principal.learner ? undefined : new WrongCredentialKindError(principal.kind, ['session']));
};

/** The principal {@link authenticate} established for this request. */
export function principalOf(res: Response): Principal {
  const principal = res.locals.principal as Principal | undefined;
  if (!principal) throw new MissingCredentialsError();
  return principal;
}

/** The view of the caller's store that {@link authenticate} chose for this request. */
export function storeOf(res: Response): Store {
  const store = res.locals.store as Store | undefined;
  if (!store) throw new MissingCredentialsError();
  return store;
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

/** The learner a learner-bound credential (a SMART session or a cmi5 AU's token) acts for. */
export function boundNip(principal: Principal): string | undefined {
  return principal.learner?.nip ?? principal.auSession?.nip;
}

function toPrincipal(credential: CredentialRecord): Principal {
  const auSession = auSessionOf(credential);
  const learner =
    auSession === null && credential.kind === 'session' && credential.courseId !== null && credential.nip !== null
      ? { courseId: credential.courseId, nip: credential.nip }
      : null;
  return {
    key: credential.key,
    label: credential.label,
    storeId: credential.storeId,
    kind: credential.kind,
    scopes: new Set(credential.scopes),
    courseId: learner === null && auSession === null ? credential.courseId : null,
    learner,
    auSession,
  };
}
