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

/** Web Storage in memory, shared by the clients of one test like a browser's localStorage. */
function memoryStorage() {
  const items = new Map<string, string>();
  return {
    getItem: (key: string) => items.get(key) ?? null,
    setItem: (key: string, value: string) => void items.set(key, value),
    keys: () => [...items.keys()],
  };
}

/**
 * An LRS that stores statements by id (a repeated id is a no-op, as the
 * xAPI spec has it), answers 503 while `down`, and can lose the answer to
 * a statement it did store.
 */
async function flakyLrs() {
  const stored = new Map<string, Sent>();
  const control = { down: true, loseNextAnswer: false };
  const lrs = await fakeLrs((request) => {
    if (control.down) return { status: 503, body: {} };
    const statement = request.body as Sent;
    if (!stored.has(statement.id)) stored.set(statement.id, statement);
    if (control.loseNextAnswer) {
      control.loseNextAnswer = false;
      return { status: 502, body: {} };
    }
    return { status: 200, body: [statement.id] };
  });
  return { ...lrs, stored, control };
}

describe('StatementClient offline queue', () => {
  it('keeps statements it could not send in storage under the LRS’s key, and the next session sends each exactly once', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const lrs = await flakyLrs();
    close = lrs.close;
    const storage = memoryStorage();
    const first = new StatementClient({ ...options(lrs.endpoint), storage, events: null, retryDelayMs: 60_000 });

    await first.initialized();
    await first.experienced({ id: 'orientasi-pelayanan', title: { id: 'Berorientasi Pelayanan' } });
    expect(first.pending).toBe(2);
    expect(storage.keys()).toEqual([`smart-runtime:statement-queue:${lrs.endpoint.replace(/\/$/, '')}`]);

    // The page closed; the LRS comes back, and answers one statement with an error after storing it.
    lrs.control.down = false;
    lrs.control.loseNextAnswer = true;
    const next = new StatementClient({ ...options(lrs.endpoint), storage, events: null, retryDelayMs: 60_000 });
    await next.sendPending();
    // The LRS stored the first statement but the client never heard so: both still wait.
    expect(next.pending).toBe(2);
    await next.sendPending();

    expect(next.pending).toBe(0);
    expect([...lrs.stored.values()].map((s) => s.verb.id.split('/').pop())).toEqual(['initialized', 'experienced']);
    const posted = lrs.requests.map((r) => (r.body as Sent).id);
    expect(new Set(posted).size).toBe(2);
    expect(posted.length).toBeGreaterThan(lrs.stored.size);
  });

  it('sends waiting statements when the browser comes back online', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const lrs = await flakyLrs();
    close = lrs.close;
    const events = new EventTarget();
    const statements = new StatementClient({ ...options(lrs.endpoint), storage: memoryStorage(), events, retryDelayMs: 60_000 });

    await statements.initialized();
    expect(statements.pending).toBe(1);
    lrs.control.down = false;
    events.dispatchEvent(new Event('online'));

    await vi.waitFor(() => expect(lrs.stored.size).toBe(1));
    await statements.sendPending();
    expect(statements.pending).toBe(0);
  });

  it('tries again by itself after a delay that grows with each failure', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    let refusals = 2;
    const lrs = await fakeLrs(() => (refusals-- > 0 ? { status: 503, body: {} } : { status: 200, body: ['id'] }));
    close = lrs.close;
    const statements = new StatementClient({ ...options(lrs.endpoint), storage: null, events: null, retryDelayMs: 10 });

    await statements.terminated();

    await vi.waitFor(() => expect(lrs.requests).toHaveLength(3), { timeout: 5000 });
    await statements.sendPending();
    expect(statements.pending).toBe(0);
    expect(new Set(lrs.requests.map((r) => (r.body as Sent).id)).size).toBe(1);
  });

  it('leaves another learner’s waiting statements for that learner’s session', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const lrs = await flakyLrs();
    close = lrs.close;
    const storage = memoryStorage();
    const other = new StatementClient({
      ...options(lrs.endpoint),
      learner: { nip: '199001012015032001' },
      storage,
      events: null,
      retryDelayMs: 60_000,
    });
    await other.initialized();
    lrs.control.down = false;

    const mine = new StatementClient({ ...options(lrs.endpoint), storage, events: null, retryDelayMs: 60_000 });
    await mine.initialized();

    expect([...lrs.stored.values()].map((s) => s.actor.account.name)).toEqual([LEARNER.nip]);
    expect(other.pending).toBe(1);
  });
});

function options(endpoint: string) {
  return {
    endpoint,
    credential: { key: 'session-key', secret: 'session-secret' },
    course: COURSE,
    learner: LEARNER,
    registration: REGISTRATION,
    hostKind: 'scorm12' as const,
  };
}
