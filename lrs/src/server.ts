import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import path from 'node:path';
import type { Router } from 'express';
import { pino, type Logger } from 'pino';
import { createApp } from './app';
import type { Clock } from './clock';
import { readConfig } from './config';
import { openMongoRoot, withoutPassword } from './store/mongo/mongo-root';
import { openSqliteRoot } from './store/sqlite-root';
import { DEFAULT_STORE_ID, type Store, type StoreRoot } from './store/types';
import type { XapiVersion } from './xapi/version';

export interface StartOptions {
  /** 0 picks a free port. Defaults to PORT or 8787. */
  port?: number;
  host?: string;
  /** SQLite file; defaults to SMART_DB_FILE or `<dataDir>/lrs.sqlite`. */
  dbFile?: string;
  /**
   * MongoDB replica set to keep the records in instead of SQLite; defaults
   * to MONGODB_URI unless `dbFile` or `dataDir` is given.
   */
  mongodbUri?: string;
  dataDir?: string;
  logger?: Logger;
  clock?: Clock;
  hostRouter?: Router;
  /** The host's packages folder, for cmi5 launches of hosted packages (`/host/cmi5/launches`). */
  packagesDir?: string;
  /** The rollup output folder; enables `/console/`. */
  distDir?: string;
  /** The xAPI version named to requests that name none; defaults to SMART_XAPI_DEFAULT_VERSION or 2.0.0. */
  xapiDefaultVersion?: XapiVersion;
}

export interface RunningLrs {
  /** Base URL, e.g. http://127.0.0.1:8787 */
  url: string;
  port: number;
  /** The database: every store and the credentials. */
  root: StoreRoot;
  /** The `default` store's view, the one `npm start` and single-institution setups use. */
  store: Store;
  /** Stops accepting connections, lets requests in flight finish, then closes the database. */
  close(): Promise<void>;
}

/**
 * Opens the store and starts the LRS listening. Options override the
 * environment (see config.ts).
 *
 * @example
 * const lrs = await startLrs({ port: 0, dbFile: '/tmp/lrs.sqlite' });
 * console.log(lrs.url);
 * await lrs.close();
 */
export async function startLrs(options: StartOptions = {}): Promise<RunningLrs> {
  const config = readConfig();
  const dataDir = options.dataDir ?? config.dataDir;
  const dbFile =
    options.dbFile ?? (options.dataDir ? path.join(options.dataDir, 'lrs.sqlite') : config.dbFile);
  const logger = options.logger ?? pino({ level: config.logLevel });
  const sqliteAsked = options.dbFile !== undefined || options.dataDir !== undefined;
  const mongodbUri = options.mongodbUri ?? (sqliteAsked ? undefined : config.mongodbUri);
  const root = mongodbUri === undefined ? openSqliteRoot(dbFile) : await openMongoRoot(mongodbUri);
  const app = createApp({
    root,
    logger,
    bodyLimit: config.bodyLimit,
    attachmentLimit: config.attachmentLimit,
    xapiDefaultVersion: options.xapiDefaultVersion ?? config.xapiDefaultVersion,
    ...(options.clock ? { clock: options.clock } : {}),
    ...(options.hostRouter ? { hostRouter: options.hostRouter } : {}),
    ...(options.packagesDir ? { packagesDir: options.packagesDir } : {}),
    ...(options.distDir ? { distDir: options.distDir } : {}),
  });

  let server: Server;
  try {
    server = await new Promise<Server>((resolve, reject) => {
      const port = options.port ?? config.port;
      const listening = app.listen(port, options.host ?? config.host, (error?: Error) =>
        error ? reject(error) : resolve(listening),
      );
    });
  } catch (error) {
    await root.close();
    throw error;
  }
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  const url = `http://${host}:${address.port}`;
  const database = mongodbUri === undefined ? { dbFile } : { mongodb: withoutPassword(mongodbUri) };
  logger.info({ url, ...database, dataDir }, 'SMART LRS listening');

  let closing: Promise<void> | undefined;
  return {
    url,
    port: address.port,
    root,
    store: root.store(DEFAULT_STORE_ID),
    close() {
      closing ??= new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        // Idle keep-alive connections would hold close() open; busy ones finish first.
        server.closeIdleConnections();
      }).finally(() => root.close());
      return closing;
    },
  };
}
