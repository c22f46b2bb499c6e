/*
 * Statements with attachments travel as multipart/mixed (Communication
 * 1.5.2): the statements as JSON in the first part, then one part per
 * attachment, named by its SHA-256 in an X-Experience-API-Hash header.
 */

import { createHash, randomBytes } from 'node:crypto';
import {
  getMultipartBoundary,
  MultipartParseError,
  parseMultipart,
} from '@remix-run/multipart-parser';
import { InvalidRequestError } from '../errors';
import type { AttachmentRecord } from '../store/types';
import type { XapiVersion } from './version';

/** The raw data of one attachment as a request carried it. */
export interface AttachmentPart {
  /** The hash the part's X-Experience-API-Hash header names, lower case. */
  sha2: string;
  contentType: string;
  content: Buffer;
}

/** A statements request body split into its statements JSON and its attachment parts. */
export interface StatementsBody {
  statements: unknown;
  parts: AttachmentPart[];
}

/**
 * Reads a POST or PUT body of the statements resource: JSON, or
 * multipart/mixed holding JSON and attachments. Throws
 * {@link InvalidRequestError} saying what is wrong with the body.
 */
export function readStatementsBody(
  body: Buffer,
  contentType: string | undefined,
  version: XapiVersion,
): StatementsBody {
  const mediaType = mediaTypeOf(contentType);
  if (mediaType === 'application/json' || /^application\/[\w.-]+\+json$/.test(mediaType)) {
    return { statements: parseJson(body, 'the request body'), parts: [] };
  }
  if (mediaType === 'multipart/mixed') return readMultipart(body, contentType as string, version);
  throw invalid(
    `a statements request must be sent as application/json or multipart/mixed, not ${mediaType || 'without a Content-Type'}`,
    `permintaan pernyataan harus dikirim sebagai application/json atau multipart/mixed, bukan ${mediaType || 'tanpa Content-Type'}`,
  );
}

function readMultipart(body: Buffer, contentType: string, version: XapiVersion): StatementsBody {
  const boundary = getMultipartBoundary(contentType);
  if (!boundary) {
    throw invalid(
      'the multipart/mixed Content-Type has no boundary parameter',
      'Content-Type multipart/mixed tidak memiliki parameter boundary',
    );
  }
  const [first, ...rest] = splitParts(withoutPreamble(body, boundary), boundary);
  if (first === undefined || mediaTypeOf(first.headers['content-type']) !== 'application/json') {
    throw invalid(
      'the first part of a multipart/mixed statements request must be the statements, with Content-Type application/json',
      'bagian pertama permintaan multipart/mixed harus berisi pernyataan dengan Content-Type application/json',
    );
  }
  const statements = parseJson(first.content, 'the first multipart part');
  const parts = rest.map((part, index) => attachmentPart(part, index + 2, version));
  return { statements, parts };
}

interface RawPart {
  headers: Record<string, string | undefined>;
  content: Buffer;
}

function splitParts(body: Buffer, boundary: string): RawPart[] {
  try {
    return [...parseMultipart(body, { boundary, maxFileSize: body.length, maxTotalSize: body.length + 1 })].map(
      (part) => ({ headers: { ...part.headers }, content: Buffer.from(part.bytes) }),
    );
  } catch (error) {
    if (!(error instanceof MultipartParseError)) throw error;
    throw invalid(
      `the multipart/mixed body cannot be read (${error.message}); each part must start with --${boundary} on its own line and the body must end with --${boundary}--`,
      `isi multipart/mixed tidak dapat dibaca; setiap bagian harus diawali --${boundary} dan isi harus diakhiri --${boundary}--`,
    );
  }
}

/**
 * The body from its first delimiter on. RFC 2046 lets a preamble (often a
 * bare CRLF) precede the first delimiter, which the parser does not skip.
 */
function withoutPreamble(body: Buffer, boundary: string): Buffer {
  const delimiter = `--${boundary}`;
  if (body.subarray(0, delimiter.length).toString('latin1') === delimiter) return body;
  const at = body.indexOf(`\r\n${delimiter}`, 0, 'latin1');
  return at < 0 ? body : body.subarray(at + 2);
}

function attachmentPart(part: RawPart, position: number, version: XapiVersion): AttachmentPart {
  const hash = part.headers['x-experience-api-hash']?.trim().toLowerCase();
  if (!hash) {
    throw invalid(
      `multipart part ${position} has no X-Experience-API-Hash header naming the SHA-256 of its attachment`,
      `bagian multipart ke-${position} tidak memiliki header X-Experience-API-Hash berisi SHA-256 lampirannya`,
    );
  }
  // 1.0.3 requires the header (Communication 1.5.2); xAPI 2.0 only forbids other encodings.
  const encoding = part.headers['content-transfer-encoding']?.trim().toLowerCase();
  if (encoding !== 'binary' && (version === '1.0.3' || encoding !== undefined)) {
    throw invalid(
      `multipart part ${position} must carry its attachment unencoded, with Content-Transfer-Encoding: binary`,
      `bagian multipart ke-${position} harus memakai Content-Transfer-Encoding: binary`,
    );
  }
  const actual = createHash('sha256').update(part.content).digest('hex');
  if (actual !== hash) {
    throw invalid(
      `the content of multipart part ${position} has SHA-256 ${actual}, not the ${hash} its X-Experience-API-Hash header names`,
      `isi bagian multipart ke-${position} memiliki SHA-256 ${actual}, bukan ${hash} seperti pada header X-Experience-API-Hash`,
    );
  }
  return {
    sha2: hash,
    contentType: part.headers['content-type']?.trim() || 'application/octet-stream',
    content: part.content,
  };
}

/**
 * A multipart/mixed answer: the JSON text `json` first, then each attachment
 * once, as Communication 2.1.3 asks of a GET with `attachments=true`.
 */
export function multipartResponse(
  json: string,
  attachments: readonly AttachmentRecord[],
): { contentType: string; body: Buffer } {
  // Hex only, so that clients that build a regular expression from it are safe.
  const boundary = `xapi-${randomBytes(16).toString('hex')}`;
  const chunks: Buffer[] = [
    Buffer.from(`--${boundary}\r\nContent-Type: application/json\r\n\r\n${json}\r\n`, 'utf8'),
  ];
  for (const attachment of attachments) {
    const headers = [
      `--${boundary}`,
      `Content-Type: ${attachment.contentType}`,
      'Content-Transfer-Encoding: binary',
      `X-Experience-API-Hash: ${attachment.sha2}`,
    ];
    chunks.push(Buffer.from(`${headers.join('\r\n')}\r\n\r\n`, 'utf8'), attachment.content, Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { contentType: `multipart/mixed; boundary=${boundary}`, body: Buffer.concat(chunks) };
}

/** The media type of a Content-Type value, lower case and without parameters. */
export function mediaTypeOf(contentType: string | undefined): string {
  return (contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
}

function parseJson(content: Buffer, what: string): unknown {
  try {
    return JSON.parse(content.toString('utf8'));
  } catch {
    throw new InvalidRequestError(
      `${what} is not valid JSON; fix the JSON and send again`,
      'isi permintaan bukan JSON yang valid; perbaiki JSON lalu kirim ulang',
      'invalid_json',
    );
  }
}

function invalid(detail: string, detailId: string): InvalidRequestError {
  return new InvalidRequestError(detail, detailId, 'invalid_multipart');
}
