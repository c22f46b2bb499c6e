import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readConfig } from '../src/config';
import { startHarness, type ErrorBody, type Harness } from './harness';
import { actor, iri, validStatement, xapiVersion, type Json } from './support/statement-arbitraries';
import { attachmentOf, attachmentPart, BOUNDARY, jsonPart, multipart, send, statement, V1 } from './support/xapi-wire';

/*
 * Bodies over the configured size limits (413), a statement id re-used for
 * other content (409) and document writes against a stale ETag (412): each
 * refused with the status xAPI names and a message saying what to do, with
 * nothing changed.
 */

let h: Harness;
const LIMITS = { SMART_BODY_LIMIT: '16kb', SMART_ATTACHMENT_LIMIT: '64kb' };
const saved = { SMART_BODY_LIMIT: process.env.SMART_BODY_LIMIT, SMART_ATTACHMENT_LIMIT: process.env.SMART_ATTACHMENT_LIMIT };

beforeEach(async () => {
  Object.assign(process.env, LIMITS);
  h = await startHarness();
});
afterEach(async () => {
  await h.close();
  for (const [name, value] of Object.entries(saved)) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
});

function errorOf(reply: { json: unknown }): ErrorBody['error'] {
  return (reply.json as ErrorBody).error;
}

function postJson(body: unknown) {
  return send(h, 'POST', '/xapi/statements', {
    auth: h.admin,
    headers: { ...V1, 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
}

function postWithAttachment(content: Buffer, id: string = randomUUID()) {
  return send(h, 'POST', '/xapi/statements', {
    auth: h.admin,
    headers: { ...V1, 'Content-Type': `multipart/mixed; boundary=${BOUNDARY}` },
    body: multipart([jsonPart(statement({ id, attachments: [attachmentOf(content)] })), attachmentPart(content)]),
  });
}

async function storedCount(): Promise<number> {
  const reply = await h.call<{ statements: unknown[] }>('GET', '/xapi/statements?limit=0&format=ids', { auth: h.admin, headers: V1 });
  return reply.body.statements.length;
}

/** `count` statements whose JSON takes about `bytes` in all. */
function batchOfSize(bytes: number, count = 8): Json[] {
  const name = 'a'.repeat(Math.ceil(bytes / count));
  return Array.from({ length: count }, () => statement({ id: randomUUID(), actor: { name, mbox: 'mailto:ani@example.org' } }));
}

describe('bodies over the configured limits', () => {
  it('refuses a JSON statements body over SMART_BODY_LIMIT with 413 stating the limit, and stores none of it', async () => {
    const over = await postJson(batchOfSize(20 * 1024));
    expect(over.status).toBe(413);
    expect(errorOf(over).code).toBe('body_too_large');
    expect(errorOf(over).message).toContain('larger than the 16kb this LRS accepts');
    expect(errorOf(over).message).toContain('SMART_BODY_LIMIT');
    expect(errorOf(over).message_id).toContain('batas 16kb');
    expect(await storedCount()).toBe(0);

    expect((await postJson(batchOfSize(8 * 1024))).status).toBe(200);
    expect(await storedCount()).toBe(8);
  });

  it('refuses statements whose attachment data exceeds SMART_ATTACHMENT_LIMIT with 413 stating that limit, and stores nothing', async () => {
    const id = randomUUID();
    const over = await postWithAttachment(Buffer.alloc(100 * 1024, 0x61), id);
    expect(over.status).toBe(413);
    expect(errorOf(over).code).toBe('body_too_large');
    expect(errorOf(over).message).toContain('larger than the 64kb this LRS accepts');
    expect(errorOf(over).message).toContain('fileUrl');
    expect(errorOf(over).message).toContain('SMART_ATTACHMENT_LIMIT');
    expect(errorOf(over).message_id).toContain('batas 64kb');
    expect(await storedCount()).toBe(0);
    expect((await h.call('GET', `/xapi/statements?statementId=${id}`, { auth: h.admin, headers: V1 })).status).toBe(404);
  });

  it('accepts an attachment larger than SMART_BODY_LIMIT when it is within SMART_ATTACHMENT_LIMIT', async () => {
    const evidence = Buffer.alloc(40 * 1024, 0x62);
    const id = randomUUID();
    expect((await postWithAttachment(evidence, id)).status).toBe(200);
    const back = await send(h, 'GET', `/xapi/statements?statementId=${id}&attachments=true`, { auth: h.admin, headers: V1 });
    expect(back.status).toBe(200);
    expect(back.body.includes(evidence)).toBe(true);
  });

  it('refuses a document over SMART_BODY_LIMIT with 413 and keeps no part of it', async () => {
    const params = new URLSearchParams({
      activityId: 'https://example.org/activity/1',
      agent: JSON.stringify({ mbox: 'mailto:ani@example.org' }),
      stateId: 'bookmark',
    });
    const over = await send(h, 'PUT', `/xapi/activities/state?${params}`, {
      auth: h.admin,
      headers: { ...V1, 'Content-Type': 'application/json' },
      body: JSON.stringify({ notes: 'n'.repeat(20 * 1024) }),
    });
    expect(over.status).toBe(413);
    expect(errorOf(over).message).toContain('16kb');
    expect((await send(h, 'GET', `/xapi/activities/state?${params}`, { auth: h.admin, headers: V1 })).status).toBe(404);
  });

  it('reads both limits from the environment, with defaults, and refuses a value that is not a size', () => {
    expect(readConfig({})).toMatchObject({ bodyLimit: '5mb', attachmentLimit: '20mb' });
    expect(readConfig({ SMART_ATTACHMENT_LIMIT: '100mb', SMART_BODY_LIMIT: '512kb' })).toMatchObject({
      bodyLimit: '512kb',
      attachmentLimit: '100mb',
    });
    expect(() => readConfig({ SMART_ATTACHMENT_LIMIT: 'lots' })).toThrow(/SMART_ATTACHMENT_LIMIT must be a size such as 20mb/);
    expect(() => readConfig({ SMART_BODY_LIMIT: '5 megabytes' })).toThrow(/SMART_BODY_LIMIT must be a size/);
  });
});

/** One change to a statement that makes it say something else. */
const change = fc.oneof(
  iri.map((verbId) => (sent: Json) => ({ ...sent, verb: { id: `${verbId}/other` } })),
  actor.map((other) => (sent: Json) => ({ ...sent, actor: { ...other, name: `${String((sent.actor as Json).name)} (other)` } })),
  fc.string({ minLength: 1, maxLength: 8 }).map((response) => (sent: Json) => ({
    ...sent,
    result: { ...(sent.result as Json | undefined), response: `${String((sent.result as Json | undefined)?.response ?? '')}${response}` },
  })),
);

describe('malformed JSON', () => {
  it('refuses a statement cut short anywhere with 400 invalid_json, storing nothing', async () => {
    const cases = fc
      .tuple(validStatement('1.0.3'), fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }))
      .map(([generated, cut]) => {
        const text = JSON.stringify({ ...generated, id: randomUUID() });
        return text.slice(0, Math.floor(cut * text.length));
      });
    await fc.assert(
      fc.asyncProperty(cases, async (truncated) => {
        const reply = await send(h, 'POST', '/xapi/statements', {
          auth: h.admin,
          headers: { ...V1, 'Content-Type': 'application/json' },
          body: truncated,
        });
        expect(reply.status).toBe(400);
        expect(errorOf(reply).code).toBe('invalid_json');
        expect(errorOf(reply).message).toContain('not valid JSON');
        expect(await storedCount()).toBe(0);
      }),
      { numRuns: 40 },
    );
  });
});

describe('conflicts', () => {
  it('refuses any change to a stored statement under its id with 409 and keeps the stored one, while the same content again is a no-op', async () => {
    const cases = xapiVersion.chain((version) => fc.record({ version: fc.constant(version), statement: validStatement(version), change }));
    await fc.assert(
      fc.asyncProperty(cases, async ({ version, statement: generated, change: alter }) => {
        const headers = { 'X-Experience-API-Version': version };
        const id = randomUUID();
        const sent = { ...(JSON.parse(JSON.stringify(generated)) as Json), id };
        expect((await h.call('POST', '/xapi/statements', { auth: h.admin, body: sent, headers })).status).toBe(200);
        const stored = await h.call('GET', `/xapi/statements?statementId=${id}`, { auth: h.admin, headers });

        // The same statement with its properties in another order says the same thing.
        const reordered = Object.fromEntries(Object.entries(sent).reverse());
        expect((await h.call('PUT', `/xapi/statements?statementId=${id}`, { auth: h.admin, body: reordered, headers })).status).toBe(204);

        const conflict = await h.call('POST', '/xapi/statements', { auth: h.admin, body: alter(sent), headers });
        expect(conflict.status).toBe(409);
        expect(conflict.body.error.code).toBe('statement_conflict');
        expect(conflict.body.error.message).toContain(id);
        expect((await h.call('GET', `/xapi/statements?statementId=${id}`, { auth: h.admin, headers })).body).toEqual(stored.body);
      }),
      { numRuns: 40 },
    );
  });

  it('refuses a document write whose If-Match names any ETag but the current one with 412, leaving the document as it was', async () => {
    const etags = fc.oneof(fc.stringMatching(/^[0-9a-f]{40}$/).map((tag) => `"${tag}"`), fc.constant('W/"weak"'), fc.constant('"stale", "older"'));
    const documents = fc.dictionary(fc.string({ minLength: 1, maxLength: 6 }), fc.jsonValue({ maxDepth: 2 }), { minKeys: 1, maxKeys: 3 });
    const cases = fc.record({ original: documents, replacement: documents, ifMatch: etags, method: fc.constantFrom('PUT', 'POST', 'DELETE') });
    await fc.assert(
      fc.asyncProperty(cases, async ({ original, replacement, ifMatch, method }) => {
        const url = `/xapi/activities/profile?${new URLSearchParams({ activityId: 'https://example.org/activity/1', profileId: randomUUID() })}`;
        const json = { ...V1, 'Content-Type': 'application/json' };
        expect((await send(h, 'PUT', url, { auth: h.admin, headers: { ...json, 'If-None-Match': '*' }, body: JSON.stringify(original) })).status).toBe(204);
        const before = await send(h, 'GET', url, { auth: h.admin, headers: V1 });
        const current = before.headers.get('etag') ?? '';
        fc.pre(!ifMatch.includes(current));

        const refused = await send(h, method, url, {
          auth: h.admin,
          headers: { ...json, 'If-Match': ifMatch },
          ...(method === 'DELETE' ? {} : { body: JSON.stringify(replacement) }),
        });
        expect(refused.status).toBe(412);
        expect(errorOf(refused).message).toContain('If-Match');
        const after = await send(h, 'GET', url, { auth: h.admin, headers: V1 });
        expect(after.body.equals(before.body)).toBe(true);
        expect(after.headers.get('etag')).toBe(current);
      }),
      { numRuns: 40 },
    );
  });
});
