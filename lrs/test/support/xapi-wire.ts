import { createHash } from 'node:crypto';
import { getMultipartBoundary, parseMultipart } from '@remix-run/multipart-parser';
import type { Harness } from '../harness';

/** An answer with its body as bytes, for bodies that are not JSON. */
export interface RawReply {
  status: number;
  headers: Headers;
  body: Buffer;
  /** The body parsed as JSON, or undefined when it is not JSON. */
  json: unknown;
}

/** Sends a request whose body the test builds byte by byte. */
export async function send(
  h: Harness,
  method: string,
  url: string,
  options: { auth?: string; headers?: Record<string, string>; body?: Buffer | string } = {},
): Promise<RawReply> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.auth) headers.Authorization = options.auth;
  const body = typeof options.body === 'string' || options.body === undefined ? options.body : new Uint8Array(options.body);
  const response = await fetch(`${h.lrs.url}${url}`, { method, headers, body });
  const answer = Buffer.from(await response.arrayBuffer());
  let json: unknown;
  try {
    json = JSON.parse(answer.toString('utf8'));
  } catch {
    json = undefined;
  }
  return { status: response.status, headers: response.headers, body: answer, json };
}

/** One part of a multipart/mixed body: its headers and content. */
export interface Part {
  headers: Record<string, string>;
  content: Buffer | string;
}

export const BOUNDARY = 'test-boundary-2b9f1c';

/** A multipart/mixed body of `parts`, delimited by {@link BOUNDARY}. */
export function multipart(parts: Part[], boundary: string = BOUNDARY): Buffer {
  const chunks: Buffer[] = [];
  for (const part of parts) {
    const head = Object.entries(part.headers).map(([name, value]) => `${name}: ${value}`);
    chunks.push(Buffer.from(`--${boundary}\r\n${head.join('\r\n')}\r\n\r\n`), Buffer.from(part.content), Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return Buffer.concat(chunks);
}

/** The first part: the statements as JSON. */
export function jsonPart(statements: unknown): Part {
  return { headers: { 'Content-Type': 'application/json' }, content: JSON.stringify(statements) };
}

/** An attachment part carrying `content`, named by its SHA-256. */
export function attachmentPart(content: Buffer | string, contentType = 'text/plain'): Part {
  return {
    headers: {
      'Content-Type': contentType,
      'Content-Transfer-Encoding': 'binary',
      'X-Experience-API-Hash': sha256(content),
    },
    content,
  };
}

/** The attachment metadata of `content` as a statement declares it. */
export function attachmentOf(
  content: Buffer | string,
  overrides: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    usageType: 'https://example.org/attachment-usage/evidence',
    display: { 'en-US': 'Evidence' },
    contentType: 'text/plain',
    length: Buffer.byteLength(content),
    sha2: sha256(content),
    ...overrides,
  };
}

export function sha256(content: Buffer | string): string {
  return createHash('sha256').update(content).digest('hex');
}

/** The parts of a multipart/mixed answer, with lower-case header names. */
export function partsOf(reply: RawReply): { headers: Record<string, string | undefined>; content: Buffer }[] {
  const boundary = getMultipartBoundary(reply.headers.get('content-type') ?? '');
  if (!boundary) throw new Error(`not a multipart answer: ${reply.headers.get('content-type')}`);
  return [...parseMultipart(reply.body, { boundary })].map((part) => ({
    headers: { ...part.headers },
    content: Buffer.from(part.bytes),
  }));
}

/** A valid statement about Ani, with `overrides` merged in. */
export function statement(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    actor: { objectType: 'Agent', name: 'Ani', mbox: 'mailto:ani@example.org' },
    verb: { id: 'http://adlnet.gov/expapi/verbs/experienced', display: { 'en-US': 'experienced' } },
    object: { objectType: 'Activity', id: 'https://example.org/activity/1' },
    ...overrides,
  };
}

export const V1 = { 'X-Experience-API-Version': '1.0.3' };
export const V2 = { 'X-Experience-API-Version': '2.0.0' };
