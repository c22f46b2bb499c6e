import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type {
  Course,
  FormView,
  LearnerRow,
  OfferingSummary,
  ResultView,
  StatusView,
} from '@smart-training/core';
import { openSession, publishFixture, requestForm, startHarness, XAPI, type Harness } from './harness';
import { COURSE_ID, correctAnswers, NIP_ANI, NIP_BUDI, wrongAnswers } from './fixtures';

interface RecordedStatement {
  verb: { id: string };
  object: { id: string };
  result?: { extensions?: Record<string, unknown> };
  context?: { registration?: string };
}

const VERB = (name: string) =>
  name === 'waived' ? 'https://w3id.org/xapi/adl/verbs/waived' : `http://adlnet.gov/expapi/verbs/${name}`;
const DECISION = 'https://smart-training.id/xapi/extensions/decision';

let h: Harness;
let course: Course;
beforeEach(async () => {
  h = await startHarness();
  course = await publishFixture(h);
});
afterEach(async () => {
  await h.close();
});

/** Takes one attempt at a test, answering every item right or wrong. */
async function take(auth: string, testId: string, how: 'pass' | 'fail'): Promise<{ form: FormView; result: ResultView }> {
  const served = await requestForm(h, auth, testId);
  expect(served.status, JSON.stringify(served.body)).toBe(201);
  const form = served.body;
  const answers = how === 'pass' ? correctAnswers(course, form.items) : wrongAnswers(course, form.items);
  const scored = await h.call<ResultView>('POST', `/smart/v1/forms/${form.formId}/answers`, { auth, body: { answers } });
  expect(scored.status, JSON.stringify(scored.body)).toBe(200);
  return { form, result: scored.body };
}

async function statementsOf(registration: string): Promise<RecordedStatement[]> {
  const reply = await h.call<{ statements: RecordedStatement[] }>(
    'GET',
    `/xapi/statements?registration=${registration}&limit=0&ascending=true`,
    { auth: h.admin, headers: XAPI },
  );
  return reply.body.statements;
}

function countVerbs(statements: RecordedStatement[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const statement of statements) {
    const name = statement.verb.id.split('/').at(-1) as string;
    counts[name] = (counts[name] ?? 0) + 1;
  }
  return counts;
}

