import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { auActivityId } from '@smart-training/xapi';
import type { Judgement, LaunchView } from '../src/index';
import { launchChromium } from '../../test/support/chromium';
import { startHarness, XAPI, type Harness } from './harness';
import { COURSE_ID, NIP_ANI, REGISTRY } from './fixtures';
import { cmi5Xml, smartAus } from './support/cmi5-course';

/*
 * The LMS side played by a real AU: @xapi/cmi5 (the library the unit's
 * runtime uses) in headless Chromium, served from another origin than the
 * LRS, as an LMS would serve a package.
 */

const AU_PAGE = `<!doctype html>
<meta charset="utf-8">
<script src="cmi5.umd.js"></script>
<script>
  (async () => {
    try {
      const cmi5 = new Cmi5();
      await cmi5.initialize();
      await cmi5.pass({ scaled: 0.8, raw: 80, min: 0, max: 100 });
      await cmi5.complete();
      await cmi5.terminate();
      window.auResult = { ok: true, launchData: cmi5.getLaunchData() };
    } catch (error) {
      window.auResult = { ok: false, error: String(error && error.message || error) };
    }
  })();
</script>`;

let h: Harness;
let browser: Browser;
let auServer: http.Server;
let auBase: string;

beforeAll(async () => {
  h = await startHarness();
  const registry = await h.call('PUT', '/smart/v1/registry', { auth: h.admin, body: REGISTRY });
  expect(registry.status).toBe(200);
  const library = fs.readFileSync(createRequire(import.meta.url).resolve('@xapi/cmi5/dist/Cmi5.umd.js'));
  auServer = http.createServer((req, res) => {
    const { pathname } = new URL(req.url ?? '/', 'http://au.local');
    if (pathname === '/etika/index.html') res.writeHead(200, { 'Content-Type': 'text/html' }).end(AU_PAGE);
    else if (pathname === '/etika/cmi5.umd.js') res.writeHead(200, { 'Content-Type': 'text/javascript' }).end(library);
    else res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => auServer.listen(0, '127.0.0.1', resolve));
  // Another host name than the LRS's 127.0.0.1: the AU's calls are cross-origin, as under a real LMS.
  auBase = `http://localhost:${(auServer.address() as AddressInfo).port}/etika/`;
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => auServer?.close(resolve));
  await h?.close();
});

describe('a cmi5 AU built on @xapi/cmi5, launched by the LRS', () => {
  it('fetches its token, reads LMS.LaunchData, passes, and is judged satisfied', async () => {
    const xml = cmi5Xml(COURSE_ID, smartAus(auBase));
    const launched = await h.call<LaunchView>('POST', '/host/cmi5/launches', {
      auth: h.admin,
      body: { courseStructure: xml, nip: NIP_ANI, auId: auActivityId(COURSE_ID, 'material:etika') },
    });
    expect(launched.status).toBe(201);
    const view = launched.body;

    const page = await browser.newPage();
    try {
      await page.goto(view.launchUrl);
      await page.waitForFunction(() => 'auResult' in window);
      const result = (await page.evaluate(() => (window as unknown as { auResult: unknown }).auResult)) as {
        ok: boolean;
        error?: string;
        launchData?: { moveOn: string; masteryScore: number };
      };
      expect(result.error).toBeUndefined();
      expect(result.launchData).toMatchObject({ moveOn: 'Passed', masteryScore: 0.7 });
    } finally {
      await page.close();
    }

    const query = new URLSearchParams({ registration: view.registration, limit: '50', ascending: 'true' });
    const stored = await h.call<{ statements: { verb: { id: string } }[] }>('GET', `/xapi/statements?${query}`, {
      auth: h.admin,
      headers: XAPI,
    });
    expect(stored.body.statements.map((statement) => statement.verb.id.split('/').at(-1))).toEqual([
      'launched',
      'initialized',
      'passed',
      'completed',
      'terminated',
    ]);
    const judged = await h.call<Judgement>('POST', `/host/cmi5/registrations/${view.registration}/evaluate`, {
      auth: h.admin,
      body: { sessionId: view.sessionId },
    });
    expect(judged.body.aus.find((au) => au.auId === auActivityId(COURSE_ID, 'material:etika'))).toMatchObject({
      passed: true,
      completed: true,
      satisfied: true,
    });
  });
});
