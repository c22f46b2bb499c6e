import express, { Router, type Request, type Response } from 'express';
import { learnerAgent } from '@smart-training/xapi';
import { boundNip, principalOf, requireScope, storeOf, type Principal } from '../auth';
import { authoriseAuDocument } from '../cmi5/au-credential';
import type { Clock } from '../clock';
import {
  DocumentContendedError,
  DocumentNotFoundError,
  DocumentNotYoursError,
  InvalidRequestError,
} from '../errors';
import { NEEDED, type Scope } from '../scopes';
import type { DocumentKey, DocumentKind, DocumentRecord, DocumentScope, Store } from '../store/types';
import {
  checkBarePut,
  checkPreconditions,
  etagOf,
  quotedEtag,
  type BarePutRule,
  type Preconditions,
} from './concurrency';
import {
  activityIdParam,
  agentParam,
  registrationParam,
  singleParams,
  sinceParam,
} from './document-params';
import { agentKey } from './model';
import { versionOf } from './version';

/** One of the three document resources and the parameters that address its documents. */
interface DocumentResource {
  kind: DocumentKind;
  /** The path under `/xapi`, also used in messages. */
  path: string;
  idParam: 'stateId' | 'profileId';
  byActivity: boolean;
  byAgent: boolean;
  byRegistration: boolean;
  /** The scopes that allow reading, and writing, its documents. */
  read: readonly Scope[];
  write: readonly Scope[];
}

const RESOURCES: readonly DocumentResource[] = [
  {
    kind: 'state',
    path: '/activities/state',
    idParam: 'stateId',
    byActivity: true,
    byAgent: true,
    byRegistration: true,
    read: NEEDED.readState,
    write: NEEDED.writeState,
  },
  {
    kind: 'activity_profile',
    path: '/activities/profile',
    idParam: 'profileId',
    byActivity: true,
    byAgent: false,
    byRegistration: false,
    read: NEEDED.readProfile,
    write: NEEDED.writeProfile,
  },
  {
    kind: 'agent_profile',
    path: '/agents/profile',
    idParam: 'profileId',
    byActivity: false,
    byAgent: true,
    byRegistration: false,
    read: NEEDED.readProfile,
    write: NEEDED.writeProfile,
  },
];

/** How often a write re-reads and retries after losing a race to another writer. */
const WRITE_ROUNDS = 5;

export interface DocumentsRouterOptions {
  clock: Clock;
  bodyLimit: string;
}

/**
 * The xAPI document resources: `/activities/state`, `/activities/profile`
 * and `/agents/profile` (xAPI 1.0.3 Communication 2.2–2.7). Documents are
 * kept byte for byte with their Content-Type; POST merges JSON objects.
 * State documents need the `state` scope, profiles `profile` (reads also
 * `all/read`); a learner session reaches only its own learner's documents.
 */
