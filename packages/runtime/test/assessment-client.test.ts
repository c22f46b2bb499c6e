import { afterEach, describe, expect, it } from 'vitest';
import { AdminClient, AssessmentApiError, AssessmentClient } from '../src/index';
import type { StatusView } from '../src/index';
import { basic, fakeLrs } from './fake-lrs';

const STATUS: StatusView = {
  courseId: 'berakhlak-2026',
  nip: '198503302010011002',
  name: 'Siti Rahmawati',
  status: 'not_started',
  jpCredited: 0,
  next: { kind: 'placement', testId: 'placement' },
  attempts: [],
  tests: [],
  certificate: null,
};

let close: (() => Promise<void>) | undefined;
afterEach(async () => {
  await close?.();
  close = undefined;
});

describe('AssessmentClient', () => {
  it('opens a session with the launch credential, then calls with the session credential', async () => {
    const lrs = await fakeLrs((request) => {
      if (request.path === '/smart/v1/sessions') {
        return {
          status: 201,
          body: {
            sessionId: 's-1',
            key: 'session-key',
            secret: 'session-secret',
            learner: { nip: STATUS.nip, name: STATUS.name, unit: 'Biro Umum' },
            status: STATUS,
          },
        };
      }
      if (request.path === '/smart/v1/forms') return { status: 201, body: { formId: 'f-1', testId: 'placement' } };
      return { status: 200, body: STATUS };
    });
    close = lrs.close;

    const client = await AssessmentClient.openSession(lrs.endpoint, { key: 'launch', secret: 'pw' }, {
      courseId: 'berakhlak-2026',
      nip: STATUS.nip,
    });
    await client.status();
    const requested = await client.requestForm('placement');

    expect(client.sessionId).toBe('s-1');
    expect(client.learner.unit).toBe('Biro Umum');
    expect(client.credential).toEqual({ key: 'session-key', secret: 'session-secret' });
    expect(requested).toEqual({ form: { formId: 'f-1', testId: 'placement' }, resumed: false });
    expect(lrs.requests.map((r) => [r.method, r.path, r.authorization])).toEqual([
      ['POST', '/smart/v1/sessions', basic('launch', 'pw')],
      ['GET', '/smart/v1/session/status', basic('session-key', 'session-secret')],
      ['POST', '/smart/v1/forms', basic('session-key', 'session-secret')],
    ]);
    expect(lrs.requests[0]!.body).toEqual({ courseId: 'berakhlak-2026', nip: STATUS.nip });
    expect(lrs.requests[2]!.body).toEqual({ testId: 'placement' });
  });

  it('tells a form the LRS resumed (200) from one it just started (201)', async () => {
    let formStatus = 201;
    const lrs = await fakeLrs((request) =>
      request.path === '/smart/v1/sessions'
        ? { status: 201, body: { sessionId: 's', key: 'k', secret: 's', learner: {}, status: STATUS } }
        : { status: formStatus, body: { formId: 'f-1', testId: 'final' } },
    );
    close = lrs.close;
    const client = await AssessmentClient.openSession(lrs.endpoint, { key: 'l', secret: 'l' }, { courseId: 'c', nip: 'n' });

    expect((await client.requestForm('final')).resumed).toBe(false);
    formStatus = 200;
    expect((await client.requestForm('final')).resumed).toBe(true);
  });

  it('marks every call as a script request, so the LRS asks for no browser login dialog', async () => {
    const lrs = await fakeLrs((request) =>
      request.path === '/smart/v1/sessions'
        ? { status: 201, body: { sessionId: 's', key: 'k', secret: 's', learner: {}, status: STATUS } }
        : { status: 200, body: STATUS },
    );
    close = lrs.close;
    const client = await AssessmentClient.openSession(lrs.endpoint, { key: 'l', secret: 'l' }, { courseId: 'c', nip: 'n' });
    await client.status();
    const admin = new AdminClient(lrs.endpoint, { key: 'admin', secret: 'a' });
    await admin.learnerStatus(STATUS.nip, 'berakhlak-2026');

    expect(lrs.requests.map((r) => r.requestedWith)).toEqual(['XMLHttpRequest', 'XMLHttpRequest', 'XMLHttpRequest']);
  });

  it('reads a course outline with the admin credential', async () => {
    const lrs = await fakeLrs(() => ({ status: 200, body: { id: 'berakhlak-2026', offering: { timeZone: 'Asia/Makassar' } } }));
    close = lrs.close;
    const admin = new AdminClient(lrs.endpoint, { key: 'admin', secret: 'a' });

    const outline = await admin.courseOutline('berakhlak-2026');

    expect(outline.offering.timeZone).toBe('Asia/Makassar');
    expect(lrs.requests.map((r) => [r.method, r.path, r.authorization])).toEqual([
      ['GET', '/smart/v1/courses/berakhlak-2026', basic('admin', 'a')],
    ]);
  });

  it('submits answers to the form and returns the result', async () => {
    const lrs = await fakeLrs((request) =>
      request.path === '/smart/v1/sessions'
        ? { status: 201, body: { sessionId: 's', key: 'k', secret: 's', learner: {}, status: STATUS } }
        : { status: 200, body: { formId: 'f/1', score: 90, outcome: 'passed' } },
    );
    close = lrs.close;
    const client = await AssessmentClient.openSession(lrs.endpoint, { key: 'l', secret: 'l' }, { courseId: 'c', nip: 'n' });

    const result = await client.submitAnswers('f/1', { 'op-001': ['b'] });

    expect(result.score).toBe(90);
    expect(lrs.requests[1]!.path).toBe('/smart/v1/forms/f%2F1/answers');
    expect(lrs.requests[1]!.body).toEqual({ answers: { 'op-001': ['b'] } });
  });

  it('turns the LRS error body of an unknown NIP into an AssessmentApiError with both languages', async () => {
    const lrs = await fakeLrs(() => ({
      status: 404,
      body: {
        error: {
          code: 'unknown_nip',
          message: 'NIP 1 is not in the registry. Ask the organiser to register it.',
          message_id: 'NIP 1 tidak terdaftar. Minta penyelenggara mendaftarkannya.',
        },
      },
    }));
    close = lrs.close;

    const error = await AssessmentClient.openSession(lrs.endpoint, { key: 'l', secret: 'l' }, { courseId: 'c', nip: '1' }).catch(
      (e: unknown) => e,
    );

    expect(error).toBeInstanceOf(AssessmentApiError);
    expect(error).toMatchObject({ status: 404, code: 'unknown_nip' });
    expect((error as AssessmentApiError).text).toEqual({
      id: 'NIP 1 tidak terdaftar. Minta penyelenggara mendaftarkannya.',
      en: 'NIP 1 is not in the registry. Ask the organiser to register it.',
    });
  });

  it('reports an unreachable LRS as network_unreachable with status 0', async () => {
    const lrs = await fakeLrs(() => ({ status: 200 }));
    const endpoint = lrs.endpoint;
    await lrs.close();

    const error = await AssessmentClient.openSession(endpoint, { key: 'l', secret: 'l' }, { courseId: 'c', nip: '1' }).catch(
      (e: unknown) => e,
    );

    expect(error).toMatchObject({ status: 0, code: 'network_unreachable' });
  });
});
