import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PublishError, loadCourse, publishCourse, publishRegistry } from '../src/index';
import { removeDir, validCourseFiles, writeCourse } from './support/course-fixture';

interface Received {
  method: string;
  url: string;
  authorization: string;
  body: unknown;
}

let server: Server;
let endpoint: string;
let received: Received[];
let reply: { status: number; body: unknown };

beforeEach(async () => {
  received = [];
  reply = { status: 200, body: {} };
  server = createServer(async (request, response) => {
    received.push({
      method: request.method ?? '',
      url: request.url ?? '',
      authorization: request.headers.authorization ?? '',
      body: JSON.parse(await bodyOf(request)),
    });
    response.writeHead(reply.status, { 'content-type': 'application/json' });
    response.end(JSON.stringify(reply.body));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterEach(async () => {
  await new Promise((resolve) => server.close(resolve));
});

async function bodyOf(request: IncomingMessage): Promise<string> {
  let text = '';
  for await (const chunk of request) text += String(chunk);
  return text;
}

describe('publishCourse', () => {
  it('PUTs the full course, bank included, with Basic auth', async () => {
    const dir = await writeCourse(validCourseFiles());
    const course = await loadCourse(dir);
    await removeDir(dir);
    reply = { status: 200, body: { id: 'etika-asn', version: '1.0.0', items: 16 } };

    const result = await publishCourse(course, { endpoint, key: 'admin', secret: 'rahasia' });

    expect(result).toEqual({ id: 'etika-asn', version: '1.0.0', items: 16 });
    expect(received).toEqual([
      {
        method: 'PUT',
        url: '/smart/v1/courses/etika-asn',
        authorization: `Basic ${Buffer.from('admin:rahasia').toString('base64')}`,
        body: course,
      },
    ]);
  });

  it("carries the LRS's own error message when the LRS refuses", async () => {
    reply = {
      status: 401,
      body: { error: { code: 'unauthorized', message: 'The credential is unknown; ask the LRS operator for an admin key.', message_id: 'Kredensial tidak dikenal.' } },
    };

    const error = await publishRegistry([], { endpoint, key: 'x', secret: 'y' }).catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(PublishError);
    expect(error).toMatchObject({ status: 401, code: 'unauthorized' });
    expect((error as Error).message).toBe(
      'The LRS refused PUT /smart/v1/registry with 401: The credential is unknown; ask the LRS operator for an admin key.',
    );
  });
});

describe('publishRegistry', () => {
  it('PUTs the employees under an endpoint with a base path', async () => {
    reply = { status: 200, body: { added: 1, updated: 0 } };
    const employees = [{ nip: '198503102010012001', name: 'Siti Rahma', unit: 'Biro Umum' }];

    const result = await publishRegistry(employees, { endpoint: `${endpoint}/lrs`, key: 'admin', secret: 's' });

    expect(result).toEqual({ added: 1, updated: 0 });
    expect(received[0]).toMatchObject({ url: '/lrs/smart/v1/registry', body: { employees } });
  });
});
