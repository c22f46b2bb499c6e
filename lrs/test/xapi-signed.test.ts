import { generateKeyPairSync, randomUUID, type KeyObject } from 'node:crypto';
import { CompactSign } from 'jose';
import forge from 'node-forge';
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
  statement,
  V1,
  V2,
} from './support/xapi-wire';

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(async () => {
  await h.close();
});

const SIGNATURE = 'http://adlnet.gov/expapi/attachments/signature';

interface KeyPair {
  privateKey: KeyObject;
  publicKey: KeyObject;
}

function rsaKeys(): KeyPair {
  return generateKeyPairSync('rsa', { modulusLength: 2048 });
}

const signer = rsaKeys();

async function sign(
  payload: unknown,
  options: { keys?: KeyPair; alg?: string; x5c?: string[] } = {},
): Promise<string> {
  const keys = options.keys ?? signer;
  const header = { alg: options.alg ?? 'RS256', ...(options.x5c ? { x5c: options.x5c } : {}) };
  return new CompactSign(Buffer.from(JSON.stringify(payload))).setProtectedHeader(header).sign(keys.privateKey);
}

/** A certificate for `subject`'s key, signed by `issuer`'s key, as x5c wants it (base64 DER). */
function certificate(subject: KeyPair, issuer: KeyPair, names: { subject: string; issuer: string }): string {
  const cert = forge.pki.createCertificate();
  cert.publicKey = forge.pki.publicKeyFromPem(subject.publicKey.export({ type: 'spki', format: 'pem' }).toString());
  cert.serialNumber = '01';
  cert.validity.notBefore = new Date('2026-01-01T00:00:00Z');
  cert.validity.notAfter = new Date('2036-01-01T00:00:00Z');
  cert.setSubject([{ name: 'commonName', value: names.subject }]);
  cert.setIssuer([{ name: 'commonName', value: names.issuer }]);
  const issuerKey = forge.pki.privateKeyFromPem(issuer.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString());
  cert.sign(issuerKey, forge.md.sha256.create());
  return forge.util.encode64(forge.asn1.toDer(forge.pki.certificateToAsn1(cert)).getBytes());
}

/** POSTs `sent` with `jws` as its signature attachment (declared with `contentType`). */
function postSigned(sent: Record<string, unknown>, jws: string, options: { contentType?: string; version?: Record<string, string> } = {}) {
  const contentType = options.contentType ?? 'application/octet-stream';
  const body = { ...sent, attachments: [attachmentOf(jws, { usageType: SIGNATURE, contentType })] };
  return send(h, 'POST', '/xapi/statements', {
    auth: h.admin,
    headers: { ...(options.version ?? V1), 'Content-Type': `multipart/mixed; boundary=${BOUNDARY}` },
    body: multipart([jsonPart(body), attachmentPart(jws, contentType)]),
  });
}

function message(reply: { json: unknown }): string {
  return (reply.json as ErrorBody).error.message;
}