export function documentsRouter({ clock, bodyLimit }: DocumentsRouterOptions): Router {
  const router = Router();
  // Documents are opaque: any content type, kept as the bytes sent.
  const raw = express.raw({ type: () => true, limit: bodyLimit });

  for (const resource of RESOURCES) {
    const read = requireScope(resource.read);
    const write = requireScope(resource.write);

    router.get(resource.path, read, async (req, res) => {
      const store = storeOf(res);
      const target = authorisedTarget(resource, req, res, { listing: true });
      if (target.documentId === undefined) {
        const listing = await store.listDocuments(target.scope, target.since);
        const latest = listing.at(-1)?.updatedAt;
        if (latest !== undefined) res.set('Last-Modified', httpDate(latest));
        res.json(listing.map((entry) => entry.documentId));
        return;
      }
      const document = await store.getDocument(keyOf(target.scope, target.documentId));
      if (document === undefined) throw new DocumentNotFoundError(resourceName(resource), target.documentId);
      // setHeader, not res.set: the Content-Type goes back exactly as it was
      // stored, without a charset Express would add.
      res.setHeader('Content-Type', document.contentType);
      res.set({ ETag: quotedEtag(document.etag), 'Last-Modified': httpDate(document.updatedAt) });
      // Express answers 304 itself when If-None-Match names this ETag.
      res.send(document.content);
    });

    router.put(resource.path, write, raw, async (req, res) => {
      const key = requireDocumentKey(resource, authorisedTarget(resource, req, res, { listing: false }));
      const incoming = incomingDocument(req);
      const preconditions = preconditionsOf(req);
      const rule = barePutRule(resource, res);
      const saved = await writeDocument(storeOf(res), clock, key, (current) => {
        checkPreconditions(preconditions, current);
        const where = { resource: resourceName(resource), documentId: key.documentId };
        checkBarePut(preconditions, current, rule, where);
        return incoming;
      });
      res.set('ETag', quotedEtag(saved.etag)).status(204).end();
    });

    router.post(resource.path, write, raw, async (req, res) => {
      const key = requireDocumentKey(resource, authorisedTarget(resource, req, res, { listing: false }));
      const incoming = incomingDocument(req);
      const preconditions = preconditionsOf(req);
      const saved = await writeDocument(storeOf(res), clock, key, (current) => {
        checkPreconditions(preconditions, current);
        // A POST to a document not yet stored is a PUT (Communication 2.2).
        return current === undefined ? incoming : merged(current, incoming);
      });
      res.set('ETag', quotedEtag(saved.etag)).status(204).end();
    });

    router.delete(resource.path, write, async (req, res) => {
      const store = storeOf(res);
      const target = authorisedTarget(resource, req, res, { listing: false });
      if (target.documentId === undefined) {
        // Only state documents may be deleted in bulk; profiles need their id.
        if (resource.kind !== 'state') requireDocumentKey(resource, target);
        await store.deleteDocuments(target.scope);
        res.status(204).end();
        return;
      }
      await deleteDocument(store, keyOf(target.scope, target.documentId), preconditionsOf(req));
      res.status(204).end();
    });
  }
  return router;
}

/** What a request addresses: one document when it names an id, else every document in scope. */
interface Target {
  scope: DocumentScope;
  documentId: string | undefined;
  since: string | undefined;
}

function authorisedTarget(
  resource: DocumentResource,
  req: Request,
  res: Response,
  { listing }: { listing: boolean },
): Target {
  const principal = principalOf(res);
  const allowed = [
    ...(resource.byActivity ? ['activityId'] : []),
    ...(resource.byAgent ? ['agent'] : []),
    ...(resource.byRegistration ? ['registration'] : []),
    resource.idParam,
    ...(listing ? ['since'] : []),
  ];
  const params = singleParams(req.query as Record<string, unknown>, allowed);
  const scope: DocumentScope = {
    kind: resource.kind,
    activityId: resource.byActivity ? activityIdParam(params) : '',
    agentKey: resource.byAgent ? agentParam(params).key : '',
  };
  const registration = resource.byRegistration ? registrationParam(params) : undefined;
  if (registration !== undefined) scope.registration = registration;
  authoriseAgent(principal, scope);
  const documentId = params[resource.idParam];
  if (principal.auSession !== null) {
    const writing = req.method !== 'GET' && req.method !== 'HEAD';
    authoriseAuDocument(principal.auSession, { kind: resource.kind, registration, documentId }, writing);
  }
  if (documentId === '') {
    throw new InvalidRequestError(
      `"${resource.idParam}" must not be empty`,
      `"${resource.idParam}" tidak boleh kosong`,
      'invalid_parameter',
    );
  }
  return { scope, documentId, since: listing ? sinceParam(params) : undefined };
}

/** A learner session reaches only the documents of its own learner. */
function authoriseAgent(principal: Principal, scope: DocumentScope): void {
  const nip = boundNip(principal);
  if (nip === undefined) return;
  if (scope.agentKey !== agentKey(learnerAgent(nip))) throw new DocumentNotYoursError();
}

function requireDocumentKey(resource: DocumentResource, target: Target): DocumentKey {
  if (target.documentId === undefined) {
    throw new InvalidRequestError(
      `the "${resource.idParam}" parameter is required`,
      `parameter "${resource.idParam}" wajib diisi`,
      'invalid_parameter',
    );
  }
  return keyOf(target.scope, target.documentId);
}