describe('the SMART path of a learner who trains', () => {
  it('goes from a failed placement through remedial to competent, with JP, certificate and statements', async () => {
    const { auth } = await openSession(h, NIP_ANI);

    const placement = await take(auth, 'placement', 'fail');
    expect(JSON.stringify(placement.form)).not.toMatch(/"correct"|explanation/);
    expect(placement.form.items).toHaveLength(4);
    expect(placement.result).toMatchObject({ score: 0, outcome: 'failed', decision: 'enrolled', passMark: 85 });
    expect(placement.result.status.status).toBe('in_training');
    expect(placement.result.status.next).toEqual({ kind: 'material', testId: 'material:kejujuran', materialId: 'kejujuran' });

    const again = await requestForm(h, auth, 'placement');
    expect(again.status).toBe(409);
    expect((again.body as unknown as { error: { code: string } }).error.code).toBe('placement_already_taken');

    const first = await take(auth, 'material:kejujuran', 'fail');
    expect(first.result).toMatchObject({ outcome: 'failed', decision: 'failed', attempt: 1 });
    expect(first.result.status.next).toEqual({ kind: 'remedial', testId: 'material:kejujuran', materialId: 'kejujuran' });

    const tooEarly = await requestForm(h, auth, 'final');
    expect(tooEarly.status).toBe(409);
    expect((tooEarly.body as unknown as { error: { code: string; message_id: string } }).error).toMatchObject({
      code: 'materials_not_passed',
    });

    const remedial = await take(auth, 'material:kejujuran', 'pass');
    expect(remedial.form.attempt).toBe(2);
    const repeated = remedial.form.items.filter((item) => first.form.items.some((seen) => seen.id === item.id));
    expect(repeated).toEqual([]);
    expect(remedial.result).toMatchObject({ score: 100, outcome: 'passed', decision: 'passed', correct: 3, total: 3 });

    await take(auth, 'material:pelayanan', 'pass');
    const final = await take(auth, 'final', 'pass');
    expect(final.result.decision).toBe('competent');
    const status = final.result.status;
    expect(status.status).toBe('competent');
    expect(status.jpCredited).toBe(20);
    expect(status.next).toEqual({ kind: 'certificate' });
    expect(status.certificate).toMatchObject({ number: 'STTPL/ETIKA-2026/2026/000001', basis: 'final' });
    expect(status.tests.every((test) => !test.available && test.reason?.code === 'already_certified')).toBe(true);

    const enrolment = await h.lrs.store.getEnrolment(COURSE_ID, NIP_ANI);
    const recorded = await statementsOf(enrolment?.registration ?? '');
    expect(countVerbs(recorded)).toEqual({ answered: 4 + 3 + 3 + 3 + 4, passed: 3, failed: 2, completed: 1 });
    const decisions = recorded
      .filter((statement) => statement.verb.id === VERB('passed') || statement.verb.id === VERB('failed'))
      .map((statement) => statement.result?.extensions?.[DECISION]);
    expect(decisions).toEqual(['enrolled', 'failed', 'passed', 'passed', 'competent']);
    expect(recorded.find((statement) => statement.verb.id === VERB('completed'))?.object.id).toMatch(/course\/etika-2026$/);

    const fromStatus = await h.call<StatusView>('GET', '/smart/v1/session/status', { auth });
    expect(fromStatus.body.attempts.map((attempt) => [attempt.testId, attempt.outcome])).toEqual([
      ['placement', 'failed'],
      ['material:kejujuran', 'failed'],
      ['material:kejujuran', 'passed'],
      ['material:pelayanan', 'passed'],
      ['final', 'passed'],
    ]);
  });

  it('records a final fail as not yet competent and lets a remedial final make the learner competent', async () => {
    const { auth } = await openSession(h, NIP_ANI);
    await take(auth, 'placement', 'fail');
    await take(auth, 'material:kejujuran', 'pass');
    await take(auth, 'material:pelayanan', 'pass');
    const failed = await take(auth, 'final', 'fail');
    expect(failed.result.decision).toBe('not_yet_competent');
    expect(failed.result.status).toMatchObject({ status: 'not_yet_competent', jpCredited: 0, certificate: null });
    const passed = await take(auth, 'final', 'pass');
    expect(passed.result.status.status).toBe('competent');
  });
});

describe('the placement test', () => {
  it('waives the training on a pass, with a certificate and a waived statement', async () => {
    const { auth } = await openSession(h, NIP_BUDI);
    const { result } = await take(auth, 'placement', 'pass');
    expect(result).toMatchObject({ score: 100, outcome: 'passed', decision: 'waived' });
    expect(result.status).toMatchObject({ status: 'waived', jpCredited: 20, next: { kind: 'certificate' } });
    expect(result.status.certificate).toMatchObject({ number: 'STTPL/ETIKA-2026/2026/000001', basis: 'placement' });

    const enrolment = await h.lrs.store.getEnrolment(COURSE_ID, NIP_BUDI);
    const recorded = await statementsOf(enrolment?.registration ?? '');
    expect(countVerbs(recorded)).toEqual({ answered: 4, passed: 1, waived: 1 });

    const second = await requestForm(h, auth, 'placement');
    expect(second.status).toBe(409);
    const material = await requestForm(h, auth, 'material:kejujuran');
    expect((material.body as unknown as { error: { code: string } }).error.code).toBe('already_certified');
  });

  it('numbers certificates in sequence within the course and year', async () => {
    const ani = await openSession(h, NIP_ANI);
    const budi = await openSession(h, NIP_BUDI);
    const first = await take(budi.auth, 'placement', 'pass');
    const second = await take(ani.auth, 'placement', 'pass');
    expect(first.result.status.certificate?.number).toBe('STTPL/ETIKA-2026/2026/000001');
    expect(second.result.status.certificate?.number).toBe('STTPL/ETIKA-2026/2026/000002');
  });
});

