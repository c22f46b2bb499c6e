/**
 * Shared fixture of the CAT player's browser tests: the test page bundled
 * with esbuild and served from a throwaway server on 127.0.0.1, plus helpers
 * that look through shadow roots.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import type { Page } from 'playwright-core';

const here = fileURLToPath(new URL('.', import.meta.url));

export interface PageServer {
  url: string;
  close(): Promise<void>;
}

/** Bundles cat-page.ts as the browser will run it (Lit needs the repo's tsconfig: no define semantics). */
export async function bundlePage(): Promise<string> {
  const result = await build({
    entryPoints: [`${here}cat-page.ts`],
    bundle: true,
    write: false,
    format: 'esm',
    target: 'es2020',
    platform: 'browser',
    tsconfig: `${here}../../tsconfig.json`,
    logLevel: 'silent',
  });
  return result.outputFiles[0]!.text;
}

/** Serves the bundled page at `/` and `/page.js` until closed. */
export async function servePage(script: string): Promise<PageServer> {
  const html = `<!doctype html><html lang="id"><head><meta charset="utf-8"><title>CAT player</title>
<style>body{margin:0;padding:1rem;background:#e9edf2}</style></head>
<body><script type="module" src="/page.js"></script></body></html>`;
  const server: Server = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://127.0.0.1').pathname;
    if (path === '/page.js') {
      response.writeHead(200, { 'Content-Type': 'text/javascript; charset=utf-8' }).end(script);
    } else if (path === '/') {
      response.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' }).end(html);
    } else {
      response.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () => new Promise((resolve, reject) => server.close((e) => (e ? reject(e) : resolve()))),
  };
}

/** Describes the element that has focus, looking inside shadow roots. */
export async function focused(page: Page): Promise<{ tag: string; action: string | null; text: string; id: string }> {
  return page.evaluate(() => {
    let active: Element | null = document.activeElement;
    while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
    return {
      tag: active?.tagName.toLowerCase() ?? '',
      action: active?.getAttribute('data-action') ?? null,
      text: active?.textContent?.trim() ?? '',
      id: active?.id ?? '',
    };
  });
}

/**
 * Presses Tab until the focused element carries `data-action="<action>"`,
 * the way a keyboard user moves through the page. Fails if it never comes.
 */
export async function tabTo(page: Page, action: string, limit = 40): Promise<void> {
  for (let presses = 0; presses < limit; presses++) {
    if ((await focused(page)).action === action) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`Tab never reached a control with data-action="${action}" within ${limit} presses`);
}
