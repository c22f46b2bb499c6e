import { execFile } from 'node:child_process';
import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { Router } from 'express';
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { createApp, createCredential, openSqliteRoot, startLrs, type RunningLrs, type StoreRoot } from '../src/index';
import { basic, XAPI } from './harness';

const run = promisify(execFile);
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'smart-lrs-app-'));
  cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

async function start(options: Parameters<typeof startLrs>[0] = {}): Promise<RunningLrs> {
  const lrs = await startLrs({ port: 0, host: '127.0.0.1', dbFile: path.join(tempDir(), 'lrs.sqlite'), logger: pino({ level: 'silent' }), ...options });
  cleanups.push(() => lrs.close());
  return lrs;
}

/** Serves a bare app (createApp) on a free port, for options startLrs does not take. */
async function serve(app: ReturnType<typeof createApp>): Promise<string> {
  const server = await new Promise<import('node:http').Server>((resolve) => {
    const listening = app.listen(0, '127.0.0.1', () => resolve(listening));
  });
  cleanups.push(() => new Promise<void>((resolve) => server.close(() => resolve())));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

describe('the LRS server', () => {
  it('answers /health and tags every answer with a request id', async () => {
    const lrs = await start();
    const reply = await fetch(`${lrs.url}/health`, { headers: { 'X-Request-Id': 'trace-42' } });
    expect(reply.status).toBe(200);
    expect(await reply.json()).toEqual({ status: 'ok' });
    expect(reply.headers.get('x-request-id')).toBe('trace-42');
    const fresh = await fetch(`${lrs.url}/health`);
    expect(fresh.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('serves the evaluator console page and its bundle from the dist folder', async () => {
    const dist = tempDir();
    fs.mkdirSync(path.join(dist, 'console'));
    fs.writeFileSync(path.join(dist, 'console', 'console.js'), 'customElements.define("smart-console", class extends HTMLElement {});');
    const lrs = await start({ distDir: dist });
    const page = await fetch(`${lrs.url}/console/`);
    const html = await page.text();
    expect(page.headers.get('content-type')).toMatch(/text\/html/);
    expect(html).toContain('<html lang="id">');
    expect(html).toContain('<title>Konsol Evaluator SMART</title>');
    expect(html).toContain('<smart-console endpoint="">');
    expect(html).toContain('src="/console/console.js"');
    const bundle = await fetch(`${lrs.url}/console/console.js`);
    expect(bundle.headers.get('content-type')).toMatch(/javascript/);
    expect(await bundle.text()).toContain('smart-console');
  });

  it('mounts the host router it is given at /host', async () => {
    const hostRouter = Router();
    hostRouter.get('/', (_req, res) => {
      res.type('text').send('host index');
    });
    const lrs = await start({ hostRouter });
    const reply = await fetch(`${lrs.url}/host/`);
    expect(await reply.text()).toBe('host index');
  });

  it('refuses a body over the size limit with 413, stating the limit and advice that fits the call', async () => {
    const root = openSqliteRoot(path.join(tempDir(), 'lrs.sqlite'));
    cleanups.push(() => root.close());
    const url = await serve(createApp({ root, logger: pino({ level: 'silent' }), bodyLimit: '1kb' }));
    const { key, secret } = await createCredential(root.store('default'), { kind: 'admin', label: 'test' });
    const send = async (method: string, route: string) => {
      const reply = await fetch(`${url}${route}`, {
        method,
        headers: { ...XAPI, Authorization: basic(key, secret), 'Content-Type': 'application/json' },
        body: JSON.stringify({ padding: 'x'.repeat(4096) }),
      });
      return { status: reply.status, ...((await reply.json()) as { error: { code: string; message: string; message_id: string } }) };
    };

    const statements = await send('POST', '/xapi/statements');
    expect(statements.status).toBe(413);
    expect(statements.error.code).toBe('body_too_large');
    expect(statements.error.message).toContain('larger than the 1kb this LRS accepts');
    expect(statements.error.message).toContain('fewer statements');
    expect(statements.error.message_id).toContain('batas 1kb');

    const registry = await send('PUT', '/smart/v1/registry');
    expect(registry.status).toBe(413);
    expect(registry.error.message).toContain('1kb');
    expect(registry.error.message).toContain('registry in several smaller parts');
    expect(registry.error.message).not.toContain('statements');
    const course = await send('PUT', '/smart/v1/courses/etika-2026');
    expect(course.error.message).toContain('SMART_BODY_LIMIT');
    expect(course.error.message).not.toContain('statements');
  });

  it('sends a visitor of the bare address to the host page when one is mounted', async () => {
    const hostRouter = Router();
    const lrs = await start({ hostRouter });
    const reply = await fetch(`${lrs.url}/`, { redirect: 'manual' });
    expect(reply.status).toBe(302);
    expect(reply.headers.get('location')).toBe('/host/');
  });

  it('lists its endpoints at the bare address when no host page is mounted, and answers favicon requests with 204', async () => {
    const lrs = await start();
    const reply = await fetch(`${lrs.url}/`, { redirect: 'manual' });
    expect(reply.status).toBe(200);
    const { name, version } = JSON.parse(fs.readFileSync(path.resolve(import.meta.dirname, '../package.json'), 'utf8')) as {
      name: string;
      version: string;
    };
    expect(await reply.json()).toEqual({
      name,
      version,
      endpoints: { xapi: '/xapi', smart: '/smart/v1', health: '/health' },
    });
    const favicon = await fetch(`${lrs.url}/favicon.ico`);
    expect(favicon.status).toBe(204);
  });

  it('answers an unexpected failure with 500 and an error id that is also logged', async () => {
    const root = openSqliteRoot(':memory:');
    cleanups.push(() => root.close());
    const failing: StoreRoot = new Proxy(root, {
      get: (target, name, receiver) =>
        name === 'findCredential' ? () => Promise.reject(new Error('disk on fire')) : Reflect.get(target, name, receiver),
    });
    const lines: string[] = [];
    const logger = pino({ level: 'error' }, { write: (line: string) => lines.push(line) });
    const url = await serve(createApp({ root: failing, logger }));
    const reply = await fetch(`${url}/smart/v1/courses`, { headers: { Authorization: basic('k', 's') } });
    expect(reply.status).toBe(500);
    const body = (await reply.json()) as { error: { code: string; error_id: string; message: string } };
    expect(body.error.code).toBe('internal_error');
    expect(body.error.message).not.toContain('disk on fire');
    expect(lines.some((line) => line.includes(body.error.error_id) && line.includes('disk on fire'))).toBe(true);
  });

  it('keeps credentials out of the request log', async () => {
    const lines: string[] = [];
    const lrs = await start({ logger: pino({ level: 'info' }, { write: (line: string) => lines.push(line) }) });
    await fetch(`${lrs.url}/smart/v1/courses`, { headers: { Authorization: basic('visible-key', 'secret-value') } });
    expect(lines.some((line) => line.includes('/smart/v1/courses'))).toBe(true);
    expect(lines.join('\n')).not.toMatch(/secret-value|Basic |authorization/i);
  });

  it('answers an unknown path with 404 in the error format', async () => {
    const lrs = await start();
    const reply = await fetch(`${lrs.url}/nowhere`);
    expect(reply.status).toBe(404);
    expect(((await reply.json()) as { error: { code: string } }).error.code).toBe('not_found');
  });
});

describe('the smart-lrs command', () => {
  it('creates an admin credential whose printed key and secret the server accepts', async () => {
    const dbFile = path.join(tempDir(), 'lrs.sqlite');
    const bin = path.resolve(import.meta.dirname, '../bin/smart-lrs.mjs');
    const { stdout } = await run(process.execPath, [bin, 'credentials', 'add', '--kind', 'admin', '--label', 'ops', '--db', dbFile]);
    const key = /key:\s+(\S+)/.exec(stdout)?.[1] ?? '';
    const secret = /secret:\s+(\S+)/.exec(stdout)?.[1] ?? '';
    expect(key).not.toBe('');
    const lrs = await start({ dbFile });
    const reply = await fetch(`${lrs.url}/smart/v1/courses`, { headers: { Authorization: basic(key, secret) } });
    expect(reply.status).toBe(200);
    expect(await reply.json()).toEqual([]);
  });

  it('refuses a launch credential without a course', async () => {
    const dbFile = path.join(tempDir(), 'lrs.sqlite');
    const bin = path.resolve(import.meta.dirname, '../bin/smart-lrs.mjs');
    await expect(run(process.execPath, [bin, 'credentials', 'add', '--kind', 'launch', '--db', dbFile])).rejects.toMatchObject({
      stderr: expect.stringContaining('--course'),
    });
  });
});
