import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startHarness, type ErrorBody, type Harness, type Reply } from './harness';
import { statement, V1 } from './support/xapi-wire';

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(async () => {
  await h.close();
});

type Json = Record<string, unknown>;
type Result = { statements: Json[]; more: string };

const VOIDED = 'http://adlnet.gov/expapi/verbs/voided';
const ATTENDED = 'http://adlnet.gov/expapi/verbs/attended';

function post(body: unknown) {
  return h.call<string[]>('POST', '/xapi/statements', { auth: h.admin, body, headers: V1 });
}

function get<T = Result>(query: string, headers: Record<string, string> = {}) {
  return h.call<T>('GET', `/xapi/statements${query}`, { auth: h.admin, headers: { ...V1, ...headers } });
}

function ids(reply: Reply<Result>): unknown[] {
  return reply.body.statements.map((s) => s.id);
}

function message(reply: Reply<unknown>): string {
  return (reply.body as ErrorBody).error.message;
}

describe('statement GET rules', () => {
  it('refuses statementId or voidedStatementId with any parameter but attachments and format, still saying how consistent it is', async () => {
    const id = randomUUID();
    await post(statement({ id }));
    for (const extra of ['agent=%7B%7D', 'verb=https%3A%2F%2Fexample.org%2Fv', 'limit=1', 'ascending=true', 'since=2026-01-01T00%3A00%3A00Z']) {
      for (const key of ['statementId', 'voidedStatementId']) {
        const reply = await get(`?${key}=${id}&${extra}`);
        expect(reply.status).toBe(400);
        expect(reply.headers.get('x-experience-api-consistent-through')).toBe(h.clock.now().toISOString());
      }
    }
    expect((await get(`?statementId=${id}&format=ids&attachments=false`)).status).toBe(200);
    const missing = await get(`?statementId=${randomUUID()}`);
    expect(missing.status).toBe(404);
    expect(missing.headers.get('x-experience-api-consistent-through')).toBeTruthy();
    expect((await post(statement())).headers.get('x-experience-api-consistent-through')).toBeTruthy();
  });

  it('reduces agents, groups, activities and verbs to their identifiers with format=ids', async () => {
    const id = randomUUID();
    await post(
      statement({
        id,
        actor: { objectType: 'Group', name: 'Tim', member: [{ name: 'Ani', mbox: 'mailto:ani@example.org' }, { name: 'Budi', openid: 'https://id.example.org/budi' }] },
        object: {
          objectType: 'SubStatement',
          actor: { objectType: 'Group', name: 'Unit', mbox: 'mailto:unit@example.org', member: [{ mbox: 'mailto:x@example.org' }] },
          verb: { id: ATTENDED, display: { 'en-US': 'attended' } },
          object: { objectType: 'Activity', id: 'https://example.org/meeting', definition: { name: { 'en-US': 'Meeting' } } },
        },
        context: { contextActivities: { parent: { id: 'https://example.org/course', definition: { name: { 'en-US': 'Course' } } } } },
      }),
    );
    const got = await get<Json>(`?statementId=${id}&format=ids`);
    expect(got.body.actor).toEqual({ objectType: 'Group', member: [{ mbox: 'mailto:ani@example.org' }, { openid: 'https://id.example.org/budi' }] });
    expect(got.body.verb).toEqual({ id: 'http://adlnet.gov/expapi/verbs/experienced' });
    expect(got.body.object).toMatchObject({
      actor: { objectType: 'Group', mbox: 'mailto:unit@example.org' },
      verb: { id: ATTENDED },
      object: { id: 'https://example.org/meeting' },
    });
    expect((got.body.object as Json).actor).not.toHaveProperty('member');
    expect(got.body.context).toEqual({ contextActivities: { parent: [{ id: 'https://example.org/course' }] } });
  });

  it('gives one language per language map with format=canonical, chosen from Accept-Language', async () => {
    const id = randomUUID();
    await post(
      statement({
        id,
        verb: { id: ATTENDED, display: { 'en-US': 'attended', 'id-ID': 'menghadiri' } },
        object: {
          id: 'https://example.org/quiz',
          definition: {
            name: { 'en-US': 'Quiz', 'id-ID': 'Kuis' },
            description: { 'en-US': 'A quiz', 'id-ID': 'Sebuah kuis' },
            interactionType: 'choice',
            correctResponsesPattern: ['a'],
            choices: [{ id: 'a', description: { 'en-US': 'Yes', 'id-ID': 'Ya' } }],
          },
        },
      }),
    );
    const indonesian = await get<Json>(`?statementId=${id}&format=canonical`, { 'Accept-Language': 'id-ID, en;q=0.5' });
    expect(indonesian.body.verb).toEqual({ id: ATTENDED, display: { 'id-ID': 'menghadiri' } });
    expect((indonesian.body.object as Json).definition).toEqual({
      name: { 'id-ID': 'Kuis' },
      description: { 'id-ID': 'Sebuah kuis' },
      interactionType: 'choice',
      correctResponsesPattern: ['a'],
      choices: [{ id: 'a', description: { 'id-ID': 'Ya' } }],
    });
    const english = await get<Result>('?format=canonical', { 'Accept-Language': 'en' });
    expect(english.body.statements[0]?.verb).toEqual({ id: ATTENDED, display: { 'en-US': 'attended' } });
    const exact = await get<Json>(`?statementId=${id}`, { 'Accept-Language': 'id-ID' });
    expect(exact.body.verb).toEqual({ id: ATTENDED, display: { 'en-US': 'attended', 'id-ID': 'menghadiri' } });
  });

  it('returns statements that target a statement matching the filters, the voided one excepted, with since applied to each', async () => {
    const voided = randomUUID();
    const voiding = randomUUID();
    const reference = randomUUID();
    const referenceToReference = randomUUID();
    await post(statement({ id: voided, verb: { id: ATTENDED } }));
    h.clock.advance(1000);
    const afterVoided = h.clock.now().toISOString();
    h.clock.advance(1000);
    await post(statement({ id: voiding, verb: { id: VOIDED }, object: { objectType: 'StatementRef', id: voided } }));
    await post(statement({ id: reference, object: { objectType: 'StatementRef', id: voided } }));
    await post(statement({ id: referenceToReference, object: { objectType: 'StatementRef', id: reference } }));
    await post(statement({ verb: { id: 'https://example.org/verbs/unrelated' } }));

    const byVerb = await get(`?verb=${encodeURIComponent(ATTENDED)}&ascending=true`);
    expect(ids(byVerb)).toEqual([voiding, reference, referenceToReference]);
    const since = await get(`?verb=${encodeURIComponent(ATTENDED)}&since=${encodeURIComponent(afterVoided)}&limit=2`);
    expect(ids(since)).toEqual([referenceToReference, reference]);
    expect(since.body.more).not.toBe('');
  });
});

