/**
 * The packed example course as an xAPI (Tin Can) package, launched the way
 * an LMS that speaks Tin Can launches it: the LRS endpoint, a credential,
 * the learner and a registration in the launch URL. The unit's xAPI host
 * reports the course to that LRS; the statements are read back from it.
 */
import { randomUUID } from 'node:crypto';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import type { Course, Item } from '@smart-training/core';
import { createCredential, type Clock } from '@smart-training/lrs';
import { loadCourse } from '@smart-training/authoring';
import { courseActivityId, learnerAgent } from '@smart-training/xapi';
import { EXAMPLE_COURSE_DIR, REPO_ROOT, startDemo, type RunningDemo } from '../../examples/demo';
import { launchChromium } from '../support/chromium';

const SCREENSHOTS = path.join(REPO_ROOT, 'test-results', 'e2e');

let demo: RunningDemo;
let browser: Browser;
let dataDir: string;

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'smart-e2e-xapi-'));
  await mkdir(SCREENSHOTS, { recursive: true });
  demo = await startDemo({ dataDir, port: 0, clock: await clockInsideOffering() });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await demo?.close();
  await rm(dataDir, { recursive: true, force: true });
});

async function clockInsideOffering(): Promise<Clock> {
  const { offering } = await loadCourse(EXAMPLE_COURSE_DIR);
  const opens = Date.parse(offering.opens);
  const closes = Date.parse(offering.closes);
  const day = 24 * 60 * 60 * 1000;
  const offset = Date.now() >= opens && Date.now() < closes - day ? 0 : opens + day - Date.now();
  return { now: () => new Date(Date.now() + offset) };
}

function correctOptions(course: Course, itemId: string): string[] {
  const item: Item | undefined = course.bank.find((candidate) => candidate.id === itemId);
  if (!item) throw new Error(`the form shows item ${itemId}, which is not in the course bank`);
  return item.options.filter((option) => option.correct).map((option) => option.id);
}

describe('the example course as an xAPI package', { timeout: 180_000 }, () => {
  it('reports initialized, passed, completed and terminated to the LRS the launch names', async () => {
    const learner = demo.employees[7]!;
    const xapiPackage = demo.packages.find((p) => p.format === 'xapi')!.hostName;
    // What a Tin Can LMS would hold: its own credential for the LRS, limited to
    // writing statements and state.
    const lms = await createCredential(demo.lrs.store, {
      scopes: ['statements/write', 'statements/read/mine', 'state'],
      label: 'Tin Can LMS',
    });
    const registration = randomUUID();
    const activityId = courseActivityId(demo.course.id);
    const launch = new URL(`${demo.lrs.url}/host/packages/${xapiPackage}/index.html`);
    launch.searchParams.set('endpoint', `${demo.lrs.url}/xapi/`);
    launch.searchParams.set('auth', `Basic ${Buffer.from(`${lms.key}:${lms.secret}`).toString('base64')}`);
    launch.searchParams.set('actor', JSON.stringify({ ...learnerAgent(learner.nip), name: learner.name }));
    launch.searchParams.set('registration', registration);
    launch.searchParams.set('activity_id', activityId);

    const page = await browser.newPage();
    await page.goto(launch.href);
    await page.locator(`[data-learner="${learner.nip}"]`).waitFor();
    await page.locator('[data-action="start-test"][data-test-id="placement"]').first().click();
    const player = page.locator('smart-cat-player');
    await player.locator('[data-action="start"]').click();
    for (;;) {
      const article = player.locator('article[data-item-id]');
      const itemId = (await article.getAttribute('data-item-id'))!;
      for (const optionId of correctOptions(demo.course, itemId)) {
        await article.locator(`input[data-option-id="${optionId}"]`).check();
      }
      const next = player.locator('[data-action="next"]');
      if ((await next.count()) === 0) break;
      await next.click();
    }
    await player.locator('[data-action="review"]').first().click();
    await player.locator('[data-action="submit"]').click();
    await player.locator('[data-action="confirm-submit"]').click();
    await player.locator('[data-decision="waived"]').waitFor();
    await page.screenshot({ path: path.join(SCREENSHOTS, 'xapi-placement-passed.png') });
    // Leaving the page terminates the session.
    await page.close({ runBeforeUnload: true });

    const auth = Buffer.from(`${demo.admin.key}:${demo.admin.secret}`).toString('base64');
    const read = async () => {
      const response = await fetch(
        `${demo.lrs.url}/xapi/statements?registration=${registration}&activity=${encodeURIComponent(activityId)}&ascending=true`,
        { headers: { authorization: `Basic ${auth}`, 'x-experience-api-version': '1.0.3' } },
      );
      return ((await response.json()) as { statements: { verb: { id: string }; result?: { success?: boolean } }[] })
        .statements;
    };
    // terminated is sent as the page goes away; give the keepalive request a moment to land.
    let statements = await read();
    for (let poll = 0; poll < 50 && !statements.some((s) => s.verb.id.endsWith('/terminated')); poll += 1) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      statements = await read();
    }
    expect(statements.map((s) => s.verb.id.slice(s.verb.id.lastIndexOf('/') + 1))).toEqual([
      'initialized',
      'passed',
      'completed',
      'terminated',
    ]);
    expect(statements[1]?.result?.success).toBe(true);
  });
});
