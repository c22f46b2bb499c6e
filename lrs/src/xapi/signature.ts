/*
 * Signed statements (xAPI 1.0.3 Data 2.6, xAPI 2.0 4.2.6): a JWS in compact
 * serialization, carried as an attachment, whose payload is the statement
 * as it was before the signature was attached.
 */

import { X509Certificate } from 'node:crypto';
import { compactVerify, decodeProtectedHeader, errors as joseErrors } from 'jose';
import { InvalidStatementError } from '../errors';
import { equivalentStatements, type StatementJson } from './model';

/** The usage type that marks an attachment as the statement's signature. */
export const SIGNATURE_USAGE_TYPE = 'http://adlnet.gov/expapi/attachments/signature';
/** The content type a signature attachment must declare. */
export const SIGNATURE_CONTENT_TYPE = 'application/octet-stream';

const ALGORITHMS = ['RS256', 'RS384', 'RS512'];
/** What an LRS may have filled in or changed on a statement that was signed before it was sent. */
const LRS_FILLED = ['id', 'authority', 'stored', 'timestamp', 'version'] as const;
const COMPACT_JWS = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/;

type Json = Record<string, unknown>;

/**
 * Checks that `jws` is a well-formed signature of `statement` (as its sender
 * wrote it): an RS256, RS384 or RS512 JWS whose payload is logically the
 * statement without its signature attachment, and, when the JWS header
 * carries an X.509 chain (x5c), whose signature that chain's first
 * certificate verifies. Throws {@link InvalidStatementError} at `where`.
 *
 * @example
 * await verifySignature(statement, partContent, 'statement.attachments[0]');
 */
export async function verifySignature(statement: StatementJson, jws: Buffer, where: string): Promise<void> {
  const fail = (detail: string): never => {
    throw new InvalidStatementError(where, `its signature ${detail}`);
  };
  const token = jws.toString('utf8').trim();
  if (!COMPACT_JWS.test(token)) fail('is not a JWS in compact serialization (header.payload.signature)');
  let header: Json;
  try {
    header = decodeProtectedHeader(token) as Json;
  } catch {
    return fail('has a JWS header that is not base64url-encoded JSON');
  }
  const algorithm = header.alg;
  if (typeof algorithm !== 'string' || !ALGORITHMS.includes(algorithm)) {
    fail(`uses the algorithm ${JSON.stringify(algorithm)}; xAPI allows only RS256, RS384 or RS512`);
  }
  const payload = parsePayload(token.split('.')[1] as string) ?? fail('payload is not a JSON statement');
  if (header.x5c !== undefined) await verifyWithChain(token, header.x5c, algorithm as string, fail);
  if (!equivalentStatements(payload, unsigned(statement), ignoredFor(payload))) {
    fail('payload does not match the statement: a signed statement must not change after it is signed');
  }
}

/** Whether an attachment declares itself a signature by its usage type. */
export function isSignature(attachment: Json): boolean {
  return attachment.usageType === SIGNATURE_USAGE_TYPE;
}

function parsePayload(encoded: string): Json | undefined {
  try {
    const value: unknown = JSON.parse(Buffer.from(encoded, 'base64url').toString('utf8'));
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Json) : undefined;
  } catch {
    return undefined;
  }
}

/** The statement as it was signed: without the signature attachment. */
function unsigned(statement: StatementJson): Json {
  const copy: Json = { ...statement };
  const others = ((statement.attachments as Json[] | undefined) ?? []).filter((attachment) => !isSignature(attachment));
  if (others.length > 0) copy.attachments = others;
  else delete copy.attachments;
  return copy;
}

/**
 * The properties the comparison leaves out: those the payload lacks and the
 * LRS may have filled in. A property the signer did sign must still match.
 */
function ignoredFor(payload: Json): string[] {
  return LRS_FILLED.filter((property) => payload[property] === undefined);
}

async function verifyWithChain(
  token: string,
  x5c: unknown,
  algorithm: string,
  fail: (detail: string) => never,
): Promise<void> {
  if (!Array.isArray(x5c) || x5c.length === 0 || !x5c.every((entry) => typeof entry === 'string')) {
    fail('header has an x5c that is not a list of base64 DER certificates');
  }
  let chain: X509Certificate[] = [];
  try {
    chain = (x5c as string[]).map((der) => new X509Certificate(Buffer.from(der, 'base64')));
  } catch {
    fail('header has an x5c certificate that cannot be read');
  }
  // Each certificate must be issued by the next one (RFC 7515, 4.1.6).
  chain.forEach((certificate, index) => {
    const issuer = chain[index + 1];
    if (issuer && !(certificate.checkIssued(issuer) && certificate.verify(issuer.publicKey))) {
      fail(`header's certificate chain is broken: certificate ${index + 1} is not issued by certificate ${index + 2}`);
    }
  });
  try {
    await compactVerify(token, (chain[0] as X509Certificate).publicKey, { algorithms: [algorithm] });
  } catch (error) {
    if (!(error instanceof joseErrors.JOSEError)) throw error;
    fail("does not verify against the public key of the header's x5c certificate");
  }
}
