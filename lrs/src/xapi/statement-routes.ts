import { Router, type Request, type RequestHandler } from 'express';
import { principalOf, requireScope, storeOf } from '../auth';
import type { Clock } from '../clock';
import { InvalidRequestError } from '../errors';
import { NEEDED } from '../scopes';
import type { AttachmentRecord, StatementRecord, Store } from '../store/types';
import { activityIdsOf, canonicalFormat, idsFormat } from './formats';
import { multipartResponse, readStatementsBody } from './multipart';
import { encodeMore, parseStatementRequest, type StatementAnswer } from './query';
import { readStatementBody, type StatementBodyLimits } from './statement-body';
import { getStatement, queryStatements, storeStatements } from './statements';
import { versionOf } from './version';

export interface StatementsRouterOptions extends StatementBodyLimits {
  clock: Clock;
}

type Json = Record<string, unknown>;

/**
 * Stamps every answer of the statements resource, errors included, with
 * X-Experience-API-Consistent-Through (Communication 2.1.3). Every write is
 * committed before it is acknowledged, so all statements stored before now
 * are visible to a query.
 */
export function markConsistency(clock: Clock): RequestHandler {
  return (_req, res, next) => {
    res.set('X-Experience-API-Consistent-Through', clock.now().toISOString());
    next();
  };
}

/**
 * `POST`, `PUT` and `GET /statements`, behind authentication: JSON or
 * multipart/mixed with attachments in, JSON or (with `attachments=true`)
 * multipart/mixed out, in the format the request asks for. Writing needs
 * `statements/write`; reading `statements/read`, or `statements/read/mine`
 * for the caller's own statements (statements.ts decides which).
 */
export function statementsRouter({ clock, bodyLimit, attachmentLimit }: StatementsRouterOptions): Router {
  const router = Router();
  const raw = readStatementBody({ bodyLimit, attachmentLimit });

  const write = requireScope(NEEDED.writeStatements);

  router.post('/statements', write, raw, async (req, res) => {
    const version = versionOf(res);
    const { statements, parts } = readStatementsBody(bodyOf(req), req.get('Content-Type'), version);
    const inputs = Array.isArray(statements) ? statements : [statements];
    const stored = clock.now().toISOString();
    res.json(await storeStatements(storeOf(res), principalOf(res), inputs, stored, { version, parts }));
  });

  router.put('/statements', write, raw, async (req, res) => {
    const { statementId } = req.query;
    if (typeof statementId !== 'string') {
      throw new InvalidRequestError('PUT needs the statementId parameter', 'PUT memerlukan parameter statementId');
    }
    const version = versionOf(res);
    const { statements, parts } = readStatementsBody(bodyOf(req), req.get('Content-Type'), version);
    if (Array.isArray(statements) || typeof statements !== 'object' || statements === null) {
      throw new InvalidRequestError('PUT takes one statement object', 'PUT menerima satu objek pernyataan');
    }
    const statement = statements as Json;
    if (statement.id !== undefined && statement.id !== statementId) {
      throw new InvalidRequestError(
        `the statement's id ${String(statement.id)} differs from statementId ${statementId}`,
        `id pernyataan ${String(statement.id)} berbeda dengan statementId ${statementId}`,
      );
    }
    const stored = clock.now().toISOString();
    await storeStatements(storeOf(res), principalOf(res), [{ ...statement, id: statementId }], stored, {
      version,
      parts,
    });
    res.status(204).end();
  });

  router.get('/statements', requireScope(NEEDED.readOwnStatements), async (req, res) => {
    const request = parseStatementRequest(req.query as Record<string, unknown>);
    const principal = principalOf(res);
    const store = storeOf(res);
    let body: string;
    let records: StatementRecord[];
    if (request.kind === 'single') {
      const record = await getStatement(store, principal, request.id, request.voided);
      records = [record];
      body = (await shaper(store, request, req, records))(record);
    } else {
      // One extra row tells whether another page follows.
      const { limit } = request.query;
      const rows = await queryStatements(store, principal, { ...request.query, limit: limit + 1 });
      records = rows.slice(0, limit);
      const last = records.at(-1);
      const more =
        rows.length > records.length && last?.position !== undefined
          ? `${req.baseUrl}/statements?more=${encodeMore(request, { stored: last.stored, position: last.position })}`
          : '';
      const shape = await shaper(store, request, req, records);
      body = `{"statements":[${records.map(shape).join(',')}],"more":${JSON.stringify(more)}}`;
    }
    const lastStored = records.map((record) => record.stored).sort().at(-1);
    if (lastStored !== undefined) res.set('Last-Modified', new Date(lastStored).toUTCString());
    if (!request.attachments) {
      res.type('application/json').send(body);
      return;
    }
    const answer = multipartResponse(body, await attachmentsOf(store, records));
    res.type(answer.contentType).send(answer.body);
  });

  return router;
}

function bodyOf(req: Request): Buffer {
  if (!Buffer.isBuffer(req.body)) {
    throw new InvalidRequestError(
      'send the statements as the request body, as application/json or multipart/mixed',
      'kirim pernyataan sebagai isi permintaan, dalam application/json atau multipart/mixed',
    );
  }
  return req.body;
}

/**
 * Turns stored statements into JSON text in the format the request asked
 * for; the exact format is the stored text itself.
 */
async function shaper(
  store: Store,
  answer: StatementAnswer,
  req: Request,
  records: readonly StatementRecord[],
): Promise<(record: StatementRecord) => string> {
  if (answer.format === 'ids') return (record) => JSON.stringify(idsFormat(record.statement));
  if (answer.format === 'exact') return (record) => record.json ?? JSON.stringify(record.statement);
  const ids = new Set(records.flatMap((record) => activityIdsOf(record.statement)));
  const definitions = new Map<string, Json>();
  for (const id of ids) {
    const definition = await store.getActivityDefinition(id);
    if (definition !== undefined) definitions.set(id, definition);
  }
  const pickLanguage = (tags: string[]) => req.acceptsLanguages(tags) || undefined;
  return (record) => JSON.stringify(canonicalFormat(record.statement, { pickLanguage, definitions }));
}

/** The stored data of every attachment of these statements, each once. */
async function attachmentsOf(store: Store, records: readonly StatementRecord[]): Promise<AttachmentRecord[]> {
  const shas = new Set<string>();
  for (const { statement } of records) {
    const object = statement.object as Json;
    const lists = [statement.attachments, object.objectType === 'SubStatement' ? object.attachments : undefined];
    for (const list of lists) {
      for (const attachment of (list as Json[] | undefined) ?? []) shas.add((attachment.sha2 as string).toLowerCase());
    }
  }
  return store.getAttachments([...shas]);
}
