import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  courseActivityId,
  EXTENSIONS,
  learnerAgent,
  materialActivityId,
  testActivityId,
  VERBS,
} from '@smart-training/xapi';
import { openSession, publishFixture, startHarness, XAPI, type ErrorBody, type Harness, type Reply } from './harness';
import { COURSE_ID, NIP_ANI, NIP_BUDI } from './fixtures';

/** The parts of a stored statement these tests look at. */
interface StoredStatement {
  id: string;
  stored: string;
  timestamp: string;
  version: string;
  verb: { id: string };
  actor: { objectType?: string; mbox?: string; account?: { name: string } };
  object: { id: string };
  context?: { registration?: string };
  authority: { account: { name: string } };
}
type StatementResult = { statements: StoredStatement[]; more: string };

function errorOf(reply: Reply<unknown>): ErrorBody['error'] {
  return (reply.body as ErrorBody).error;
}

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(async () => {
  await h.close();
});

const EXPERIENCED = 'http://adlnet.gov/expapi/verbs/experienced';
const ATTEMPTED = 'http://adlnet.gov/expapi/verbs/attempted';

function statement(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    actor: { objectType: 'Agent', name: 'Ani', mbox: 'mailto:ani@example.org' },
    verb: { id: EXPERIENCED, display: { 'en-US': 'experienced' } },
    object: { objectType: 'Activity', id: 'https://example.org/activity/1' },
    ...overrides,
  };
}

async function post(body: unknown, auth = h.admin) {
  return h.call<string[]>('POST', '/xapi/statements', { auth, body, headers: XAPI });
}

async function query(params: string, auth = h.admin) {
  return h.call<StatementResult>('GET', `/xapi/statements${params}`, { auth, headers: XAPI });
}

