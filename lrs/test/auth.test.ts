import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { basic, launchAuth, openSession, publishFixture, requestForm, startHarness, XAPI, type Harness } from './harness';
import { buildCourse, COURSE_ID, NIP_ANI, NIP_UNREGISTERED } from './fixtures';

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(async () => {
  await h.close();
});

describe('credentials', () => {
  it('refuses a call without credentials with 401 and a Basic challenge, and stores nothing', async () => {
    const reply = await h.call('PUT', `/smart/v1/courses/${COURSE_ID}`, { body: buildCourse() });
    expect(reply.status).toBe(401);
    expect(reply.headers.get('www-authenticate')).toMatch(/^Basic /);
    expect(reply.body.error.code).toBe('credentials_missing');
    expect(reply.body.error.message_id).toMatch(/kredensial/i);
    expect(await h.lrs.store.getCourse(COURSE_ID)).toBeUndefined();
  });

  it('refuses a wrong secret with 401 and stores no statement', async () => {
    const wrong = basic('no-such-key', 'guess');
    const statement = {
      actor: { mbox: 'mailto:ani@example.org' },
      verb: { id: 'http://adlnet.gov/expapi/verbs/experienced' },
      object: { id: 'https://example.org/activity/1' },
    };
    const reply = await h.call('POST', '/xapi/statements', { auth: wrong, body: statement, headers: XAPI });
    expect(reply.status).toBe(401);
    expect(reply.body.error.code).toBe('credentials_invalid');
    const stored = await h.call<{ statements: unknown[] }>('GET', '/xapi/statements', { auth: h.admin, headers: XAPI });
    expect(stored.body.statements).toEqual([]);
  });

  it('refuses the right key with a wrong secret', async () => {
    const key = Buffer.from(h.admin.slice('Basic '.length), 'base64').toString().split(':')[0] as string;
    const reply = await h.call('GET', '/smart/v1/courses', { auth: basic(key, 'not-the-secret') });
    expect(reply.status).toBe(401);
  });

  it('lets a launch credential open sessions but not read statements, courses or forms', async () => {
    await publishFixture(h);
    const launch = await launchAuth(h);
    const statements = await h.call('GET', '/xapi/statements', { auth: launch, headers: XAPI });
    expect(statements.status).toBe(403);
    expect(statements.body.error.code).toBe('credential_not_allowed');
    expect((await h.call('GET', `/smart/v1/courses/${COURSE_ID}`, { auth: launch })).status).toBe(403);
    expect((await requestForm(h, launch, 'placement')).status).toBe(403);
    expect((await h.call('GET', `/smart/v1/offerings/${COURSE_ID}/summary`, { auth: launch })).status).toBe(403);
  });

  it('refuses a launch credential of another course', async () => {
    await publishFixture(h);
    const other = await launchAuth(h, 'another-course');
    const reply = await h.call('POST', '/smart/v1/sessions', { auth: other, body: { courseId: COURSE_ID, nip: NIP_ANI } });
    expect(reply.status).toBe(403);
    expect(reply.body.error.code).toBe('wrong_course');
  });

  it('keeps a learner session away from admin calls', async () => {
    await publishFixture(h);
    const { auth } = await openSession(h, NIP_ANI);
    expect((await h.call('GET', '/smart/v1/courses', { auth })).status).toBe(403);
    expect((await h.call('POST', '/smart/v1/sessions', { auth, body: { courseId: COURSE_ID, nip: NIP_ANI } })).status).toBe(403);
  });
});

describe('sessions', () => {
  it('answers 404 unknown_nip for a NIP missing from the registry, telling the learner whom to contact', async () => {
    await publishFixture(h);
    const launch = await launchAuth(h);
    const reply = await h.call('POST', '/smart/v1/sessions', { auth: launch, body: { courseId: COURSE_ID, nip: NIP_UNREGISTERED } });
    expect(reply.status).toBe(404);
    expect(reply.body.error.code).toBe('unknown_nip');
    expect(reply.body.error.message).toMatch(/HR\/BKPSDM/);
    expect(reply.body.error.message_id).toMatch(/BKPSDM/);
    expect(await h.lrs.store.getEnrolment(COURSE_ID, NIP_UNREGISTERED)).toBeUndefined();
  });

  it('enrols the learner once: a second session keeps the same registration', async () => {
    await publishFixture(h);
    const first = await openSession(h, NIP_ANI);
    const enrolment = await h.lrs.store.getEnrolment(COURSE_ID, NIP_ANI);
    await openSession(h, NIP_ANI);
    expect(await h.lrs.store.getEnrolment(COURSE_ID, NIP_ANI)).toEqual(enrolment);
    expect(first.session.learner).toEqual({ nip: NIP_ANI, name: 'Ani Lestari', unit: 'BKPSDM Kota Bandung' });
    expect(first.session.status.status).toBe('not_started');
    expect(first.session.status.next).toEqual({ kind: 'placement', testId: 'placement' });
  });
});