describe('statement validation', () => {
  it('accepts an authority that is an agent or an anonymous group of two, and refuses any other group', async () => {
    const two = [{ account: { homePage: 'https://lms.example.org/oauth', name: 'consumer-1' } }, { mbox: 'mailto:ani@example.org' }];
    expect((await post(statement({ authority: { objectType: 'Group', member: two } }))).status).toBe(200);
    const refused = [
      { objectType: 'Group', mbox: 'mailto:unit@example.org', member: two },
      { objectType: 'Group', member: two.slice(0, 1) },
      { objectType: 'Group', member: [...two, { mbox: 'mailto:budi@example.org' }] },
    ];
    for (const authority of refused) {
      const reply = await post(statement({ authority }));
      expect(reply.status).toBe(400);
      expect(message(reply)).toContain('statement.authority');
    }
  });

  it('refuses interaction components and response patterns without an interactionType', async () => {
    for (const definition of [{ correctResponsesPattern: ['true'] }, { choices: [{ id: 'a' }] }, { steps: [{ id: 's1' }] }]) {
      const reply = await post(statement({ object: { id: 'https://example.org/q', definition } }));
      expect(reply.status).toBe(400);
      expect(message(reply)).toContain('statement.object.definition.interactionType');
    }
    const typed = { interactionType: 'choice', correctResponsesPattern: ['a'], choices: [{ id: 'a' }] };
    expect((await post(statement({ object: { id: 'https://example.org/q', definition: typed } }))).status).toBe(200);
  });
});
