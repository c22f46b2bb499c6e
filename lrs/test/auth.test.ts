import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FormView, SessionView, StatusView } from '@smart-training/core';
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

  it("answers a browser script's wrong password with 401 but no Basic challenge, so no login dialog opens", async () => {
    const wrong = basic('no-such-key', 'guess');
    const fromScript = await h.call('GET', `/smart/v1/offerings/${COURSE_ID}/summary`, {
      auth: wrong,
      headers: { 'X-Requested-With': 'XMLHttpRequest' },
    });
    expect(fromScript.status).toBe(401);
    expect(fromScript.headers.get('www-authenticate')).toBeNull();
    expect(fromScript.body.error.code).toBe('credentials_invalid');

    const xapiFromScript = await h.call('GET', '/xapi/statements', {
      auth: wrong,
      headers: { ...XAPI, 'X-Requested-With': 'XMLHttpRequest' },
    });
    expect(xapiFromScript.status).toBe(401);
    expect(xapiFromScript.headers.get('www-authenticate')).toBeNull();

    const plain = await h.call('GET', `/smart/v1/offerings/${COURSE_ID}/summary`, { auth: wrong });
    expect(plain.headers.get('www-authenticate')).toMatch(/^Basic /);
  });

  it('lets browser scripts send X-Requested-With across origins', async () => {
    for (const url of ['/smart/v1/courses', '/xapi/statements']) {
      const preflight = await h.call('OPTIONS', url, {
        headers: {
          Origin: 'https://lms.example.go.id',
          'Access-Control-Request-Method': 'GET',
          'Access-Control-Request-Headers': 'authorization,x-requested-with',
        },
      });
      expect(preflight.status).toBe(204);
      expect(preflight.headers.get('access-control-allow-headers')).toMatch(/X-Requested-With/i);
    }
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
    expect(statements.body.error.code).toBe('scope_missing');
    expect(statements.body.error.message).toContain('"statements/read"');
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

  it('keeps a learner session away from admin calls, saying in plain English which scope or credential is needed', async () => {
    await publishFixture(h);
    const { auth } = await openSession(h, NIP_ANI);
    const courses = await h.call('GET', '/smart/v1/courses', { auth });
    expect(courses.status).toBe(403);
    expect(courses.body.error.code).toBe('scope_missing');
    expect(courses.body.error.message).toBe(
      'This call needs the "smart/admin" scope, which this credential does not have. Ask the LRS operator for a credential with that scope.',
    );
    expect(courses.body.error.message_id).toMatch(/^Panggilan ini memerlukan scope "smart\/admin"/);
    const launch = await launchAuth(h);
    const summary = await h.call('GET', `/smart/v1/offerings/${COURSE_ID}/summary`, { auth: launch });
    expect(summary.body.error.code).toBe('scope_missing');
    const forms = await h.call('POST', '/smart/v1/forms', { auth: h.admin, body: { testId: 'placement' } });
    expect(forms.body.error.message).toMatch(/^An admin credential .* needs a session credential\.$/);
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

  it('refuses a malformed NIP with 400 invalid_nip naming the wrong part, instead of sending the learner to HR', async () => {
    await publishFixture(h);
    const launch = await launchAuth(h);
    const cases = [
      { nip: '12345', part: /5 digits.*exactly 18/, partId: /5 angka.*18 angka/ },
      { nip: '19920314201903100X', part: /characters other than digits/, partId: /karakter selain angka/ },
      { nip: '199213142019031004', part: /digits 1-8 \(birth date/, partId: /tanggal lahir/ },
      { nip: '199203142019131004', part: /digits 9-14 \(TMT CPNS/, partId: /TMT CPNS/ },
    ];
    for (const { nip, part, partId } of cases) {
      const reply = await h.call('POST', '/smart/v1/sessions', { auth: launch, body: { courseId: COURSE_ID, nip } });
      expect(reply.status, nip).toBe(400);
      expect(reply.body.error.code).toBe('invalid_nip');
      expect(reply.body.error.message).toMatch(part);
      expect(reply.body.error.message_id).toMatch(partId);
      expect(reply.body.error.message).not.toMatch(/HR/);

      const status = await h.call('GET', `/smart/v1/learners/${nip}/status?courseId=${COURSE_ID}`, { auth: h.admin });
      expect(status.status, nip).toBe(400);
      expect(status.body.error.code).toBe('invalid_nip');
    }
  });

  it('accepts a NIP printed with spaces or dots as the same learner', async () => {
    await publishFixture(h);
    const launch = await launchAuth(h);
    const printed = `${NIP_ANI.slice(0, 8)} ${NIP_ANI.slice(8, 14)} ${NIP_ANI.slice(14, 15)} ${NIP_ANI.slice(15)}`;
    const reply = await h.call<SessionView>('POST', '/smart/v1/sessions', { auth: launch, body: { courseId: COURSE_ID, nip: printed } });
    expect(reply.status).toBe(201);
    expect(reply.body.learner.nip).toBe(NIP_ANI);
    const dotted = `${NIP_ANI.slice(0, 8)}.${NIP_ANI.slice(8, 14)}.${NIP_ANI.slice(14, 15)}.${NIP_ANI.slice(15)}`;
    const status = await h.call<StatusView>('GET', `/smart/v1/learners/${dotted}/status?courseId=${COURSE_ID}`, { auth: h.admin });
    expect(status.status).toBe(200);
    expect(status.body.nip).toBe(NIP_ANI);
  });

  it('tells a client sending no JSON body what to send, in both languages', async () => {
    await publishFixture(h);
    const launch = await launchAuth(h);
    const expected = 'JSON {"courseId": …, "nip": …}';
    const noBody = await h.call('POST', '/smart/v1/sessions', { auth: launch });
    expect(noBody.status).toBe(400);
    expect(noBody.body.error.code).toBe('invalid_request');
    expect(noBody.body.error.message).toContain(`send ${expected}`);
    expect(noBody.body.error.message_id).toContain(`kirim ${expected}`);
    expect(noBody.body.error.message).not.toContain('(course)');

    const text = await h.call('POST', '/smart/v1/sessions', {
      auth: launch,
      headers: { 'Content-Type': 'text/plain' },
    });
    expect(text.status).toBe(400);
    expect(text.body.error.message_id).toContain(`kirim ${expected}`);
  });

  it('names a missing or ill-typed field in Indonesian without English fragments', async () => {
    await publishFixture(h);
    const launch = await launchAuth(h);
    const missing = await h.call('POST', '/smart/v1/sessions', { auth: launch, body: { courseId: COURSE_ID } });
    expect(missing.status).toBe(400);
    expect(missing.body.error.message).toBe('The request is malformed: property "nip" is missing.');
    expect(missing.body.error.message_id).toBe('Permintaan tidak valid: properti "nip" tidak ada.');

    const wrongType = await h.call('POST', '/smart/v1/sessions', { auth: launch, body: { courseId: COURSE_ID, nip: 198503102010011001 } });
    expect(wrongType.body.error.message).toBe('The request is malformed: property "nip" must be text.');
    expect(wrongType.body.error.message_id).toBe('Permintaan tidak valid: properti "nip" harus berupa teks.');

    const { auth } = await openSession(h, NIP_ANI);
    const emptyTest = await h.call('POST', '/smart/v1/forms', { auth, body: { testId: '' } });
    expect(emptyTest.body.error.message_id).toBe('Permintaan tidak valid: properti "testId" tidak boleh kosong.');
    const form = (await requestForm(h, auth, 'placement')).body as unknown as FormView;
    const itemId = form.items[0]?.id ?? '';
    const notAList = await h.call('POST', `/smart/v1/forms/${form.formId}/answers`, { auth, body: { answers: { [itemId]: 'b' } } });
    expect(notAList.status).toBe(400);
    expect(notAList.body.error.message_id).toBe(`Permintaan tidak valid: properti "answers.${itemId}" harus berupa daftar (larik JSON).`);
    const registry = await h.call('PUT', '/smart/v1/registry', { auth: h.admin, body: { employees: [] } });
    expect(registry.body.error.code).toBe('invalid_registry');
    expect(registry.body.error.message_id).toBe(
      'Permintaan tidak valid: properti data pegawai "employees" memerlukan paling sedikit 1 entri.',
    );
    for (const reply of [missing, wrongType, emptyTest, notAList, registry]) {
      expect(reply.body.error.message_id).not.toMatch(/expected|received|Invalid|Too small/);
    }
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
