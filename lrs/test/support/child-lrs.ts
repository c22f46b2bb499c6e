import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const CLI = fileURLToPath(new URL('../../bin/smart-lrs.mjs', import.meta.url));
const START_TIMEOUT_MS = 30_000;
const POLL_MS = 50;

/** An LRS running as its own process through the `smart-lrs serve` CLI. */
export interface ChildLrs {
  /** Base URL, e.g. http://127.0.0.1:41234 */
  url: string;
  process: ChildProcess;
  /** The file the child writes its pino log to. */
  logFile: string;
  /** Resolves once the process has exited. */
  exited: Promise<void>;
  /** Sends SIGTERM (graceful shutdown) and waits for the exit. */
  stop(): Promise<void>;
}

/**
 * Starts `smart-lrs serve` on a free loopback port over `dbFile`, logging at
 * info level to `logFile`, and resolves once it has announced its URL. The
 * log goes to a file rather than a pipe so that a parent busy generating load
 * never slows the child down by reading slowly.
 *
 * @example
 * const lrs = await spawnLrs({ dbFile: '/tmp/x/lrs.sqlite', logFile: '/tmp/x/lrs.log' });
 * await fetch(`${lrs.url}/health`);
 * await lrs.stop();
 */
export async function spawnLrs(options: { dbFile: string; logFile: string }): Promise<ChildLrs> {
  fs.mkdirSync(path.dirname(options.logFile), { recursive: true });
  const log = fs.openSync(options.logFile, 'w');
  const child = spawn(
    process.execPath,
    [CLI, 'serve', '--host', '127.0.0.1', '--port', '0', '--db', options.dbFile],
    { env: { ...process.env, LOG_LEVEL: 'info' }, stdio: ['ignore', log, log] },
  );
  fs.closeSync(log);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));

  const url = await announcedUrl(child, options.logFile);
  return {
    url,
    process: child,
    logFile: options.logFile,
    exited,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}

/** Waits for the "listening" line the LRS logs at startup and answers its URL. */
async function announcedUrl(child: ChildProcess, logFile: string): Promise<string> {
  const deadline = Date.now() + START_TIMEOUT_MS;
  while (Date.now() < deadline) {
    const url = findUrl(fs.readFileSync(logFile, 'utf8'));
    if (url) return url;
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`The LRS exited during startup (${child.exitCode ?? child.signalCode}):\n${tail(logFile)}`);
    }
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
  child.kill('SIGKILL');
  throw new Error(`The LRS did not announce its URL within ${START_TIMEOUT_MS} ms:\n${tail(logFile)}`);
}

function findUrl(log: string): string | undefined {
  for (const line of log.split('\n')) {
    if (!line.startsWith('{')) continue;
    try {
      const entry = JSON.parse(line) as { url?: unknown };
      if (typeof entry.url === 'string' && entry.url.startsWith('http://')) return entry.url;
    } catch {
      // A line still being written; the next poll reads it whole.
    }
  }
  return undefined;
}

function tail(logFile: string): string {
  return fs.readFileSync(logFile, 'utf8').slice(-4000);
}
