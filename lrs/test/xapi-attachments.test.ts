import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startHarness, type ErrorBody, type Harness } from './harness';
import {
  attachmentOf,
  attachmentPart,
  BOUNDARY,
  jsonPart,
  multipart,
  partsOf,
  send,
  sha256,
  statement,
  V1,
  V2,
  type Part,
} from './support/xapi-wire';

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(async () => {
  await h.close();
});

const EVIDENCE = 'Minutes of the service meeting, signed by the head of unit.';
const PHOTO = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x0d, 0x0a, 0x2d, 0x2d]);
const MIXED = { 'Content-Type': `multipart/mixed; boundary=${BOUNDARY}` };

function postMultipart(parts: Part[], version = V1) {
  return send(h, 'POST', '/xapi/statements', { auth: h.admin, headers: { ...version, ...MIXED }, body: multipart(parts) });
}

function get(query: string, version = V1) {
  return send(h, 'GET', `/xapi/statements${query}`, { auth: h.admin, headers: version });
}

function errorCode(reply: { json: unknown }): string {
  return (reply.json as ErrorBody).error.code;
}

async function storedCount(): Promise<number> {
  return ((await get('')).json as { statements: unknown[] }).statements.length;
}

describe('statement attachments in multipart/mixed', () => {
  it('stores a statement with its attachment data and returns the data only when attachments=true', async () => {
    const id = randomUUID();
    const posted = await postMultipart([
      jsonPart(statement({ id, attachments: [attachmentOf(EVIDENCE)] })),
      attachmentPart(EVIDENCE),
    ]);
    expect(posted.status).toBe(200);
    expect(posted.json).toEqual([id]);

    const plain = await get(`?statementId=${id}`);
    expect(plain.headers.get('content-type')).toMatch(/^application\/json/);
    expect(await get(`?statementId=${id}&attachments=false`)).toMatchObject({ json: { id } });

    const withData = await get(`?statementId=${id}&attachments=true`);
    expect(withData.status).toBe(200);
    expect(withData.headers.get('content-type')).toMatch(/^multipart\/mixed; boundary=/);
    expect(withData.headers.get('x-experience-api-consistent-through')).toBeTruthy();
    const [first, second, ...rest] = partsOf(withData);
    expect(first?.headers['content-type']).toBe('application/json');
    expect(JSON.parse(first?.content.toString() ?? '')).toMatchObject({ id, attachments: [{ sha2: sha256(EVIDENCE) }] });
    expect(second?.headers['x-experience-api-hash']).toBe(sha256(EVIDENCE));
    expect(second?.headers['content-transfer-encoding']).toBe('binary');
    expect(second?.content.toString()).toBe(EVIDENCE);
    expect(rest).toEqual([]);
  });

  it('keeps binary data byte for byte, even bytes that look like a line break and a delimiter', async () => {
    const id = randomUUID();
    const posted = await postMultipart([
      jsonPart(statement({ id, attachments: [attachmentOf(PHOTO, { contentType: 'image/jpeg' })] })),
      attachmentPart(PHOTO, 'image/jpeg'),
    ]);
    expect(posted.status).toBe(200);
    const [, photo] = partsOf(await get(`?statementId=${id}&attachments=true`));
    expect(photo?.headers['content-type']).toBe('image/jpeg');
    expect(photo?.content.equals(PHOTO)).toBe(true);
  });

  it('answers a query with attachments=true as the StatementResult first and each attachment once', async () => {
    const shared = attachmentOf(EVIDENCE);
    const first = await postMultipart([
      jsonPart([statement({ attachments: [shared] }), statement({ attachments: [shared] })]),
      attachmentPart(EVIDENCE),
    ]);
    expect(first.status).toBe(200);
    const linked = await send(h, 'POST', '/xapi/statements', {
      auth: h.admin,
      headers: { ...V1, 'Content-Type': 'application/json' },
      body: JSON.stringify(statement({ attachments: [attachmentOf('elsewhere', { fileUrl: 'https://files.example.org/a.txt' })] })),
    });
    expect(linked.status).toBe(200);

    const parts = partsOf(await get('?attachments=true'));
    const result = JSON.parse(parts[0]?.content.toString() ?? '') as { statements: unknown[]; more: string };
    expect(result.statements).toHaveLength(3);
    expect(parts.slice(1).map((part) => part.headers['x-experience-api-hash'])).toEqual([sha256(EVIDENCE)]);
  });

  it('stores a statement sent by PUT as multipart/mixed', async () => {
    const id = randomUUID();
    const put = await send(h, 'PUT', `/xapi/statements?statementId=${id}`, {
      auth: h.admin,
      headers: { ...V1, ...MIXED },
      body: multipart([jsonPart(statement({ attachments: [attachmentOf(EVIDENCE)] })), attachmentPart(EVIDENCE)]),
    });
    expect(put.status).toBe(204);
    const [, data] = partsOf(await get(`?statementId=${id}&attachments=true`));
    expect(data?.content.toString()).toBe(EVIDENCE);
  });

  it('accepts a part that a preamble line precedes and a body that ends right after the closing delimiter', async () => {
    const body = Buffer.concat([
      Buffer.from('\r\n'),
      multipart([jsonPart(statement({ attachments: [attachmentOf(EVIDENCE)] })), attachmentPart(EVIDENCE)]).subarray(0, -2),
    ]);
    const posted = await send(h, 'POST', '/xapi/statements', { auth: h.admin, headers: { ...V1, ...MIXED }, body });
    expect(posted.status).toBe(200);
  });

  it('refuses an attachment without fileUrl whose data is missing, and stores nothing of the batch', async () => {
    const reply = await postMultipart([
      jsonPart([statement(), statement({ attachments: [attachmentOf(EVIDENCE), attachmentOf('second file')] })]),
      attachmentPart(EVIDENCE),
    ]);
    expect(reply.status).toBe(400);
    expect((reply.json as ErrorBody).error.message).toContain('statements[1].attachments[1]');
    expect(await storedCount()).toBe(0);

    const asJson = await send(h, 'POST', '/xapi/statements', {
      auth: h.admin,
      headers: { ...V1, 'Content-Type': 'application/json' },
      body: JSON.stringify(statement({ attachments: [attachmentOf(EVIDENCE)] })),
    });
    expect(asJson.status).toBe(400);
    expect((asJson.json as ErrorBody).error.message).toContain('multipart/mixed part');
  });

  it('refuses a part whose data does not hash to its X-Experience-API-Hash', async () => {
    const part = attachmentPart(EVIDENCE);
    const reply = await postMultipart([
      jsonPart(statement({ attachments: [attachmentOf(EVIDENCE)] })),
      { ...part, content: `${EVIDENCE} (altered)` },
    ]);
    expect(reply.status).toBe(400);
    expect(errorCode(reply)).toBe('invalid_multipart');
    expect((reply.json as ErrorBody).error.message).toContain(sha256(EVIDENCE));
  });

  it('refuses a part that no declared attachment names', async () => {
    const reply = await postMultipart([
      jsonPart(statement({ attachments: [attachmentOf(EVIDENCE)] })),
      attachmentPart(EVIDENCE),
      attachmentPart('an extra file'),
    ]);
    expect(reply.status).toBe(400);
    expect(errorCode(reply)).toBe('invalid_attachments');
  });

  it('refuses a part without X-Experience-API-Hash, and under 1.0.3 one without Content-Transfer-Encoding: binary', async () => {
    const declared = jsonPart(statement({ attachments: [attachmentOf(EVIDENCE)] }));
    const { 'X-Experience-API-Hash': _hash, ...withoutHash } = attachmentPart(EVIDENCE).headers;
    expect((await postMultipart([declared, { headers: withoutHash, content: EVIDENCE }])).status).toBe(400);

    const { 'Content-Transfer-Encoding': _encoding, ...unencoded } = attachmentPart(EVIDENCE).headers;
    expect((await postMultipart([declared, { headers: unencoded, content: EVIDENCE }])).status).toBe(400);
    const base64 = { ...unencoded, 'Content-Transfer-Encoding': 'base64' };
    expect((await postMultipart([declared, { headers: base64, content: EVIDENCE }])).status).toBe(400);
    // xAPI 2.0 only forbids encodings other than binary.
    expect((await postMultipart([declared, { headers: unencoded, content: EVIDENCE }], V2)).status).toBe(200);
  });

  it('refuses a body whose first part is not the statements as application/json', async () => {
    const reply = await postMultipart([
      { headers: { 'Content-Type': 'text/plain' }, content: JSON.stringify(statement()) },
    ]);
    expect(reply.status).toBe(400);
    expect((reply.json as ErrorBody).error.message).toContain('first part');

    const split = await postMultipart([
      jsonPart(statement({ attachments: [attachmentOf(EVIDENCE)] })),
      jsonPart(statement()),
      attachmentPart(EVIDENCE),
    ]);
    expect(split.status).toBe(400);
  });

  it('refuses multipart/mixed without a boundary, multipart/form-data and a body without delimiters', async () => {
    const body = multipart([jsonPart(statement())]);
    const noBoundary = await send(h, 'POST', '/xapi/statements', {
      auth: h.admin,
      headers: { ...V1, 'Content-Type': 'multipart/mixed' },
      body,
    });
    expect(noBoundary.status).toBe(400);
    expect((noBoundary.json as ErrorBody).error.message).toContain('boundary');

    const formData = await send(h, 'POST', '/xapi/statements', {
      auth: h.admin,
      headers: { ...V1, 'Content-Type': `multipart/form-data; boundary=${BOUNDARY}` },
      body,
    });
    expect(formData.status).toBe(400);

    const undelimited = await send(h, 'POST', '/xapi/statements', {
      auth: h.admin,
      headers: { ...V1, ...MIXED },
      body: `Content-Type: application/json\r\n\r\n${JSON.stringify(statement())}`,
    });
    expect(undelimited.status).toBe(400);
    expect(await storedCount()).toBe(0);
  });
});