describe('xAPI statements resource', () => {
  it('stores a statement and returns it by id, completed with stored, authority, version and timestamp', async () => {
    const id = randomUUID();
    const posted = await post(statement({ id }));
    expect(posted.status).toBe(200);
    expect(posted.body).toEqual([id]);
    expect(posted.headers.get('x-experience-api-version')).toBe('1.0.3');

    const got = await h.call<StoredStatement>('GET', `/xapi/statements?statementId=${id}`, { auth: h.admin, headers: XAPI });
    expect(got.status).toBe(200);
    expect(got.headers.get('x-experience-api-consistent-through')).toBeTruthy();
    expect(got.body).toMatchObject({ id, verb: { id: EXPERIENCED }, version: '1.0.0' });
    expect(got.body.stored).toBe(h.clock.now().toISOString());
    expect(got.body.timestamp).toBe(got.body.stored);
    expect(got.body.authority.account.name).toBeTruthy();
  });

  it('refuses a request without the X-Experience-API-Version header, but serves /about without it', async () => {
    const refused = await h.call('GET', '/xapi/statements', { auth: h.admin });
    expect(refused.status).toBe(400);
    expect(refused.body.error.code).toBe('xapi_version_unsupported');
    const about = await h.call<{ version: string[] }>('GET', '/xapi/about');
    expect(about.status).toBe(200);
    expect(about.body.version).toContain('1.0.3');
  });

  it('refuses a malformed statement with 400 naming the offending property, and stores none of the batch', async () => {
    const good = statement({ id: randomUUID() });
    const twoIdentifiers = statement({ actor: { mbox: 'mailto:a@example.org', openid: 'https://openid.example.org/a' } });
    const reply = await post([good, twoIdentifiers]);
    expect(reply.status).toBe(400);
    expect(errorOf(reply).message).toContain('statements[1].actor');
    expect((await query('')).body.statements).toHaveLength(0);

    const badScore = await post(statement({ result: { score: { scaled: 1.5 } } }));
    expect(badScore.status).toBe(400);
    expect(errorOf(badScore).message).toContain('statement.result.score.scaled');

    const rawAboveMax = await post(statement({ result: { score: { raw: 120, min: 0, max: 100 } } }));
    expect(errorOf(rawAboveMax).message).toContain('result.score.raw');

    const unknownProperty = await post(statement({ mood: 'happy' }));
    expect(errorOf(unknownProperty).message).toContain('statement.mood');

    const badTimestamp = await post(statement({ timestamp: 'yesterday' }));
    expect(errorOf(badTimestamp).message).toContain('statement.timestamp');

    const badLanguage = await post(statement({ verb: { id: EXPERIENCED, display: { 'not a tag': 'x' } } }));
    expect(badLanguage.status).toBe(400);
    expect(errorOf(badLanguage).message).toContain('statement.verb.display');
  });

  it('treats the same id with the same content as a no-op and with other content as a 409 conflict', async () => {
    const id = randomUUID();
    expect((await post(statement({ id }))).status).toBe(200);
    expect((await post(statement({ id }))).status).toBe(200);
    const conflict = await post(statement({ id, verb: { id: ATTEMPTED } }));
    expect(conflict.status).toBe(409);
    expect(errorOf(conflict).code).toBe('statement_conflict');
    const put = await h.call('PUT', `/xapi/statements?statementId=${id}`, {
      auth: h.admin,
      body: statement({ verb: { id: ATTEMPTED } }),
      headers: XAPI,
    });
    expect(put.status).toBe(409);
    expect((await query('')).body.statements).toHaveLength(1);
  });

  it('treats a statement sent again later without a timestamp as a no-op, by POST and by PUT', async () => {
    const id = randomUUID();
    const first = await post(statement({ id }));
    expect(first.status).toBe(200);
    const storedAt = h.clock.now().toISOString();

    h.clock.advance(5000);
    const again = await post(statement({ id }));
    expect(again.status).toBe(200);
    expect(again.body).toEqual([id]);
    h.clock.advance(5000);
    const put = await h.call('PUT', `/xapi/statements?statementId=${id}`, { auth: h.admin, body: statement(), headers: XAPI });
    expect(put.status).toBe(204);

    const got = await h.call<StoredStatement>('GET', `/xapi/statements?statementId=${id}`, { auth: h.admin, headers: XAPI });
    expect(got.body.stored).toBe(storedAt);
    expect(got.body.timestamp).toBe(storedAt);
    expect((await query('')).body.statements).toHaveLength(1);
  });

  it('still refuses a repeat whose own timestamp differs from the stored one with 409', async () => {
    const id = randomUUID();
    await post(statement({ id, timestamp: '2026-12-02T08:00:00+07:00' }));
    const repeat = await post(statement({ id, timestamp: '2026-12-02T08:00:00+07:00' }));
    expect(repeat.status).toBe(200);
    const moved = await post(statement({ id, timestamp: '2026-12-02T09:00:00+07:00' }));
    expect(moved.status).toBe(409);
    expect(errorOf(moved).code).toBe('statement_conflict');
  });

  it('stores a statement with PUT and answers 204', async () => {
    const id = randomUUID();
    const put = await h.call('PUT', `/xapi/statements?statementId=${id}`, { auth: h.admin, body: statement(), headers: XAPI });
    expect(put.status).toBe(204);
    const got = await h.call<StoredStatement>('GET', `/xapi/statements?statementId=${id}`, { auth: h.admin, headers: XAPI });
    expect(got.body.id).toBe(id);
  });

  it('filters by agent, verb, activity, registration, since and until', async () => {
    const registration = randomUUID();
    await post(statement({ context: { registration } }));
    h.clock.advance(1000);
    const middle = h.clock.now().toISOString();
    await post(statement({ actor: { mbox: 'mailto:budi@example.org' }, verb: { id: ATTEMPTED } }));
    h.clock.advance(1000);
    await post(statement({ object: { id: 'https://example.org/activity/2' } }));

    const byAgent = await query(`?agent=${encodeURIComponent(JSON.stringify({ mbox: 'mailto:budi@example.org' }))}`);
    expect(byAgent.body.statements.map((s) => s.verb.id)).toEqual([ATTEMPTED]);
    expect((await query(`?verb=${encodeURIComponent(EXPERIENCED)}`)).body.statements).toHaveLength(2);
    const byActivity = await query(`?activity=${encodeURIComponent('https://example.org/activity/2')}`);
    expect(byActivity.body.statements).toHaveLength(1);
    const byRegistration = await query(`?registration=${registration}`);
    expect(byRegistration.body.statements).toHaveLength(1);
    expect(byRegistration.body.statements[0]?.context?.registration).toBe(registration);
    expect((await query(`?since=${encodeURIComponent(middle)}`)).body.statements).toHaveLength(1);
    expect((await query(`?until=${encodeURIComponent(middle)}`)).body.statements).toHaveLength(2);

    const newestFirst = (await query('')).body.statements.map((s) => s.object.id);
    expect(newestFirst[0]).toBe('https://example.org/activity/2');
    const oldestFirst = (await query('?ascending=true')).body.statements.map((s) => s.object.id);
    expect(oldestFirst).toEqual([...newestFirst].reverse());

    const ids = await query('?format=ids');
    expect(ids.body.statements[0]?.verb).toEqual({ id: EXPERIENCED });
    expect(ids.body.statements[0]?.actor).toEqual({ objectType: 'Agent', mbox: 'mailto:ani@example.org' });
  });

  it('pages through results with a stable "more" link, even when statements arrive meanwhile', async () => {
    const ids = Array.from({ length: 5 }, () => randomUUID());
    await post(ids.map((id) => statement({ id })));
    const pages: string[][] = [];
    let link = '/xapi/statements?limit=2&ascending=true';
    while (link) {
      const page = await h.call<StatementResult>('GET', link, { auth: h.admin, headers: XAPI });
      expect(page.status).toBe(200);
      pages.push(page.body.statements.map((s) => s.id));
      link = page.body.more;
      if (pages.length === 1) {
        h.clock.advance(1000);
        await post(statement());
      }
    }
    expect(pages.map((page) => page.length)).toEqual([2, 2, 2]);
    expect(pages.flat().slice(0, 5).sort()).toEqual([...ids].sort());
  });

  it('voids a statement: it disappears from queries and is returned only by voidedStatementId', async () => {
    const target = randomUUID();
    await post(statement({ id: target }));
    const voiding = await post(
      statement({ verb: { id: 'http://adlnet.gov/expapi/verbs/voided' }, object: { objectType: 'StatementRef', id: target } }),
    );
    expect(voiding.status).toBe(200);
    const byId = await h.call('GET', `/xapi/statements?statementId=${target}`, { auth: h.admin, headers: XAPI });
    expect(byId.status).toBe(404);
    const byVoidedId = await h.call<StoredStatement>('GET', `/xapi/statements?voidedStatementId=${target}`, {
      auth: h.admin,
      headers: XAPI,
    });
    expect(byVoidedId.status).toBe(200);
    expect(byVoidedId.body.id).toBe(target);
    const remaining = (await query('')).body.statements;
    expect(remaining.map((s) => s.id)).not.toContain(target);
    expect(remaining).toHaveLength(1);
  });

  it('lets a learner session record and read only its own learner', async () => {
    await publishFixture(h);
    const ani = await openSession(h, NIP_ANI);
    const budi = await openSession(h, NIP_BUDI);
    const own = await post(statement({ actor: learnerAgent(NIP_ANI, 'Ani Lestari') }), ani.auth);
    expect(own.status).toBe(200);
    const other = await post(statement({ actor: learnerAgent(NIP_BUDI) }), ani.auth);
    expect(other.status).toBe(403);
    expect(errorOf(other).code).toBe('statement_not_yours');
    await post(statement({ actor: learnerAgent(NIP_BUDI) }), budi.auth);

    const seenByAni = (await query('', ani.auth)).body.statements;
    expect(seenByAni).toHaveLength(1);
    expect(seenByAni[0]?.actor.account?.name).toBe(NIP_ANI);
    const budisId = (await query('', budi.auth)).body.statements[0]?.id ?? '';
    const peek = await h.call('GET', `/xapi/statements?statementId=${budisId}`, { auth: ani.auth, headers: XAPI });
    expect(peek.status).toBe(404);
  });

  it("refuses a learner session's forged pass on a test with 403, naming the verb and that the LRS records results", async () => {
    await publishFixture(h);
    const ani = await openSession(h, NIP_ANI);
    const forged = statement({
      actor: learnerAgent(NIP_ANI),
      verb: VERBS.passed,
      object: { objectType: 'Activity', id: testActivityId(COURSE_ID, 'final') },
      result: { success: true, score: { raw: 100, min: 0, max: 100 }, extensions: { [EXTENSIONS.decision]: 'competent' } },
    });
    const reply = await post(forged, ani.auth);
    expect(reply.status).toBe(403);
    expect(errorOf(reply).code).toBe('statement_not_allowed');
    expect(errorOf(reply).message).toContain(VERBS.passed.id);
    expect(errorOf(reply).message).toMatch(/recorded by the LRS itself/);
    expect(errorOf(reply).message_id).toContain(VERBS.passed.id);
    expect(errorOf(reply).message_id).toMatch(/dicatat sendiri oleh LRS/);

    const withResult = statement({
      actor: learnerAgent(NIP_ANI),
      verb: VERBS.experienced,
      object: { objectType: 'Activity', id: materialActivityId(COURSE_ID, 'kejujuran') },
      result: { success: true, extensions: { [EXTENSIONS.decision]: 'competent' } },
    });
    const resultRefused = await post(withResult, ani.auth);
    expect(resultRefused.status).toBe(403);
    expect(errorOf(resultRefused).code).toBe('statement_not_allowed');
    expect((await query('', h.admin)).body.statements).toEqual([]);

    const asAdmin = await post(forged);
    expect(asAdmin.status).toBe(200);
  });

  it('lets a learner session send what the unit sends: initialized, experienced and terminated', async () => {
    await publishFixture(h);
    const ani = await openSession(h, NIP_ANI);
    const actor = learnerAgent(NIP_ANI, 'Ani Lestari');
    const course = { objectType: 'Activity', id: courseActivityId(COURSE_ID) };
    const material = { objectType: 'Activity', id: materialActivityId(COURSE_ID, 'kejujuran') };
    const sent = await post(
      [
        statement({ actor, verb: VERBS.initialized, object: course }),
        statement({ actor, verb: VERBS.experienced, object: material }),
        statement({ actor, verb: VERBS.terminated, object: course }),
      ],
      ani.auth,
    );
    expect(sent.status).toBe(200);
    expect(sent.body).toHaveLength(3);
  });

  it('explains an invalid statement in Indonesian by its property path, leaving the English detail to message', async () => {
    const reply = await post(statement({ timestamp: 'yesterday' }));
    expect(reply.status).toBe(400);
    expect(errorOf(reply).message).toMatch(/statement\.timestamp.*ISO 8601 date-time/);
    expect(errorOf(reply).message_id).toBe(
      'Properti pernyataan "statement.timestamp" tidak sesuai model data xAPI. Perbaiki properti tersebut lalu kirim ulang.',
    );
  });

  it('answers CORS preflight requests from any origin for xAPI headers', async () => {
    const reply = await h.call('OPTIONS', '/xapi/statements', {
      headers: {
        Origin: 'https://lms.example.go.id',
        'Access-Control-Request-Method': 'POST',
        'Access-Control-Request-Headers': 'authorization,content-type,x-experience-api-version',
      },
    });
    expect(reply.status).toBe(204);
    expect(reply.headers.get('access-control-allow-origin')).toBe('*');
    expect(reply.headers.get('access-control-allow-headers')).toMatch(/X-Experience-API-Version/i);
  });
});
