import path from 'node:path';
import { randomUUID } from 'node:crypto';
import cors from 'cors';
import express, { type Express, type Router } from 'express';
import type { Logger } from 'pino';
import { pinoHttp } from 'pino-http';
import { systemClock, type Clock } from './clock';
import { DEFAULT_ATTACHMENT_LIMIT, DEFAULT_BODY_LIMIT } from './config';
import { cmi5Router } from './cmi5/routes';
import { consoleRouter } from './console/page';
import { RouteNotFoundError } from './errors';
import { hostServices } from './host-services';
import { errorHandler } from './problem';
import { rootRouter } from './root';
import { smartRouter } from './smart/routes';
import type { StoreRoot } from './store/types';
import { alternateRequestSyntax } from './xapi/alternate-syntax';
import { xapiRouter } from './xapi/routes';
import type { XapiVersion } from './xapi/version';

export interface AppOptions {
  /** The database: the credentials, and through them each request's store. */
  root: StoreRoot;
  logger: Logger;
  /** Where the engine reads the time; tests pass a movable clock. */
  clock?: Clock;
  /**
   * Mounted at `/host` (the player's `createHostRouter`), with the LRS's
   * host services on `res.locals.hostLrs` (host-services.ts).
   */
  hostRouter?: Router;
  /** The host's packages folder: cmi5 launches (`/host/cmi5`) may name a package in it. */
  packagesDir?: string;
  /** Folder holding the console bundle `console.js`; defaults to `<distDir>/console`. */
  consoleDir?: string;
  /** The rollup output folder (`dist/`). */
  distDir?: string;
  /** Largest accepted JSON body, e.g. "5mb". */
  bodyLimit?: string;
  /** Largest accepted multipart/mixed statements request, attachments included, e.g. "20mb". */
  attachmentLimit?: string;
  /**
   * The xAPI version named in the X-Experience-API-Version of answers to
   * requests that name none (such requests are refused, bar `/about`).
   * Defaults to 2.0.0, the newest this LRS speaks.
   */
  xapiDefaultVersion?: XapiVersion;
}

/** Origins of packages are the LMS's, not ours: any origin may call, with credentials in headers. */
const corsPolicy = cors({
  origin: '*',
  methods: ['GET', 'HEAD', 'PUT', 'POST', 'DELETE', 'OPTIONS'],
  allowedHeaders: [
    'Authorization',
    'Content-Type',
    // Document resources' optimistic concurrency.
    'If-Match',
    'If-None-Match',
    'X-Experience-API-Version',
    'X-Request-Id',
    // Browser clients send it so that a 401 comes without a Basic challenge (see errors.ts).
    'X-Requested-With',
  ],
  exposedHeaders: [
    'X-Experience-API-Version',
    'X-Experience-API-Consistent-Through',
    'X-Request-Id',
    'Last-Modified',
    'ETag',
  ],
  maxAge: 600,
});

/**
 * The LRS as an express app: `/xapi`, `/smart/v1`, `/health`, `/` (to the
 * host page, or the list of endpoints), and when given `/host` and `/console/`.
 *
 * @example
 * const app = createApp({ root: openSqliteRoot('lrs.sqlite'), logger: pino() });
 * app.listen(8787);
 */
export function createApp(options: AppOptions): Express {
  const { root, logger } = options;
  const clock = options.clock ?? systemClock;
  const bodyLimit = options.bodyLimit ?? DEFAULT_BODY_LIMIT;
  const app = express();
  app.disable('x-powered-by');
  app.set('query parser', 'simple');

  app.use(
    pinoHttp({
      logger,
      genReqId: (req, res) => {
        const given = req.headers['x-request-id'];
        const id = typeof given === 'string' && /^[\w.-]{1,128}$/.test(given) ? given : randomUUID();
        res.setHeader('X-Request-Id', id);
        return id;
      },
      customLogLevel: (_req, res, error) => (error || res.statusCode >= 500 ? 'error' : 'info'),
      // Credentials travel in headers; keep them (and all other headers) out of the log.
      serializers: {
        req: (req: { id: unknown; method: string; url: string; remoteAddress?: string }) => ({
          id: req.id,
          method: req.method,
          url: req.url,
          remoteAddress: req.remoteAddress,
        }),
        res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
      },
    }),
  );

  const consoleDir =
    options.consoleDir ?? (options.distDir ? path.join(options.distDir, 'console') : undefined);
  app.use(rootRouter({ host: options.hostRouter !== undefined, console: consoleDir !== undefined }));
  app.get('/health', (_req, res) => {
    res.json({ status: 'ok' });
  });
  const defaultVersion = options.xapiDefaultVersion ?? '2.0.0';
  app.use(
    '/xapi',
    corsPolicy,
    alternateRequestSyntax({ bodyLimit }),
    xapiRouter({
      root,
      clock,
      bodyLimit,
      attachmentLimit: options.attachmentLimit ?? DEFAULT_ATTACHMENT_LIMIT,
      defaultVersion,
    }),
  );
  app.use('/smart/v1', corsPolicy, smartRouter({ root, clock, bodyLimit }));
  app.use(
    '/host/cmi5',
    corsPolicy,
    cmi5Router({ root, clock, bodyLimit, ...(options.packagesDir ? { packagesDir: options.packagesDir } : {}) }),
  );
  if (options.hostRouter) app.use('/host', hostServices(root, clock), options.hostRouter);
  if (consoleDir) app.use('/console', consoleRouter(consoleDir));

  app.use((req, _res, next) => {
    next(new RouteNotFoundError(req.method, req.path));
  });
  app.use(errorHandler(logger, bodyLimit));
  return app;
}
