import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { XapiVersion } from '../src/xapi/version';
import { startHarness, type ErrorBody, type Harness } from './harness';
import { BREAKERS, brokenStatement, type BreakerName } from './support/statement-breakers';
import { validStatement, xapiVersion, type Json } from './support/statement-arbitraries';

/*
 * Property-based checks of the statements resource over HTTP: statements
 * valid under xAPI round-trip exactly, and statements broken in one place
 * are refused with 400 naming that place, leaving the store as it was.
 */

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(async () => {
  await h.close();
});

/** Runs per property: enough to meet every kind of actor, object and breakage, bounded so the file stays quick. */
const RUNS = 100;

function headers(version: XapiVersion) {
  return { 'X-Experience-API-Version': version };
}

function post(body: unknown, version: XapiVersion) {
  return h.call<string[]>('POST', '/xapi/statements', { auth: h.admin, body, headers: headers(version) });
}

function put(id: string, body: unknown, version: XapiVersion) {
  return h.call('PUT', `/xapi/statements?statementId=${id}`, { auth: h.admin, body, headers: headers(version) });
}

function getOne(id: string, version: XapiVersion) {
  return h.call<Json>('GET', `/xapi/statements?statementId=${id}`, { auth: h.admin, headers: headers(version) });
}

/** How many statements the LRS holds, voided or not, page by page. */
async function storedCount(): Promise<number> {
  let count = 0;
  let next: string | undefined = '/xapi/statements?format=ids&limit=0';
  while (next) {
    const page: { body: { statements: unknown[]; more: string } } = await h.call('GET', next, { auth: h.admin, headers: headers('1.0.3') });
    count += page.body.statements.length;
    next = page.body.more || undefined;
  }
  return count;
}

/** The property an error message names and what it says of it: `Statement property "<path>" is invalid: <detail>. Fix ...`. */
function fault(body: unknown): { property?: string; detail?: string } {
  const message = (body as ErrorBody).error?.message ?? '';
  const [, property, detail] = /^Statement property "(.+?)" is invalid: (.*)\. Fix it/.exec(message) ?? [];
  return { property, detail };
}

/** The same instant in UTC, keeping the fraction as written: what xAPI 2.0 returns. */
function inUtc(timestamp: string): string {
  const [, date, time, fraction = '', zone] = /^(\d{4}-\d{2}-\d{2})[Tt](\d{2}:\d{2}:\d{2})(\.\d+)?(.*)$/.exec(timestamp) ?? [];
  const offset = /^([+-])(\d{2})(?::(\d{2}))?$/.exec(zone ?? '');
  const minutes = offset ? (offset[1] === '-' ? -1 : 1) * (Number(offset[2]) * 60 + Number(offset[3] ?? 0)) : 0;
  const instant = new Date(Date.parse(`${date}T${time}Z`) - minutes * 60_000);
  return `${instant.toISOString().slice(0, 19)}${fraction}Z`;
}

/** The statement as JSON carries it: plain objects, no -0, no undefined. */
function plain(statement: Json): Json {
  return JSON.parse(JSON.stringify(statement)) as Json;
}

/** What the LRS must return for `sent`, leaving aside the properties it adds. */
function expectedBack(sent: Json, version: XapiVersion): Json {
  const expected = plain(sent);
  const object = expected.object as Json;
  for (const owner of object.objectType === 'SubStatement' ? [expected, object] : [expected]) {
    // A lone context activity comes back as a list of one (Data 2.4.6.2).
    const activities = ((owner.context as Json | undefined)?.contextActivities ?? {}) as Json;
    for (const [kind, value] of Object.entries(activities)) {
      if (!Array.isArray(value)) activities[kind] = [value];
    }
    if (version === '2.0.0' && typeof owner.timestamp === 'string') owner.timestamp = inUtc(owner.timestamp);
  }
  return expected;
}