describe('signed statements', () => {
  it.each(['RS256', 'RS384', 'RS512'])('accepts a statement signed with %s and keeps the signature', async (alg) => {
    const signed = statement({ id: randomUUID() });
    const jws = await sign(signed, { alg });
    const reply = await postSigned(signed, jws);
    expect(reply.status).toBe(200);

    const got = await send(h, 'GET', `/xapi/statements?statementId=${signed.id as string}&attachments=true`, {
      auth: h.admin,
      headers: V1,
    });
    expect(partsOf(got)[1]?.content.toString()).toBe(jws);
  });

  it('accepts a signature whose x5c chain holds the signing key, issued by the next certificate', async () => {
    const authority = rsaKeys();
    const chain = [
      certificate(signer, authority, { subject: 'Pusdiklat signer', issuer: 'Pusdiklat CA' }),
      certificate(authority, authority, { subject: 'Pusdiklat CA', issuer: 'Pusdiklat CA' }),
    ];
    const signed = statement({ id: randomUUID() });
    expect((await postSigned(signed, await sign(signed, { x5c: chain }))).status).toBe(200);
  });

  it('refuses a signature that the x5c certificate key does not verify', async () => {
    const impostor = rsaKeys();
    const x5c = [certificate(impostor, impostor, { subject: 'Someone else', issuer: 'Someone else' })];
    const signed = statement({ id: randomUUID() });
    const reply = await postSigned(signed, await sign(signed, { x5c }));
    expect(reply.status).toBe(400);
    expect(message(reply)).toContain('x5c certificate');
  });

  it('refuses an x5c chain whose certificates do not follow one from the other', async () => {
    const stranger = rsaKeys();
    const chain = [
      certificate(signer, signer, { subject: 'Pusdiklat signer', issuer: 'Pusdiklat signer' }),
      certificate(stranger, stranger, { subject: 'Unrelated CA', issuer: 'Unrelated CA' }),
    ];
    const signed = statement({ id: randomUUID() });
    const reply = await postSigned(signed, await sign(signed, { x5c: chain }));
    expect(reply.status).toBe(400);
    expect(message(reply)).toContain('chain is broken');
  });

  it('refuses an algorithm other than RS256, RS384 or RS512', async () => {
    const signed = statement({ id: randomUUID() });
    const jws = await new CompactSign(Buffer.from(JSON.stringify(signed)))
      .setProtectedHeader({ alg: 'HS256' })
      .sign(new TextEncoder().encode('a shared secret of enough length for HS256'));
    const reply = await postSigned(signed, jws);
    expect(reply.status).toBe(400);
    expect(message(reply)).toContain('"HS256"');
  });

  it('refuses a statement changed after it was signed, and stores nothing', async () => {
    const signed = statement({ id: randomUUID() });
    const jws = await sign(signed);
    const changed = { ...signed, verb: { id: 'http://adlnet.gov/expapi/verbs/passed' } };
    const reply = await postSigned(changed, jws);
    expect(reply.status).toBe(400);
    expect(message(reply)).toContain('does not match the statement');
    const lookup = await send(h, 'GET', `/xapi/statements?statementId=${signed.id as string}`, { auth: h.admin, headers: V1 });
    expect(lookup.status).toBe(404);
  });

  it('accepts what the LRS could have filled in after signing: an id and a timestamp the payload lacks', async () => {
    const jws = await sign(statement());
    const sent = statement({ id: randomUUID(), timestamp: '2026-12-02T08:00:00.000+07:00' });
    expect((await postSigned(sent, jws)).status).toBe(200);
  });

  it('refuses a signature attachment that is not application/octet-stream, and a malformed JWS', async () => {
    const signed = statement({ id: randomUUID() });
    const wrongType = await postSigned(signed, await sign(signed), { contentType: 'text/plain' });
    expect(wrongType.status).toBe(400);
    expect(message(wrongType)).toContain('application/octet-stream');

    const malformed = await postSigned(statement({ id: randomUUID() }), 'not-a-jws');
    expect(malformed.status).toBe(400);
    expect(message(malformed)).toContain('compact serialization');

    const header = Buffer.from(JSON.stringify({ alg: 'RS256' })).toString('base64url');
    const notJson = `${header}.${Buffer.from("{'actor': 1}").toString('base64url')}.c2ln`;
    const badPayload = await postSigned(statement({ id: randomUUID() }), notJson);
    expect(badPayload.status).toBe(400);
    expect(message(badPayload)).toContain('payload is not a JSON statement');
  });

  it('under xAPI 2.0 compares durations only to hundredths of a second', async () => {
    const signed = statement({ id: randomUUID(), result: { duration: 'P1DT12H36M0.12S' } });
    const jws = await sign(signed);
    const precise = { ...signed, result: { duration: 'P1DT12H36M0.1237S' } };
    expect((await postSigned(precise, jws, { version: V2 })).status).toBe(200);
    const different = { ...signed, id: randomUUID(), result: { duration: 'P1DT12H36M0.13S' } };
    expect((await postSigned(different, await sign({ ...different, result: signed.result }), { version: V2 })).status).toBe(400);
  });
});
