/**
 * The packed example course as cmi5, launched by the LRS acting as the LMS
 * (lrs/src/cmi5): the placement AU runs the unit's cmi5 bundle, the learner
 * passes, and the LMS side waives every other AU "Tested Out" and satisfies
 * the course. Everything is read back through the LRS's xAPI resource.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auActivityId } from '@smart-training/xapi';
import { SCREENSHOTS, startE2eRun, type E2eRun } from './support/e2e-run';
import { answerTest, leaveResult } from './support/unit-driver';

const CMI5_REASON = 'https://w3id.org/xapi/cmi5/result/extensions/reason';

let run: E2eRun;
beforeAll(async () => {
  run = await startE2eRun('smart-e2e-cmi5-');
});
afterAll(() => run?.close());

function adminHeaders(): Record<string, string> {
  const { demo } = run;
  const auth = Buffer.from(`${demo.admin.key}:${demo.admin.secret}`).toString('base64');
  return { authorization: `Basic ${auth}`, 'x-experience-api-version': '1.0.3', 'content-type': 'application/json' };
}

interface StoredStatement {
  verb: { id: string };
  object: { id: string };
  result?: { success?: boolean; score?: { scaled?: number }; extensions?: Record<string, unknown> };
  context?: { contextActivities?: { grouping?: { id: string }[] } };
}

async function statementsOf(registration: string): Promise<StoredStatement[]> {
  const response = await fetch(`${run.demo.lrs.url}/xapi/statements?registration=${registration}&ascending=true&limit=500`, {
    headers: adminHeaders(),
  });
  expect(response.status).toBe(200);
  return ((await response.json()) as { statements: StoredStatement[] }).statements;
}

const verbName = (statement: StoredStatement) => statement.verb.id.slice(statement.verb.id.lastIndexOf('/') + 1);
/** The publisher's AU id a statement is about: the LMS's own launch id carries it in `grouping`. */
const publisherIds = (statement: StoredStatement) =>
  (statement.context?.contextActivities?.grouping ?? []).map((activity) => activity.id);

describe('the example course as cmi5, launched by the LRS', { timeout: 180_000 }, () => {
  it('plays the placement AU with the unit, and a pass waives the other AUs "Tested Out" and satisfies the course', async () => {
    const { demo, browser } = run;
    const learner = demo.employees[6]!;
    const cmi5Package = demo.packages.find((p) => p.format === 'cmi5')!.hostName;
    const launched = await fetch(`${demo.lrs.url}/host/cmi5/launches`, {
      method: 'POST',
      headers: adminHeaders(),
      body: JSON.stringify({ package: cmi5Package, nip: learner.nip, auId: auActivityId(demo.course.id, 'placement') }),
    });
    expect(launched.status).toBe(201);
    const launch = (await launched.json()) as { registration: string; launchUrl: string };

    const page = await browser.newPage();
    await page.goto(launch.launchUrl);
    expect(await answerTest(page, demo.course, 'all-correct')).toBe('waived');
    await page.screenshot({ path: path.join(SCREENSHOTS, 'cmi5-placement-passed.png') });
    await leaveResult(page);

    // Done terminates the AU session and follows LMS.LaunchData's returnURL,
    // where the LMS side judges the registration.
    await page.locator('[data-action="done"]').click();
    await page.waitForURL((url) => url.pathname.includes('/host/cmi5/return/'));
    await page.close();

    const statements = await statementsOf(launch.registration);
    const placementAu = auActivityId(demo.course.id, 'placement');
    const fromPlacement = statements.filter((s) => publisherIds(s).includes(placementAu)).map(verbName);
    expect(fromPlacement).toEqual(['launched', 'initialized', 'passed', 'completed', 'terminated']);
    const passed = statements.find((s) => verbName(s) === 'passed')!;
    expect(passed.result?.success).toBe(true);
    expect(passed.result?.score?.scaled).toBe(1);

    // The LMS's waivers name an AU; the SMART engine's own record of the
    // waived course (the same registration: the learner's enrolment) names none.
    const otherAus = [...demo.course.materials.map((m) => m.test.id), 'final'].map((testId) =>
      auActivityId(demo.course.id, testId),
    );
    const allWaived = statements.filter((s) => verbName(s) === 'waived');
    const waived = allWaived.filter((s) => publisherIds(s).some((id) => otherAus.includes(id)));
    expect(allWaived).toHaveLength(otherAus.length + 1);
    expect(waived.map((s) => publisherIds(s).find((id) => otherAus.includes(id))).sort()).toEqual([...otherAus].sort());
    for (const statement of waived) expect(statement.result?.extensions?.[CMI5_REASON]).toBe('Tested Out');
    expect(statements.filter((s) => verbName(s) === 'satisfied')).toHaveLength(1);
  });
});
