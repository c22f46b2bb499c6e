import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startHarness, type ErrorBody, type Harness } from './harness';
import { send, statement, V1, V2 } from './support/xapi-wire';

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(async () => {
  await h.close();
});

const FORM = { 'Content-Type': 'application/x-www-form-urlencoded' };

/** POSTs the alternate syntax for `method`: every header and parameter as a form field. */
function alternate(method: string, path: string, fields: Record<string, string>, headers: Record<string, string> = FORM) {
  return send(h, 'POST', `/xapi${path}?method=${method}`, { headers, body: new URLSearchParams(fields).toString() });
}

function code(reply: { json: unknown }): string {
  return (reply.json as ErrorBody).error.code;
}

describe('the alternate request syntax of xAPI 1.0.3', () => {
  it('stores a statement by PUT with the credential, version and content all in the form', async () => {
    const id = randomUUID();
    const put = await alternate('PUT', '/statements', {
      statementId: id,
      Authorization: h.admin,
      'X-Experience-API-Version': '1.0.3',
      content: JSON.stringify(statement()),
    });
    expect(put.status).toBe(204);
    const got = await send(h, 'GET', `/xapi/statements?statementId=${id}`, { auth: h.admin, headers: V1 });
    expect(got.json).toMatchObject({ id });
  });

  it('answers a GET sent as POST with the StatementResult its form parameters ask for', async () => {
    await h.call('POST', '/xapi/statements', { auth: h.admin, body: [statement(), statement()], headers: V1 });
    const got = await alternate('GET', '/statements', {
      Authorization: h.admin,
      'X-Experience-API-Version': '1.0.3',
      limit: '1',
    });
    expect(got.status).toBe(200);
    const result = got.json as { statements: unknown[]; more: string };
    expect(result.statements).toHaveLength(1);
    expect(result.more).toMatch(/^\/xapi\/statements\?more=/);
    expect(got.headers.get('x-experience-api-consistent-through')).toBeTruthy();
  });

  it('reaches the document resources too: a state document PUT and read back', async () => {
    const params = {
      activityId: 'https://example.org/activity/module-1',
      agent: JSON.stringify({ mbox: 'mailto:ani@example.org' }),
      stateId: 'bookmark',
    };
    const headers = { Authorization: h.admin, 'X-Experience-API-Version': '1.0.3' };
    const put = await alternate('PUT', '/activities/state', {
      ...params,
      ...headers,
      'Content-Type': 'text/plain',
      content: 'page 7',
    });
    expect(put.status).toBe(204);
    const got = await alternate('GET', '/activities/state', { ...params, ...headers });
    expect(got.status).toBe(200);
    expect(got.body.toString()).toBe('page 7');
  });

  it('treats form fields as the headers they name: an unsupported version in the form is refused', async () => {
    const reply = await alternate('PUT', '/statements', {
      statementId: randomUUID(),
      Authorization: h.admin,
      'X-Experience-API-Version': '0.8',
      content: JSON.stringify(statement()),
    });
    expect(reply.status).toBe(400);
    expect(code(reply)).toBe('xapi_version_unsupported');
  });

  it('refuses the syntax sent other than as POST, with parameters outside the form, or not form-encoded', async () => {
    const fields = { Authorization: h.admin, 'X-Experience-API-Version': '1.0.3', content: JSON.stringify(statement()) };
    const asPut = await send(h, 'PUT', '/xapi/statements?method=POST', { headers: FORM, body: new URLSearchParams(fields).toString() });
    expect(asPut.status).toBe(400);
    expect(code(asPut)).toBe('invalid_alternate_request');

    const id = randomUUID();
    const extra = await send(h, 'POST', `/xapi/statements?method=PUT&statementId=${id}`, {
      headers: FORM,
      body: new URLSearchParams({ ...fields, statementId: id }).toString(),
    });
    expect(extra.status).toBe(400);
    expect((extra.json as ErrorBody).error.message).toContain('statementId');

    const asJson = await send(h, 'POST', '/xapi/statements?method=PUT', {
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ ...fields, statementId: id }),
    });
    expect(asJson.status).toBe(400);

    const unknownMethod = await alternate('PATCH', '/statements', fields);
    expect(unknownMethod.status).toBe(400);
  });

  it('refuses a PUT without content', async () => {
    const reply = await alternate('PUT', '/statements', {
      statementId: randomUUID(),
      Authorization: h.admin,
      'X-Experience-API-Version': '1.0.3',
    });
    expect(reply.status).toBe(400);
  });

  it('is not part of xAPI 2.0: a request asking for 2.0 by header or by form field is refused', async () => {
    const fields = { Authorization: h.admin, content: JSON.stringify(statement()), statementId: randomUUID() };
    const byHeader = await alternate('PUT', '/statements', fields, { ...FORM, ...V2 });
    expect(byHeader.status).toBe(400);
    expect((byHeader.json as ErrorBody).error.message).toContain('xAPI 2.0');
    const byField = await alternate('PUT', '/statements', { ...fields, 'X-Experience-API-Version': '2.0.0' });
    expect(byField.status).toBe(400);
    expect(code(byField)).toBe('invalid_alternate_request');
  });
});