/** A single document lives under one registration; none given means none. */
function keyOf(scope: DocumentScope, documentId: string): DocumentKey {
  return {
    kind: scope.kind,
    activityId: scope.activityId,
    agentKey: scope.agentKey,
    registration: scope.registration ?? '',
    documentId,
  };
}

function barePutRule(resource: DocumentResource, res: Response): BarePutRule {
  if (resource.kind !== 'state') return 'always-refused';
  return versionOf(res) === '2.0.0' ? 'refused-when-exists' : 'allowed';
}

function preconditionsOf(req: Request): Preconditions {
  return { ifMatch: req.get('If-Match'), ifNoneMatch: req.get('If-None-Match') };
}

/** A document as sent: its bytes, its Content-Type, and its value when it is JSON. */
interface IncomingDocument {
  content: Buffer;
  contentType: string;
  json?: unknown;
}

function incomingDocument(req: Request): IncomingDocument {
  const content = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
  const contentType = req.get('Content-Type') ?? 'application/octet-stream';
  if (!isJson(contentType)) return { content, contentType };
  try {
    return { content, contentType, json: JSON.parse(content.toString('utf8')) as unknown };
  } catch {
    throw new InvalidRequestError(
      'the document is sent as application/json but is not valid JSON; fix the JSON or send another Content-Type',
      'dokumen dikirim sebagai application/json tetapi bukan JSON yang valid; perbaiki JSON-nya atau gunakan Content-Type lain',
      'invalid_json',
    );
  }
}

function isJson(contentType: string): boolean {
  return contentType.split(';')[0]?.trim().toLowerCase() === 'application/json';
}

function isJsonObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * A POST to a stored document merges JSON objects one level deep: each
 * top-level property sent replaces the stored one (Communication 2.2).
 */
function merged(current: DocumentRecord, incoming: IncomingDocument): IncomingDocument {
  const stored = isJson(current.contentType) ? parseStored(current.content) : undefined;
  if (!isJsonObject(stored) || !isJsonObject(incoming.json)) {
    throw new InvalidRequestError(
      'POST merges JSON objects, so both the stored document and the one sent must be application/json objects; PUT the document with If-Match to replace it instead',
      'POST menggabungkan objek JSON, sehingga dokumen tersimpan dan yang dikirim harus berupa objek application/json; gunakan PUT dengan If-Match untuk menggantinya',
      'document_not_mergeable',
    );
  }
  const content = Buffer.from(JSON.stringify({ ...stored, ...incoming.json }), 'utf8');
  return { content, contentType: 'application/json' };
}

function parseStored(content: Buffer): unknown {
  try {
    return JSON.parse(content.toString('utf8')) as unknown;
  } catch {
    return undefined;
  }
}

/**
 * Reads the stored document, lets `decide` check the request against it and
 * say what to store, and stores that only if nobody changed the document
 * meanwhile; a lost race is decided again against the new document.
 */
async function writeDocument(
  store: Store,
  clock: Clock,
  key: DocumentKey,
  decide: (current: DocumentRecord | undefined) => IncomingDocument,
): Promise<DocumentRecord> {
  for (let round = 0; round < WRITE_ROUNDS; round += 1) {
    const current = await store.getDocument(key);
    const { content, contentType } = decide(current);
    const document: DocumentRecord = {
      ...key,
      content,
      contentType,
      etag: etagOf(content),
      updatedAt: clock.now().toISOString(),
    };
    if (await store.saveDocument(document, current?.etag ?? null)) return document;
  }
  throw new DocumentContendedError(key.documentId);
}

async function deleteDocument(store: Store, key: DocumentKey, preconditions: Preconditions): Promise<void> {
  for (let round = 0; round < WRITE_ROUNDS; round += 1) {
    const current = await store.getDocument(key);
    checkPreconditions(preconditions, current);
    if (current === undefined) return;
    if (await store.deleteDocument(key, current.etag)) return;
  }
  throw new DocumentContendedError(key.documentId);
}

function resourceName(resource: DocumentResource): string {
  return resource.path.slice(1);
}

function httpDate(iso: string): string {
  return new Date(iso).toUTCString();
}
