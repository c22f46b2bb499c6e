/**
 * The packed example course as an xAPI (Tin Can) package, launched the way
 * an LMS that speaks Tin Can launches it: the LRS endpoint, a credential,
 * the learner and a registration in the launch URL. The unit's xAPI host
 * reports the course to that LRS; the statements are read back from it.
 */
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCredential } from '@smart-training/lrs';
import { courseActivityId, learnerAgent } from '@smart-training/xapi';
import { SCREENSHOTS, startE2eRun, type E2eRun } from './support/e2e-run';
import { answerTest } from './support/unit-driver';

let run: E2eRun;
beforeAll(async () => {
  run = await startE2eRun('smart-e2e-xapi-');
});
afterAll(() => run?.close());

describe('the example course as an xAPI package', { timeout: 180_000 }, () => {
  it('reports initialized, passed, completed and terminated to the LRS the launch names', async () => {
    const { demo, browser } = run;
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
    expect(await answerTest(page, demo.course, 'all-correct')).toBe('waived');
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
