import express, { type Request, type RequestHandler } from 'express';
import { InvalidRequestError } from '../errors';
import { mediaTypeOf } from './multipart';
import { parseXapiVersion } from './version';

/**
 * Form fields the alternate syntax carries in place of request headers
 * (xAPI 1.0.3 Communication 1.3), by lower-case name.
 */
const HEADER_FIELDS = [
  'authorization',
  'x-experience-api-version',
  'content-type',
  'content-length',
  'if-match',
  'if-none-match',
];
const METHODS = ['GET', 'HEAD', 'PUT', 'POST', 'DELETE'];

/**
 * The alternate request syntax of xAPI 1.0.3 (Communication 1.3), for
 * clients that can only send POST across origins: `POST <resource>?method=PUT`
 * with an application/x-www-form-urlencoded body holding the headers, the
 * resource's parameters and the body as `content`.
 *
 * Mounted before the xAPI routes, it turns such a request back into the one
 * it stands for: method, headers and query string rewritten, and the
 * content left in `req.body` as a Buffer (the body stream is consumed, so
 * body parsers after it pass it through). xAPI 2.0 dropped the syntax, so a
 * request that asks for 2.0 is refused.
 *
 * @example
 * app.use('/xapi', alternateRequestSyntax({ bodyLimit: '5mb' }), xapiRouter(options));
 */
export function alternateRequestSyntax({ bodyLimit }: { bodyLimit: string }): RequestHandler {
  const raw = express.raw({ type: () => true, limit: bodyLimit });
  return (req, res, next) => {
    const method = req.query.method;
    if (method === undefined) {
      next();
      return;
    }
    try {
      checkEnvelope(req, method);
    } catch (error) {
      next(error);
      return;
    }
    raw(req, res, (error?: unknown) => {
      if (error) {
        next(error);
        return;
      }
      try {
        rewrite(req, (method as string).toUpperCase());
        next();
      } catch (failure) {
        next(failure);
      }
    });
  };
}

function checkEnvelope(req: Request, method: unknown): void {
  if (parseXapiVersion(req.get('X-Experience-API-Version')) === '2.0.0') {
    throw refused(
      'xAPI 2.0 has no alternate request syntax: send the request with its own method and headers',
      'xAPI 2.0 tidak mengenal sintaks permintaan alternatif: kirim permintaan dengan metode dan header aslinya',
    );
  }
  if (req.method !== 'POST') {
    throw refused(
      `the alternate request syntax is sent as POST, not ${req.method}`,
      `sintaks permintaan alternatif dikirim dengan POST, bukan ${req.method}`,
    );
  }
  if (typeof method !== 'string' || !METHODS.includes(method.toUpperCase())) {
    throw refused(`"method" must be one of ${METHODS.join(', ')}`, `"method" harus salah satu dari ${METHODS.join(', ')}`);
  }
  const extra = Object.keys(req.query).filter((name) => name !== 'method');
  if (extra.length > 0) {
    throw refused(
      `the alternate request syntax allows only "method" in the query string; send ${extra.join(', ')} as form fields`,
      `sintaks permintaan alternatif hanya membolehkan "method" di query string; kirim ${extra.join(', ')} sebagai isian formulir`,
    );
  }
  if (mediaTypeOf(req.get('Content-Type')) !== 'application/x-www-form-urlencoded') {
    throw refused(
      'the alternate request syntax sends its fields as an application/x-www-form-urlencoded body',
      'sintaks permintaan alternatif mengirim isiannya sebagai isi application/x-www-form-urlencoded',
    );
  }
}

function rewrite(req: Request, method: string): void {
  const body = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
  const fields = new URLSearchParams(body.toString('utf8'));
  const params = new URLSearchParams();
  let content: string | undefined;
  const headers: Record<string, string> = {};
  for (const [name, value] of fields) {
    const lower = name.toLowerCase();
    if (lower === 'content') content = value;
    else if (HEADER_FIELDS.includes(lower)) headers[lower] = value;
    else params.append(name, value);
  }
  if (parseXapiVersion(headers['x-experience-api-version']) === '2.0.0') {
    throw refused(
      'xAPI 2.0 has no alternate request syntax: send the request with its own method and headers',
      'xAPI 2.0 tidak mengenal sintaks permintaan alternatif: kirim permintaan dengan metode dan header aslinya',
    );
  }
  delete headers['content-length'];
  for (const [name, value] of Object.entries(headers)) req.headers[name] = value;
  if (content === undefined) {
    delete req.headers['content-type'];
    req.headers['content-length'] = '0';
    req.body = undefined;
  } else {
    const buffer = Buffer.from(content, 'utf8');
    req.headers['content-type'] = headers['content-type'] ?? 'application/json';
    req.headers['content-length'] = String(buffer.length);
    req.body = buffer;
  }
  req.method = method;
  const path = req.url.split('?')[0] as string;
  const query = params.toString();
  req.url = query === '' ? path : `${path}?${query}`;
}

function refused(detail: string, detailId: string): InvalidRequestError {
  return new InvalidRequestError(detail, detailId, 'invalid_alternate_request');
}
