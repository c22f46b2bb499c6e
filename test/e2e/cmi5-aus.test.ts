/**
 * AUs of the packed example course launched one by one by the LRS as cmi5
 * LMS, as an LMS's course page does. A learner who passes every material AU
 * and then the final AU satisfies the course. A learner who fails the material
 * test, retakes it as remedial and passes: the registration must follow cmi5's rules for an AU (failures,
 * then one pass, nothing after the pass, not even when the AU is launched
 * again). A learner whose window closes mid-material finds the material,
 * the scroll position and the language again at the next launch.
 * Everything the LMS sees is read back through the LRS's xAPI resource.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { Judgement, LaunchView } from '@smart-training/lrs';
import { auActivityId } from '@smart-training/xapi';
import type { RunningDemo } from '../../examples/demo';
import { SCREENSHOTS, startE2eRun, type E2eRun } from './support/e2e-run';
import { answerTest, leaveResult } from './support/unit-driver';

const VERBS: Record<string, string> = {
  'http://adlnet.gov/expapi/verbs/launched': 'launched',
  'http://adlnet.gov/expapi/verbs/initialized': 'initialized',
  'http://adlnet.gov/expapi/verbs/passed': 'passed',
  'http://adlnet.gov/expapi/verbs/failed': 'failed',
  'http://adlnet.gov/expapi/verbs/completed': 'completed',
  'http://adlnet.gov/expapi/verbs/terminated': 'terminated',
  'https://w3id.org/xapi/adl/verbs/abandoned': 'abandoned',
};

interface StoredStatement {
  verb: { id: string };
  object: { id: string };
  result?: { success?: boolean; score?: { raw?: number; scaled?: number } };
  context?: { extensions?: Record<string, unknown> };
}

const SESSION_ID = 'https://w3id.org/xapi/cmi5/context/extensions/sessionid';

let run: E2eRun;
let demo: RunningDemo;
let browser: Browser;

beforeAll(async () => {
  run = await startE2eRun('smart-e2e-cmi5-au-');
  ({ demo, browser } = run);
});
afterAll(() => run?.close());

async function adminCall<T>(method: 'GET' | 'POST', pathname: string, body?: unknown): Promise<T> {
  const auth = Buffer.from(`${demo.admin.key}:${demo.admin.secret}`).toString('base64');
  const response = await fetch(`${demo.lrs.url}${pathname}`, {
    method,
    headers: { authorization: `Basic ${auth}`, 'x-experience-api-version': '1.0.3', 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  expect(response.ok, `${method} ${pathname} answered ${response.status}: ${text}`).toBe(true);
  return JSON.parse(text) as T;
}

/** What an LMS does when the learner picks an AU: registers the launch and gets its URL. */
function launch(nip: string, testId: string): Promise<LaunchView> {
  const cmi5Package = demo.packages.find((p) => p.format === 'cmi5');
  if (!cmi5Package) throw new Error('the demo did not pack the course as cmi5; startDemo must include the cmi5 format');
  return adminCall<LaunchView>('POST', '/host/cmi5/launches', {
    package: cmi5Package.hostName,
    nip,
    auId: auActivityId(demo.course.id, testId),
  });
}

/** The statements the AU sent under its launch activity id in one session, oldest first. */
async function auStatements(view: LaunchView): Promise<StoredStatement[]> {
  const query = new URLSearchParams({ registration: view.registration, ascending: 'true', limit: '500' });
  const { statements } = await adminCall<{ statements: StoredStatement[] }>('GET', `/xapi/statements?${query}`);
  return statements.filter(
    (s) => s.object.id === view.activityId && s.context?.extensions?.[SESSION_ID] === view.sessionId,
  );
}

const verbsOf = (statements: StoredStatement[]) => statements.map((s) => VERBS[s.verb.id] ?? s.verb.id);

/** Opens the AU's launch URL as the LMS window would, and waits for the unit to know the learner. */
async function openAu(view: LaunchView, nip: string): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
  await page.goto(view.launchUrl);
  await page.locator(`[data-learner="${nip}"]`).waitFor();
  return page;
}

/** "Done": the unit terminates the session and follows LMS.LaunchData's returnURL, where the LMS judges. */
async function finishAu(page: Page): Promise<void> {
  await page.locator('[data-action="done"]').click();
  await page.waitForURL((url) => url.pathname.includes('/host/cmi5/return/'));
}

