import express, { Router, type RequestHandler } from 'express';
import { allow, authenticate, principalOf } from '../auth';
import type { Clock } from '../clock';
import { InvalidRequestError, UnsupportedXapiVersionError } from '../errors';
import type { StatementRecord, Store } from '../store/types';
import { idsFormat, XAPI_VERSION } from './model';
import { encodeMore, parseStatementRequest, type StatementFormat } from './query';
import { getStatement, queryStatements, storeStatements } from './statements';

export interface XapiRouterOptions {
  store: Store;
  clock: Clock;
  bodyLimit: string;
}

/**
 * The xAPI 1.0.3 resources: `/about` (public) and `/statements` (admin and
 * session credentials; a session sees and writes only its own learner).
 */
export function xapiRouter({ store, clock, bodyLimit }: XapiRouterOptions): Router {
  const router = Router();
  const json = express.json({ limit: bodyLimit, type: ['application/json', 'application/*+json'] });

  router.use((_req, res, next) => {
    res.set('X-Experience-API-Version', XAPI_VERSION);
    next();
  });

  router.get('/about', (_req, res) => {
    res.json({ version: [XAPI_VERSION, '1.0.2', '1.0.1', '1.0.0'], extensions: {} });
  });

  router.use(requireXapiVersion, authenticate(store), allow('admin', 'session'));

  router.post('/statements', json, async (req, res) => {
    const body = requireJsonBody(req.body);
    const inputs = Array.isArray(body) ? body : [body];
    const ids = await storeStatements(store, principalOf(res), inputs, clock.now().toISOString());
    res.json(ids);
  });

  router.put('/statements', json, async (req, res) => {
    const { statementId } = req.query;
    if (typeof statementId !== 'string') {
      throw new InvalidRequestError('PUT needs the statementId parameter', 'PUT memerlukan parameter statementId');
    }
    const body = requireJsonBody(req.body);
    if (Array.isArray(body) || typeof body !== 'object' || body === null) {
      throw new InvalidRequestError('PUT takes one statement object', 'PUT menerima satu objek pernyataan');
    }
    const statement = body as Record<string, unknown>;
    if (statement.id !== undefined && statement.id !== statementId) {
      throw new InvalidRequestError(
        `the statement's id ${String(statement.id)} differs from statementId ${statementId}`,
        `id pernyataan ${String(statement.id)} berbeda dengan statementId ${statementId}`,
      );
    }
    const stored = clock.now().toISOString();
    await storeStatements(store, principalOf(res), [{ ...statement, id: statementId }], stored);
    res.status(204).end();
  });

  router.get('/statements', async (req, res) => {
    const request = parseStatementRequest(req.query as Record<string, unknown>);
    const principal = principalOf(res);
    res.set('X-Experience-API-Consistent-Through', clock.now().toISOString());
    if (request.kind === 'single') {
      const record = await getStatement(store, principal, request.id, request.voided);
      res.set('Last-Modified', new Date(record.stored).toUTCString());
      res.json(formatted(record, request.format));
      return;
    }
    // One extra row tells whether another page follows.
    const { limit } = request.query;
    const rows = await queryStatements(store, principal, { ...request.query, limit: limit + 1 });
    const page = rows.slice(0, limit);
    const last = page.at(-1);
    const more =
      rows.length > page.length && last?.position !== undefined
        ? `${req.baseUrl}/statements?more=${encodeMore(request, { stored: last.stored, position: last.position })}`
        : '';
    res.json({ statements: page.map((record) => formatted(record, request.format)), more });
  });

  return router;
}

const requireXapiVersion: RequestHandler = (req, _res, next) => {
  const version = req.get('X-Experience-API-Version');
  if (version === undefined || !/^1\.0(\.\d+)?$/.test(version.trim())) {
    next(new UnsupportedXapiVersionError(version));
    return;
  }
  next();
};

function requireJsonBody(body: unknown): unknown {
  if (body === undefined) {
    throw new InvalidRequestError(
      'send the statements as a JSON body with Content-Type: application/json',
      'kirim pernyataan sebagai isi JSON dengan Content-Type: application/json',
    );
  }
  return body;
}

function formatted(record: StatementRecord, format: StatementFormat): Record<string, unknown> {
  return format === 'ids' ? idsFormat(record.statement) : record.statement;
}