describe('forms', () => {
  it('resumes the running form on a reload instead of serving a new one', async () => {
    const { auth } = await openSession(h, NIP_ANI);
    const served = await requestForm(h, auth, 'placement');
    expect(served.status).toBe(201);
    h.clock.advance(60_000);
    const reloaded = await requestForm(h, auth, 'placement');
    expect(reloaded.status).toBe(200);
    expect(reloaded.body).toEqual(served.body);
  });

  it('refuses a material test while the placement form is still running, so placement stays before training', async () => {
    const { auth } = await openSession(h, NIP_ANI);
    const placement = (await requestForm(h, auth, 'placement')).body;
    const refused = await h.call('POST', '/smart/v1/forms', { auth, body: { testId: 'material:kejujuran' } });
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('test_in_progress');
    expect(refused.body.error.message).toContain('placement');
    expect((await h.lrs.store.getForm(placement.formId))?.status).toBe('open');
    expect(await h.lrs.store.listAttempts(COURSE_ID, NIP_ANI)).toEqual([]);
  });

  it('serves another test once the running form is past its deadline, closing that form as failed', async () => {
    const { auth } = await openSession(h, NIP_ANI);
    const placement = (await requestForm(h, auth, 'placement')).body;
    h.clock.advance(placement.timeLimitSeconds * 1000 + 31_000);
    const material = await requestForm(h, auth, 'material:kejujuran');
    expect(material.status).toBe(201);
    expect(await h.lrs.store.listAttempts(COURSE_ID, NIP_ANI)).toMatchObject([
      { testId: 'placement', score: 0, outcome: 'failed' },
    ]);
  });

  it("refuses answers to another learner's form with 403 and leaves the form open", async () => {
    const ani = await openSession(h, NIP_ANI);
    const budi = await openSession(h, NIP_BUDI);
    const form = (await requestForm(h, ani.auth, 'placement')).body;
    const reply = await h.call('POST', `/smart/v1/forms/${form.formId}/answers`, {
      auth: budi.auth,
      body: { answers: correctAnswers(course, form.items) },
    });
    expect(reply.status).toBe(403);
    expect(reply.body.error.code).toBe('form_not_yours');
    expect((await h.lrs.store.getForm(form.formId))?.status).toBe('open');
    expect(await h.lrs.store.listAttempts(COURSE_ID, NIP_BUDI)).toEqual([]);
  });

  it('refuses a second submission of the same form with 409', async () => {
    const { auth } = await openSession(h, NIP_ANI);
    const { form } = await take(auth, 'placement', 'fail');
    const again = await h.call('POST', `/smart/v1/forms/${form.formId}/answers`, {
      auth,
      body: { answers: correctAnswers(course, form.items) },
    });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('form_already_submitted');
    expect(await h.lrs.store.listAttempts(COURSE_ID, NIP_ANI)).toHaveLength(1);
  });

  it('refuses answers after the time limit with 410 and records the attempt as failed with score 0', async () => {
    const { auth } = await openSession(h, NIP_ANI);
    await take(auth, 'placement', 'fail');
    const form = (await requestForm(h, auth, 'material:kejujuran')).body;
    h.clock.advance(form.timeLimitSeconds * 1000 + 31_000);
    const late = await h.call('POST', `/smart/v1/forms/${form.formId}/answers`, {
      auth,
      body: { answers: correctAnswers(course, form.items) },
    });
    expect(late.status).toBe(410);
    expect(late.body.error.code).toBe('time_limit_passed');
    const attempts = await h.lrs.store.listAttempts(COURSE_ID, NIP_ANI);
    expect(attempts.at(-1)).toMatchObject({ testId: 'material:kejujuran', attempt: 1, score: 0, outcome: 'failed' });

    const retry = await h.call('POST', `/smart/v1/forms/${form.formId}/answers`, {
      auth,
      body: { answers: correctAnswers(course, form.items) },
    });
    expect(retry.status).toBe(410);
    expect(await h.lrs.store.listAttempts(COURSE_ID, NIP_ANI)).toHaveLength(2);
  });

  it('accepts answers within the 30-second network grace after the deadline', async () => {
    const { auth } = await openSession(h, NIP_ANI);
    const form = (await requestForm(h, auth, 'placement')).body;
    h.clock.advance(form.timeLimitSeconds * 1000 + 20_000);
    const reply = await h.call<ResultView>('POST', `/smart/v1/forms/${form.formId}/answers`, {
      auth,
      body: { answers: correctAnswers(course, form.items) },
    });
    expect(reply.status).toBe(200);
    expect(reply.body.decision).toBe('waived');
  });

  it('closes a form abandoned past its deadline as a failed attempt before serving the next one', async () => {
    const { auth } = await openSession(h, NIP_ANI);
    await take(auth, 'placement', 'fail');
    const abandoned = (await requestForm(h, auth, 'material:kejujuran')).body;
    h.clock.advance(abandoned.timeLimitSeconds * 1000 + 31_000);
    const next = await requestForm(h, auth, 'material:kejujuran');
    expect(next.status).toBe(201);
    expect(next.body.attempt).toBe(2);
    expect(next.body.formId).not.toBe(abandoned.formId);
    const attempts = await h.lrs.store.listAttempts(COURSE_ID, NIP_ANI);
    expect(attempts.at(-1)).toMatchObject({ attempt: 1, score: 0, outcome: 'failed' });
  });

  it('refuses answers naming an option the item does not have with 422, leaving nothing half-written', async () => {
    const { auth } = await openSession(h, NIP_ANI);
    const form = (await requestForm(h, auth, 'placement')).body;
    const [firstItem] = form.items;
    const answers = { ...correctAnswers(course, form.items), [firstItem?.id ?? '']: ['zz'] };
    const reply = await h.call('POST', `/smart/v1/forms/${form.formId}/answers`, { auth, body: { answers } });
    expect(reply.status).toBe(422);
    expect(reply.body.error.code).toBe('invalid_answers');
    expect(reply.body.error.message).toContain('zz');
    expect(await h.lrs.store.listAttempts(COURSE_ID, NIP_ANI)).toEqual([]);
    expect((await h.lrs.store.getForm(form.formId))?.status).toBe('open');
    expect(await statementsOf((await h.lrs.store.getEnrolment(COURSE_ID, NIP_ANI))?.registration ?? '')).toEqual([]);

    const fixed = await h.call<ResultView>('POST', `/smart/v1/forms/${form.formId}/answers`, {
      auth,
      body: { answers: correctAnswers(course, form.items) },
    });
    expect(fixed.status).toBe(200);
  });

  it('answers a test id the course does not have with 404 unknown_test', async () => {
    const { auth } = await openSession(h, NIP_ANI);
    const reply = await requestForm(h, auth, 'material:astronomi');
    expect(reply.status).toBe(404);
    expect((reply.body as unknown as { error: { code: string; message: string } }).error).toMatchObject({
      code: 'unknown_test',
      message: expect.stringContaining('material:astronomi'),
    });
  });

  it('refuses every test before the offering opens', async () => {
    const { auth } = await openSession(h, NIP_ANI);
    h.clock.advance(-3 * 24 * 3600 * 1000);
    const reply = await requestForm(h, auth, 'placement');
    expect(reply.status).toBe(409);
    expect((reply.body as unknown as { error: { code: string } }).error.code).toBe('offering_not_open');
  });
});

