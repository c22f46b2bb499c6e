import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readConfig } from '../src/config';
import { startHarness, type ErrorBody, type Harness, type Reply } from './harness';
import { statement, V1, V2 } from './support/xapi-wire';

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(async () => {
  await h.close();
});

type Stored = Record<string, unknown> & { id: string; timestamp: string; stored: string; version: string };

function post(body: unknown, headers: Record<string, string> = V2) {
  return h.call<string[]>('POST', '/xapi/statements', { auth: h.admin, body, headers });
}

function getOne(id: string, headers: Record<string, string> = V2) {
  return h.call<Stored>('GET', `/xapi/statements?statementId=${id}`, { auth: h.admin, headers });
}

function message(reply: Reply<unknown>): string {
  return (reply.body as ErrorBody).error.message;
}

const CONTEXT_AGENTS = {
  contextAgents: [
    {
      objectType: 'contextAgent',
      agent: { objectType: 'Agent', mbox: 'mailto:instructor@example.org' },
      relevantTypes: ['https://example.org/roles/instructor'],
    },
  ],
};
const CONTEXT_GROUPS = {
  contextGroups: [
    {
      objectType: 'contextGroup',
      group: { objectType: 'Group', mbox: 'mailto:unit@example.org', member: [{ mbox: 'mailto:ani@example.org' }] },
    },
  ],
};

