import { createHash } from 'node:crypto';
import { DocumentExistsError, InvalidRequestError, PreconditionFailedError } from '../errors';
import type { DocumentRecord } from '../store/types';

/*
 * Optimistic concurrency for the document resources (xAPI 1.0.3
 * Communication 3.1; xAPI 2.0 section 4.1.4): ETags are the SHA-1 of the
 * content, and If-Match / If-None-Match are handled as RFC 7232 says.
 */

/** The ETag of a document's content: hex SHA-1, as xAPI 1.0.3 asks. */
export function etagOf(content: Buffer): string {
  return createHash('sha1').update(content).digest('hex');
}

/** The ETag header value: the tag in double quotes. */
export function quotedEtag(etag: string): string {
  return `"${etag}"`;
}

/** The precondition headers of a request, as sent. */
export interface Preconditions {
  ifMatch: string | undefined;
  ifNoneMatch: string | undefined;
}

/** Whether a precondition header's list (or `*`) names the stored ETag. */
function listMatches(header: string, etag: string, weak: boolean): boolean {
  if (header.trim() === '*') return true;
  return header.split(',').some((raw) => {
    let tag = raw.trim();
    if (tag.startsWith('W/')) {
      // A weak tag never matches in the strong comparison If-Match uses.
      if (!weak) return false;
      tag = tag.slice(2);
    }
    // Unquoted tags are accepted too: some clients send the bare SHA-1.
    if (tag.length >= 2 && tag.startsWith('"') && tag.endsWith('"')) tag = tag.slice(1, -1);
    return tag.toLowerCase() === etag;
  });
}

/**
 * Throws {@link PreconditionFailedError} (412) when If-Match names no
 * current document or If-None-Match names the current one.
 */
export function checkPreconditions(preconditions: Preconditions, current: DocumentRecord | undefined): void {
  const { ifMatch, ifNoneMatch } = preconditions;
  if (ifMatch !== undefined && (current === undefined || !listMatches(ifMatch, current.etag, false))) {
    throw new PreconditionFailedError('If-Match');
  }
  if (ifNoneMatch !== undefined && current !== undefined && listMatches(ifNoneMatch, current.etag, true)) {
    throw new PreconditionFailedError('If-None-Match');
  }
}

/**
 * What a PUT without either precondition header may do. Profiles are shared
 * between clients, so their PUT must always say what it expects (the 1.0.3
 * conformance suite wants 400 for a new one, the spec 409 for an existing
 * one). State documents belong to one learner's activity: xAPI 1.0.3 lets a
 * bare PUT overwrite them, xAPI 2.0 answers 409 once one exists.
 */
export type BarePutRule = 'always-refused' | 'refused-when-exists' | 'allowed';

/** Throws when a PUT without If-Match or If-None-Match may not write, per `rule`. */
export function checkBarePut(
  preconditions: Preconditions,
  current: DocumentRecord | undefined,
  rule: BarePutRule,
  where: { resource: string; documentId: string },
): void {
  if (preconditions.ifMatch !== undefined || preconditions.ifNoneMatch !== undefined) return;
  if (rule === 'allowed') return;
  if (current !== undefined) throw new DocumentExistsError(where.resource, where.documentId);
  if (rule === 'always-refused') {
    throw new InvalidRequestError(
      `a PUT to ${where.resource} needs If-None-Match: * to create a document, or If-Match with the ETag of the one it replaces`,
      `PUT ke ${where.resource} memerlukan If-None-Match: * untuk membuat dokumen, atau If-Match berisi ETag dokumen yang diganti`,
      'precondition_required',
    );
  }
}