describe('valid statements round-trip', () => {
  it('returns any valid statement exactly as sent by POST or PUT, plus only id, stored, authority, version and a missing timestamp', async () => {
    const cases = xapiVersion.chain((version) =>
      fc.record({
        version: fc.constant(version),
        statement: validStatement(version),
        method: fc.constantFrom('POST', 'POST with id', 'PUT'),
      }),
    );
    await fc.assert(
      fc.asyncProperty(cases, async ({ version, statement, method }) => {
        const id = randomUUID();
        const sent = plain(method === 'POST' ? statement : { id, ...statement });
        const reply = method === 'PUT' ? await put(id, sent, version) : await post(sent, version);
        expect(reply.status, JSON.stringify(reply.body)).toBe(method === 'PUT' ? 204 : 200);
        const storedId = method === 'POST' ? (reply.body as string[])[0] : id;

        const back = await getOne(storedId as string, version);
        expect(back.status).toBe(200);
        const stored = back.body.stored as string;
        expect(stored).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/);
        if (sent.authority === undefined) expect(back.body.authority).toMatchObject({ objectType: 'Agent' });
        const expected = expectedBack(sent, version);
        expect(back.body).toStrictEqual({
          ...expected,
          id: storedId,
          stored,
          authority: sent.authority ?? back.body.authority,
          version: sent.version ?? (version === '2.0.0' ? '2.0.0' : '1.0.0'),
          timestamp: expected.timestamp ?? stored,
        });
      }),
      { numRuns: 150 },
    );
  });

  it('stores a batch of valid statements whole, each returned as sent', async () => {
    const cases = xapiVersion.chain((version) =>
      fc.record({ version: fc.constant(version), statements: fc.array(validStatement(version), { minLength: 2, maxLength: 4 }) }),
    );
    await fc.assert(
      fc.asyncProperty(cases, async ({ version, statements }) => {
        const sent = statements.map((statement) => ({ ...plain(statement), id: randomUUID() }));
        const reply = await post(sent, version);
        expect(reply.status, JSON.stringify(reply.body)).toBe(200);
        expect(reply.body).toEqual(sent.map((statement) => statement.id));
        for (const statement of sent) {
          const back = await getOne(statement.id, version);
          expect(back.body).toMatchObject(expectedBack(statement, version));
        }
      }),
      { numRuns: 40 },
    );
  });
});

describe('statements broken in one place are refused', () => {
  const names = Object.keys(BREAKERS) as BreakerName[];

  it.each(names)('refuses a statement with %s with 400 naming the property, and stores nothing', async (name) => {
    const cases = xapiVersion.chain((version) =>
      fc.record({ version: fc.constant(version), broken: brokenStatement(version, name), usePut: fc.boolean() }),
    );
    await fc.assert(
      fc.asyncProperty(cases, async ({ version, broken, usePut }) => {
        const { path } = broken;
        // A fresh id per run, so that a shrunk case never meets an id an earlier case stored.
        const statement = path === 'id' ? broken.statement : { ...broken.statement, id: randomUUID() };
        const id = statement.id as string;
        // PUT names the id in the query; a broken id is only meaningful in a POST body.
        const viaPut = usePut && path !== 'id';
        const before = await storedCount();
        const reply = viaPut ? await put(id, statement, version) : await post(statement, version);
        expect(reply.status, JSON.stringify(statement)).toBe(400);
        const { property, detail } = fault(reply.body);
        expect(property, JSON.stringify(reply.body)).toBe(`statement.${path}`);
        expect(detail).toMatch(BREAKERS[name].says);
        expect(await storedCount()).toBe(before);
      }),
      { numRuns: RUNS },
    );
  });

  it('refuses a batch holding one broken statement with 400 naming it, and stores none of the batch', async () => {
    const cases = xapiVersion.chain((version) =>
      fc.record({
        version: fc.constant(version),
        valid: fc.array(validStatement(version), { minLength: 1, maxLength: 3 }),
        broken: fc.constantFrom(...names).chain((name) => brokenStatement(version, name)),
        position: fc.nat({ max: 3 }),
      }),
    );
    await fc.assert(
      fc.asyncProperty(cases, async ({ version, valid, broken, position }) => {
        const before = await storedCount();
        const batch: Json[] = valid.map((statement) => ({ id: randomUUID(), ...statement }));
        const at = Math.min(position, batch.length);
        batch.splice(at, 0, broken.path === 'id' ? broken.statement : { ...broken.statement, id: randomUUID() });
        const reply = await post(batch, version);
        expect(reply.status).toBe(400);
        expect(fault(reply.body).property, JSON.stringify(reply.body)).toBe(`statements[${at}].${broken.path}`);
        expect(await storedCount()).toBe(before);
        for (const [index, statement] of batch.entries()) {
          if (index !== at) expect((await getOne(statement.id as string, version)).status).toBe(404);
        }
      }),
      { numRuns: RUNS },
    );
  });
});