describe('xAPI 2.0 chosen by X-Experience-API-Version', () => {
  it('lists 2.0.0 and 1.0.3 in /about and answers each request in the major version it asked for', async () => {
    const about = await h.call<{ version: string[] }>('GET', '/xapi/about');
    expect(about.body.version).toEqual(expect.arrayContaining(['2.0.0', '1.0.3']));

    expect((await post(statement(), V2)).headers.get('x-experience-api-version')).toBe('2.0.0');
    expect((await post(statement(), { 'X-Experience-API-Version': '2.0' })).headers.get('x-experience-api-version')).toBe('2.0.0');
    expect((await post(statement(), { 'X-Experience-API-Version': '1.0.1' })).headers.get('x-experience-api-version')).toBe('1.0.3');

    const refused = await h.call('GET', '/xapi/statements', { auth: h.admin, headers: { 'X-Experience-API-Version': '3.0.0' } });
    expect(refused.status).toBe(400);
    expect(refused.body.error.code).toBe('xapi_version_unsupported');
  });

  it('names 2.0.0 to a request that names no version, unless SMART_XAPI_DEFAULT_VERSION says 1.0.3', async () => {
    const refused = await h.call('GET', '/xapi/statements', { auth: h.admin });
    expect(refused.status).toBe(400);
    expect(refused.headers.get('x-experience-api-version')).toBe('2.0.0');
    expect(readConfig({}).xapiDefaultVersion).toBe('2.0.0');
    expect(readConfig({ SMART_XAPI_DEFAULT_VERSION: '1.0.3' }).xapiDefaultVersion).toBe('1.0.3');
    expect(() => readConfig({ SMART_XAPI_DEFAULT_VERSION: '1.0' })).toThrow(/SMART_XAPI_DEFAULT_VERSION must be 2.0.0 or 1.0.3/);
  });

  it('stores a 2.0 timestamp with an offset in UTC, keeping its fraction, and a 1.0.3 one as sent', async () => {
    const v2 = randomUUID();
    expect((await post(statement({ id: v2, timestamp: '2023-05-04T12:00:00.1234-05:00' }))).status).toBe(200);
    expect((await getOne(v2)).body.timestamp).toBe('2023-05-04T17:00:00.1234Z');

    const v1 = randomUUID();
    expect((await post(statement({ id: v1, timestamp: '2023-05-04T12:00:00-05:00' }), V1)).status).toBe(200);
    expect((await getOne(v1, V1)).body.timestamp).toBe('2023-05-04T12:00:00-05:00');

    // The same statement sent again with the original notation is the same statement.
    expect((await post(statement({ id: v2, timestamp: '2023-05-04T12:00:00.1234-05:00' }))).status).toBe(200);
  });

  it('refuses the unknown-offset notations -00, -0000 and -00:00 in either version', async () => {
    for (const offset of ['-00', '-0000', '-00:00']) {
      for (const version of [V1, V2]) {
        const reply = await post(statement({ timestamp: `2008-09-15T15:53:00.601${offset}` }), version);
        expect(reply.status).toBe(400);
        expect(message(reply)).toContain('statement.timestamp');
      }
      const inSubStatement = await post(
        statement({ object: { objectType: 'SubStatement', ...statement(), timestamp: `2008-09-15T15:53:00${offset}` } }),
      );
      expect(inSubStatement.status).toBe(400);
    }
    expect((await post(statement({ timestamp: '2026-02-30T08:00:00Z' }))).status).toBe(400);
  });

  it('accepts context agents and groups under 2.0 and finds them as related agents', async () => {
    const id = randomUUID();
    expect((await post(statement({ id, context: { ...CONTEXT_AGENTS, ...CONTEXT_GROUPS } }))).status).toBe(200);
    const instructor = encodeURIComponent(JSON.stringify({ mbox: 'mailto:instructor@example.org' }));
    const related = await h.call<{ statements: Stored[] }>('GET', `/xapi/statements?agent=${instructor}&related_agents=true`, {
      auth: h.admin,
      headers: V2,
    });
    expect(related.body.statements.map((s) => s.id)).toEqual([id]);
  });

  it('refuses context agents under 1.0.3 and malformed ones under 2.0', async () => {
    const asV1 = await post(statement({ context: CONTEXT_AGENTS }), V1);
    expect(asV1.status).toBe(400);
    expect(message(asV1)).toContain('statement.context.contextAgents');

    const [entry] = CONTEXT_AGENTS.contextAgents;
    const broken = [
      { ...entry, objectType: 'Agent' },
      { ...entry, relevantTypes: [] },
      { ...entry, relevantTypes: ['not an IRI'] },
      { ...entry, agent: { key: 'no identifier' } },
    ];
    for (const contextAgent of broken) {
      const reply = await post(statement({ context: { contextAgents: [contextAgent] } }));
      expect(reply.status).toBe(400);
      expect(message(reply)).toContain('statement.context.contextAgents[0]');
    }
    const groupWithoutGroup = await post(statement({ context: { contextGroups: [{ objectType: 'contextGroup' }] } }));
    expect(groupWithoutGroup.status).toBe(400);
  });

  it('stamps version 2.0.0 on a 2.0 statement sent without one, keeps a sent 1.0.x, and refuses 2.0.0 under 1.0.3', async () => {
    const stamped = randomUUID();
    await post(statement({ id: stamped }));
    expect((await getOne(stamped)).body.version).toBe('2.0.0');
    const kept = randomUUID();
    await post(statement({ id: kept, version: '1.0.9' }));
    expect((await getOne(kept)).body.version).toBe('1.0.9');
    expect((await post(statement({ version: '2.0.0' }), V1)).status).toBe(400);
    expect((await post(statement({ version: '1.1.0' }))).status).toBe(400);
  });

  it('sends Last-Modified, the latest stored time, with a single statement and with a StatementResult', async () => {
    const first = randomUUID();
    await post(statement({ id: first }));
    h.clock.advance(60_000);
    await post(statement());

    const single = await getOne(first);
    expect(Date.parse(single.headers.get('last-modified') ?? '')).toBe(Math.floor(Date.parse(single.body.stored) / 1000) * 1000);
    const list = await h.call('GET', '/xapi/statements', { auth: h.admin, headers: V2 });
    expect(list.headers.get('last-modified')).toBe(new Date(h.clock.now()).toUTCString());
  });
});
