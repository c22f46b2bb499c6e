import path from 'node:path';
import type { XapiVersion } from './xapi/version';

/** Settings the LRS reads from its environment. */
export interface LrsConfig {
  port: number;
  host: string;
  dataDir: string;
  dbFile: string;
  logLevel: string;
  /** Largest accepted request body, in the notation of express's body parsers (e.g. "2mb"). */
  bodyLimit: string;
  /** Largest accepted multipart/mixed statements request, attachments included (e.g. "20mb"). */
  attachmentLimit: string;
  /** The xAPI version named in answers to requests that name none (SMART_XAPI_DEFAULT_VERSION). */
  xapiDefaultVersion: XapiVersion;
  /** MONGODB_URI: when set, the LRS keeps its records in this MongoDB replica set instead of SQLite. */
  mongodbUri: string | undefined;
}

export const DEFAULT_PORT = 8787;
export const DEFAULT_HOST = '127.0.0.1';
export const DEFAULT_BODY_LIMIT = '5mb';
export const DEFAULT_ATTACHMENT_LIMIT = '20mb';

/**
 * Reads the configuration from environment variables, with defaults that let
 * `npm start` run with no setup.
 *
 * @example
 * const config = readConfig(process.env); // { port: 8787, dbFile: 'data/lrs.sqlite', ... }
 */
export function readConfig(env: NodeJS.ProcessEnv = process.env): LrsConfig {
  const dataDir = env.SMART_DATA_DIR || './data';
  return {
    port: readPort(env.PORT),
    host: env.HOST || DEFAULT_HOST,
    dataDir,
    dbFile: env.SMART_DB_FILE || path.join(dataDir, 'lrs.sqlite'),
    logLevel: env.LOG_LEVEL || 'info',
    bodyLimit: readSize('SMART_BODY_LIMIT', env.SMART_BODY_LIMIT, DEFAULT_BODY_LIMIT),
    attachmentLimit: readSize('SMART_ATTACHMENT_LIMIT', env.SMART_ATTACHMENT_LIMIT, DEFAULT_ATTACHMENT_LIMIT),
    xapiDefaultVersion: readXapiVersion(env.SMART_XAPI_DEFAULT_VERSION),
    mongodbUri: env.MONGODB_URI || undefined,
  };
}

function readXapiVersion(value: string | undefined): XapiVersion {
  if (value === undefined || value === '' || value === '2.0.0') return '2.0.0';
  if (value === '1.0.3') return '1.0.3';
  throw new Error(
    `SMART_XAPI_DEFAULT_VERSION must be 2.0.0 or 1.0.3, got "${value}". Fix the SMART_XAPI_DEFAULT_VERSION variable.`,
  );
}

function readPort(value: string | undefined): number {
  if (value === undefined || value === '') return DEFAULT_PORT;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`PORT must be a whole number from 0 to 65535, got "${value}". Fix the PORT variable.`);
  }
  return port;
}

/** A size in the notation of express's body parsers: a number of bytes, or with a unit as in "512kb". */
function readSize(name: string, value: string | undefined, fallback: string): string {
  if (value === undefined || value === '') return fallback;
  if (!/^\d+(\.\d+)?\s*(b|kb|mb|gb)?$/i.test(value.trim())) {
    throw new Error(`${name} must be a size such as ${fallback} or 512kb, got "${value}". Fix the ${name} variable.`);
  }
  return value.trim();
}