// Generous guards, not timings: tests of a dozen items each on a shared two-core machine.
describe('AUs of the example course launched by the LRS as cmi5 LMS', { timeout: 180_000 }, () => {
  it('records a failure, then one pass after the remedial retake, and nothing more on a relaunch', async () => {
    const learner = demo.employees[8]!;
    const material = demo.course.materials[0]!;
    const testId = material.test.id;

    const view = await launch(learner.nip, testId);
    expect(new URL(view.launchUrl).searchParams.get('smart-au')).toBe(testId);
    const page = await openAu(view, learner.nip);
    // The AU opens on its material, whose test is the only one it offers.
    await page.locator(`article[data-material-id="${material.id}"]`).waitFor();
    await page.screenshot({ path: path.join(SCREENSHOTS, 'cmi5-material-au.png') });

    const start = page.locator(`[data-action="start-test"][data-test-id="${testId}"]`);
    await start.click();
    expect(await answerTest(page, demo.course, 'all-wrong')).toBe('failed');
    await leaveResult(page);
    await start.click();
    expect(await answerTest(page, demo.course, 'all-correct')).toBe('passed');
    await page.screenshot({ path: path.join(SCREENSHOTS, 'cmi5-material-retake-passed.png') });
    await leaveResult(page);
    await page.locator('[data-au-done] [data-reported]').waitFor();
    await finishAu(page);
    await page.close();

    // The LMS's launched, then the AU's: completed once, with the first finished test (cmi5 9.3).
    const first = await auStatements(view);
    expect(verbsOf(first)).toEqual(['launched', 'initialized', 'failed', 'completed', 'passed', 'terminated']);
    const failed = first.find((s) => VERBS[s.verb.id] === 'failed')!;
    const passed = first.find((s) => VERBS[s.verb.id] === 'passed')!;
    expect(failed.result).toMatchObject({ success: false });
    expect(failed.result?.score?.raw).toBeLessThan(material.test.passMark);
    expect(passed.result).toMatchObject({ success: true, score: { raw: 100, scaled: 1 } });

    const judged = await adminCall<Judgement>('POST', `/host/cmi5/registrations/${view.registration}/evaluate`, {});
    expect(judged.aus.find((au) => au.auId === auActivityId(demo.course.id, testId))).toMatchObject({
      passed: true,
      completed: true,
      satisfied: true,
    });
    expect(judged.satisfied).toBe(false);

    // Launched again after the pass: the unit says the test is passed, and the AU sends no result.
    const again = await launch(learner.nip, testId);
    expect(again.registration).toBe(view.registration);
    const relaunched = await openAu(again, learner.nip);
    await relaunched.locator(`article[data-material-id="${material.id}"]`).waitFor();
    await relaunched.locator('[data-au-done]').waitFor();
    await expect.poll(() => relaunched.locator('[data-action="start-test"]').count()).toBe(0);
    await relaunched.screenshot({ path: path.join(SCREENSHOTS, 'cmi5-material-relaunch.png') });
    await finishAu(relaunched);
    await relaunched.close();
    expect(verbsOf(await auStatements(again))).toEqual(['launched', 'initialized', 'terminated']);
  });

  it('ends the session when the window closes mid-material, and the relaunch resumes where the learner was', async () => {
    const learner = demo.employees[9]!;
    const material = demo.course.materials[1]!;
    const view = await launch(learner.nip, material.test.id);
    const page = await openAu(view, learner.nip);
    await page.locator(`article[data-material-id="${material.id}"]`).waitFor();
    await page.locator('[data-lang="en"]').click();
    await page.evaluate(() => {
      window.scrollTo({ top: (document.documentElement.scrollHeight - window.innerHeight) / 2, behavior: 'instant' });
    });
    // The unit reads the position in an animation frame.
    await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
    const closed = page.waitForEvent('close');
    await page.close({ runBeforeUnload: true });
    await closed;

    // pagehide sent terminated (with the state save) as the window went away.
    await expect.poll(async () => verbsOf(await auStatements(view))).toEqual(['launched', 'initialized', 'terminated']);

    const again = await launch(learner.nip, material.test.id);
    expect(again.registration).toBe(view.registration);
    // So the LMS had no session to abandon (cmi5 9.3.6) at this launch.
    expect(verbsOf(await auStatements(view))).toEqual(['launched', 'initialized', 'terminated']);
    const resumed = await openAu(again, learner.nip);
    await resumed.locator(`article[data-material-id="${material.id}"]`).waitFor();
    await resumed.locator('[data-lang="en"][aria-pressed="true"]').waitFor();
    const scrolled = () =>
      resumed.evaluate(() => window.scrollY / (document.documentElement.scrollHeight - window.innerHeight));
    await expect.poll(scrolled).toBeGreaterThan(0.4);
    expect(await scrolled()).toBeLessThan(0.6);
    await resumed.screenshot({ path: path.join(SCREENSHOTS, 'cmi5-material-resumed.png') });
    await resumed.close();
  });

  it('satisfies the course once every material AU and then the final AU are passed', async () => {
    const learner = demo.employees[10]!;
    const passes: { testId: string; view: LaunchView }[] = [];
    for (const material of demo.course.materials) {
      const view = await launch(learner.nip, material.test.id);
      const page = await openAu(view, learner.nip);
      await page.locator(`[data-action="start-test"][data-test-id="${material.test.id}"]`).click();
      expect(await answerTest(page, demo.course, 'all-correct')).toBe('passed');
      await leaveResult(page);
      await finishAu(page);
      await page.close();
      passes.push({ testId: material.test.id, view });
    }

    // The final AU opens on its test straight away.
    const final = await launch(learner.nip, 'final');
    const page = await openAu(final, learner.nip);
    expect(await answerTest(page, demo.course, 'all-correct')).toBe('competent');
    await leaveResult(page);
    await page.locator('[data-certificate-number]').waitFor();
    await page.screenshot({ path: path.join(SCREENSHOTS, 'cmi5-final-au-certificate.png'), fullPage: true });
    await finishAu(page);
    await page.close();
    passes.push({ testId: 'final', view: final });

    for (const { view } of passes) {
      expect(view.registration).toBe(final.registration);
      expect(verbsOf(await auStatements(view))).toEqual(['launched', 'initialized', 'passed', 'completed', 'terminated']);
    }
    const judged = await adminCall<Judgement>('POST', `/host/cmi5/registrations/${final.registration}/evaluate`, {});
    expect(judged.satisfied).toBe(true);
    for (const { testId } of passes) {
      expect(judged.aus.find((au) => au.auId === auActivityId(demo.course.id, testId))).toMatchObject({
        passed: true,
        waived: false,
        satisfied: true,
      });
    }
  });
});
