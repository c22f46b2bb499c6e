import { afterEach, describe, expect, it, vi } from 'vitest';
import { StatementClient } from '../src/index';
import { basic, fakeLrs } from './fake-lrs';

const COURSE = { id: 'berakhlak-2026', title: { id: 'BerAKHLAK', en: 'BerAKHLAK' } };
const LEARNER = { nip: '198503302010011002', name: 'Siti Rahmawati' };
const REGISTRATION = '6f1c9a52-2a3e-4f4b-9d7e-0b7c1f5a9e21';

let close: (() => Promise<void>) | undefined;
afterEach(async () => {
  await close?.();
  close = undefined;
  vi.restoreAllMocks();
});

function client(endpoint: string) {
  return new StatementClient({
    endpoint,
    credential: { key: 'session-key', secret: 'session-secret' },
    course: COURSE,
    learner: LEARNER,
    registration: REGISTRATION,
    hostKind: 'scorm12',
  });
}

type Sent = { id: string; verb: { id: string }; actor: { account: { name: string } }; context: { registration: string } };

describe('StatementClient', () => {
  it('posts the initialized statement to <lrs>/xapi/statements with the session credential', async () => {
    const lrs = await fakeLrs(() => ({ status: 200, body: ['id'] }));
    close = lrs.close;

    await client(lrs.endpoint).initialized();

    expect(lrs.requests).toHaveLength(1);
    const [request] = lrs.requests;
    expect(request!.path).toBe('/xapi/statements');
    expect(request!.authorization).toBe(basic('session-key', 'session-secret'));
    const statement = request!.body as Sent;
    expect(statement.verb.id).toBe('http://adlnet.gov/expapi/verbs/initialized');
    expect(statement.actor.account.name).toBe(LEARNER.nip);
    expect(statement.context.registration).toBe(REGISTRATION);
  });

  it('keeps a statement the LRS could not take and sends it first with the next one', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    let down = true;
    const lrs = await fakeLrs(() => (down ? { status: 503, body: {} } : { status: 200, body: ['id'] }));
    close = lrs.close;
    const statements = client(lrs.endpoint);

    await statements.initialized();
    expect(statements.pending).toBe(1);

    down = false;
    await statements.experienced({ id: 'orientasi-pelayanan', title: { id: 'Berorientasi Pelayanan' } });

    expect(statements.pending).toBe(0);
    const verbs = lrs.requests.map((r) => (r.body as Sent).verb.id.split('/').pop());
    expect(verbs).toEqual(['initialized', 'initialized', 'experienced']);
    const ids = lrs.requests.map((r) => (r.body as Sent).id);
    expect(ids[0]).toBe(ids[1]);
    expect(console.warn).toHaveBeenCalledTimes(1);
  });

  it('drops a statement the LRS refuses as invalid instead of resending it forever', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const lrs = await fakeLrs(() => ({ status: 403, body: { error: 'not your statement' } }));
    close = lrs.close;
    const statements = client(lrs.endpoint);

    await statements.terminated();

    expect(statements.pending).toBe(0);
    expect(String(warn.mock.calls[0]![0])).toMatch(/^\[smart-runtime:lrs-statement-rejected\] .*403/);
  });

  it('never rejects when the LRS cannot be reached at all', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const lrs = await fakeLrs(() => ({ status: 200 }));
    await lrs.close();
    const statements = client(lrs.endpoint);

    await expect(statements.initialized()).resolves.toBeUndefined();
    expect(statements.pending).toBe(1);
  });
});