describe('courses and registry', () => {
  it('refuses a course whose bank cannot fill a blueprint, naming the test', async () => {
    const small = { ...course, bank: course.bank.filter((item) => item.material !== 'pelayanan' || item.difficulty !== 'hard') };
    const reply = await h.call('PUT', `/smart/v1/courses/${COURSE_ID}`, { auth: h.admin, body: small });
    expect(reply.status).toBe(422);
    expect(reply.body.error.code).toBe('bank_too_small');
    expect(reply.body.error.message).toContain('material:pelayanan');
    expect((await h.lrs.store.getCourse(COURSE_ID))?.bank).toHaveLength(course.bank.length);
  });

  it('refuses a malformed course with 400 naming the property', async () => {
    const broken = { ...course, jp: 'twenty' };
    const reply = await h.call('PUT', `/smart/v1/courses/${COURSE_ID}`, { auth: h.admin, body: broken });
    expect(reply.status).toBe(400);
    expect(reply.body.error.code).toBe('invalid_course');
    expect(reply.body.error.message).toContain('"jp"');
    expect(reply.body.error.message_id).toBe('Permintaan tidak valid: properti pelatihan "jp" harus berupa angka.');
  });

  it('publishes the same version with the same content again as a no-op', async () => {
    const again = await h.call<{ id: string; version: string }>('PUT', `/smart/v1/courses/${COURSE_ID}`, { auth: h.admin, body: course });
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ id: COURSE_ID, version: '1.0.0' });
  });

  it('refuses other content under an already published version with 409, asking for a version bump', async () => {
    const changed = { ...course, jp: 30 };
    const reply = await h.call('PUT', `/smart/v1/courses/${COURSE_ID}`, { auth: h.admin, body: changed });
    expect(reply.status).toBe(409);
    expect(reply.body.error.code).toBe('course_version_exists');
    expect(reply.body.error.message).toMatch(/Bump the version in course\.yaml/);
    expect((await h.lrs.store.getCourse(COURSE_ID))?.jp).toBe(20);

    const bumped = await h.call('PUT', `/smart/v1/courses/${COURSE_ID}`, { auth: h.admin, body: { ...changed, version: '1.0.1' } });
    expect(bumped.status).toBe(200);
    expect((await h.lrs.store.getCourse(COURSE_ID))?.jp).toBe(30);
  });

  it('refuses a version older than the published one with 409, comparing versions as semver', async () => {
    expect((await h.call('PUT', `/smart/v1/courses/${COURSE_ID}`, { auth: h.admin, body: { ...course, version: '1.10.0' } })).status).toBe(200);
    const older = await h.call('PUT', `/smart/v1/courses/${COURSE_ID}`, { auth: h.admin, body: { ...course, version: '1.9.0' } });
    expect(older.status).toBe(409);
    expect(older.body.error.code).toBe('course_version_older');
    expect(older.body.error.message).toContain('1.10.0');
    expect((await h.lrs.store.getCourse(COURSE_ID))?.version).toBe('1.10.0');
  });

  it('refuses a course version that is not a semantic version with 400', async () => {
    const reply = await h.call('PUT', `/smart/v1/courses/${COURSE_ID}`, { auth: h.admin, body: { ...course, version: 'spring 2027' } });
    expect(reply.status).toBe(400);
    expect(reply.body.error.code).toBe('invalid_course');
    expect(reply.body.error.message).toContain('"version" must be a semantic version');
    expect(reply.body.error.message_id).toContain('"version" harus berupa versi semantik');
  });

  it('lists courses and serves the outline without the bank', async () => {
    const list = await h.call<{ id: string; items: number }[]>('GET', '/smart/v1/courses', { auth: h.admin });
    expect(list.body).toEqual([{ id: COURSE_ID, version: '1.0.0', title: course.title, jp: 20, items: course.bank.length }]);
    const outline = await h.call<Record<string, unknown>>('GET', `/smart/v1/courses/${COURSE_ID}`, { auth: h.admin });
    expect(outline.body.bank).toBeUndefined();
    expect(outline.body.materials).toHaveLength(2);
  });

  it("keeps learners' attempts when a course is updated", async () => {
    const { auth } = await openSession(h, NIP_ANI);
    await take(auth, 'placement', 'fail');
    const update = await h.call('PUT', `/smart/v1/courses/${COURSE_ID}`, { auth: h.admin, body: { ...course, version: '1.1.0' } });
    expect(update.status).toBe(200);
    const status = await h.call<StatusView>('GET', '/smart/v1/session/status', { auth });
    expect(status.body.attempts).toHaveLength(1);
  });

  it('refuses a registry upload with a malformed NIP, naming the row and saving nothing, but takes a NIP printed with spaces', async () => {
    const reply = await h.call('PUT', '/smart/v1/registry', {
      auth: h.admin,
      body: {
        employees: [
          { nip: '199203042016011004', name: 'Citra', unit: 'Biro Umum' },
          { nip: '19920304201601100', name: 'Dedi', unit: 'Biro Umum' },
        ],
      },
    });
    expect(reply.status).toBe(422);
    expect(reply.body.error.code).toBe('invalid_nip');
    expect(reply.body.error.message).toContain('Row 2');
    expect(await h.lrs.store.getEmployee('199203042016011004')).toBeUndefined();

    const printed = await h.call('PUT', '/smart/v1/registry', {
      auth: h.admin,
      body: { employees: [{ nip: '19920304 201601 1 004', name: 'Citra', unit: 'Biro Umum' }] },
    });
    expect(printed.status).toBe(200);
    expect((await h.lrs.store.getEmployee('199203042016011004'))?.name).toBe('Citra');

    const counted = await h.call<{ added: number; updated: number }>('PUT', '/smart/v1/registry', {
      auth: h.admin,
      body: { employees: [{ nip: '199203042016011004', name: 'Citra', unit: 'Biro Umum' }, { nip: NIP_ANI, name: 'Ani L.', unit: 'BKPSDM' }] },
    });
    expect(counted.body).toEqual({ added: 0, updated: 2 });
  });
});

