import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

/** Pages and scripts a browser test serves, by path. */
export type Routes = Record<string, { type: string; body: string }>;

export interface FixtureServer {
  origin: string;
  close(): Promise<void>;
}

/** Serves `routes` on 127.0.0.1 on a free port; anything else is a 404. */
export async function serve(routes: Routes): Promise<FixtureServer> {
  const server: Server = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://localhost').pathname;
    const route = routes[path];
    if (!route) {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, { 'Content-Type': route.type }).end(route.body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/**
 * The runtime bundled for the browser, exposing its exports as
 * `window.smartRuntime`. Like smart-unit-cmi5.js it registers the cmi5
 * host; `{ cmi5: false }` leaves that out, as the lean smart-unit.js does.
 */
export async function runtimeBundle({ cmi5 = true }: { cmi5?: boolean } = {}): Promise<string> {
  const register = cmi5 ? 'runtime.registerHostLauncher(runtime.cmi5Launcher);' : '';
  const result = await build({
    stdin: {
      contents: `import * as runtime from './index'; ${register} (window as unknown as Record<string, unknown>).smartRuntime = runtime;`,
      resolveDir: fileURLToPath(new URL('../src', import.meta.url)),
      loader: 'ts',
    },
    bundle: true,
    write: false,
    format: 'iife',
    platform: 'browser',
    target: 'es2020',
  });
  return result.outputFiles[0]!.text;
}

/** scorm-again's browser build, which defines `Scorm12API` and `Scorm2004API` globals. */
export async function scormAgainBundle(): Promise<string> {
  const require = createRequire(import.meta.url);
  const main = require.resolve('scorm-again');
  return readFile(main.replace(/[^/\\]+$/, 'scorm-again.js'), 'utf8');
}

export const html = (body: string) => ({ type: 'text/html; charset=utf-8', body: `<!doctype html><meta charset="utf-8">${body}` });
export const script = (body: string) => ({ type: 'text/javascript; charset=utf-8', body });