describe('the offering', () => {
  async function twoLearners(): Promise<{ ani: string; budi: string }> {
    const ani = (await openSession(h, NIP_ANI)).auth;
    const budi = (await openSession(h, NIP_BUDI)).auth;
    await take(budi, 'placement', 'pass');
    await take(ani, 'placement', 'fail');
    await take(ani, 'material:kejujuran', 'fail');
    await take(ani, 'material:kejujuran', 'pass');
    await take(ani, 'material:pelayanan', 'pass');
    await take(ani, 'final', 'pass');
    return { ani, budi };
  }

  it('summarises enrolment, placement, outcomes and remedial retakes from the attempts', async () => {
    await twoLearners();
    const reply = await h.call<OfferingSummary>('GET', `/smart/v1/offerings/${COURSE_ID}/summary`, { auth: h.admin });
    expect(reply.body).toEqual({
      courseId: COURSE_ID,
      enrolled: 2,
      placementTaken: 2,
      waivedByPlacement: 1,
      inTraining: 0,
      competent: 1,
      notYetCompetent: 0,
      remedialRetakes: 1,
      materials: [
        { materialId: 'kejujuran', title: course.materials[0]?.title, passed: 1, attempts: 2, remedialRetakes: 1 },
        { materialId: 'pelayanan', title: course.materials[1]?.title, passed: 1, attempts: 1, remedialRetakes: 0 },
      ],
    });
    const learners = await h.call<LearnerRow[]>('GET', `/smart/v1/offerings/${COURSE_ID}/learners`, { auth: h.admin });
    expect(learners.body.map((row) => [row.nip, row.status, row.jpCredited, row.attempts.length])).toEqual([
      [NIP_ANI, 'competent', 20, 5],
      [NIP_BUDI, 'waived', 20, 1],
    ]);
    const one = await h.call<StatusView>('GET', `/smart/v1/learners/${NIP_BUDI}/status?courseId=${COURSE_ID}`, { auth: h.admin });
    expect(one.body).toMatchObject({ nip: NIP_BUDI, name: 'Budi Santoso', status: 'waived' });
  });

  it('still holds everything after the server restarts on the same database file', async () => {
    const { ani } = await twoLearners();
    const before = await h.call<OfferingSummary>('GET', `/smart/v1/offerings/${COURSE_ID}/summary`, { auth: h.admin });
    const statementsBefore = await h.call<{ statements: unknown[] }>('GET', '/xapi/statements?limit=0', { auth: h.admin, headers: XAPI });

    await h.restart();

    const after = await h.call<OfferingSummary>('GET', `/smart/v1/offerings/${COURSE_ID}/summary`, { auth: h.admin });
    expect(after.body).toEqual(before.body);
    const statementsAfter = await h.call<{ statements: unknown[] }>('GET', '/xapi/statements?limit=0', { auth: h.admin, headers: XAPI });
    expect(statementsAfter.body.statements).toEqual(statementsBefore.body.statements);
    const status = await h.call<StatusView>('GET', '/smart/v1/session/status', { auth: ani });
    expect(status.status).toBe(200);
    expect(status.body.certificate?.number).toBe('STTPL/ETIKA-2026/2026/000002');
  });
});
