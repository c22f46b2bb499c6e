import { createHash, randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FormView } from '@smart-training/core';
import { ACTIVITY_TYPES, learnerAgent, testActivityId } from '@smart-training/xapi';
import { COURSE_ID, correctAnswers, NIP_ANI, NIP_BUDI } from './fixtures';
import {
  launchAuth,
  openSession,
  publishFixture,
  requestForm,
  startHarness,
  XAPI,
  type ErrorBody,
  type Harness,
} from './harness';

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(async () => {
  await h.close();
});

const ACTIVITY = 'https://example.org/activity/module-1';
const AGENT = { objectType: 'Agent', name: 'Ani', mbox: 'mailto:ani@example.org' };
const STATE = { activityId: ACTIVITY, agent: AGENT };

interface Sent {
  auth?: string;
  /** A string is sent as is; anything else as JSON. */
  body?: unknown;
  contentType?: string;
  headers?: Record<string, string>;
  version?: string;
}

interface Answer {
  status: number;
  headers: Headers;
  text: string;
  json: unknown;
}

/** The query string of `params`; objects (agents) are sent as JSON. */
function query(params: Record<string, unknown>): string {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) {
    search.set(name, typeof value === 'string' ? value : JSON.stringify(value));
  }
  return search.toString();
}

async function send(method: string, path: string, params: Record<string, unknown>, sent: Sent = {}): Promise<Answer> {
  const headers: Record<string, string> = {
    'X-Experience-API-Version': sent.version ?? '1.0.3',
    Authorization: sent.auth ?? h.admin,
    ...sent.headers,
  };
  let body: string | undefined;
  if (sent.body !== undefined) {
    body = typeof sent.body === 'string' ? sent.body : JSON.stringify(sent.body);
    headers['Content-Type'] = sent.contentType ?? (typeof sent.body === 'string' ? 'text/plain' : 'application/json');
  }
  const response = await fetch(`${h.lrs.url}/xapi${path}?${query(params)}`, { method, headers, body });
  const text = await response.text();
  let json: unknown;
  try {
    json = text === '' ? undefined : JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: response.status, headers: response.headers, text, json };
}

function errorOf(answer: Answer): ErrorBody['error'] {
  return (answer.json as ErrorBody).error;
}

function sha1(text: string): string {
  return createHash('sha1').update(text).digest('hex');
}

const state = (stateId: string, extra: Record<string, unknown> = {}) => ({ ...STATE, stateId, ...extra });
const activityProfile = (profileId: string) => ({ activityId: ACTIVITY, profileId });
const agentProfile = (profileId: string) => ({ agent: AGENT, profileId });

describe('xAPI state resource', () => {
  it('keeps a PUT document byte for byte and returns it with its Content-Type, a quoted SHA-1 ETag and Last-Modified', async () => {
    const document = '{"bookmark":"page-3","score":12}';
    const put = await send('PUT', '/activities/state', state('resume'), { body: document, contentType: 'application/json' });
    expect(put.status).toBe(204);

    const got = await send('GET', '/activities/state', state('resume'));
    expect(got.status).toBe(200);
    expect(got.text).toBe(document);
    expect(got.headers.get('content-type')).toBe('application/json');
    expect(got.headers.get('etag')).toBe(`"${sha1(document)}"`);
    expect(new Date(got.headers.get('last-modified') ?? '').getTime()).toBe(
      Math.floor(h.clock.now().getTime() / 1000) * 1000,
    );
  });

  it('returns a document that is not JSON with the Content-Type it was stored with', async () => {
    await send('PUT', '/activities/state', state('notes'), { body: 'plain notes', contentType: 'text/plain; charset=utf-8' });
    const got = await send('GET', '/activities/state', state('notes'));
    expect(got.text).toBe('plain notes');
    expect(got.headers.get('content-type')).toBe('text/plain; charset=utf-8');
  });

  it('answers 404 for a state document that was never stored', async () => {
    const got = await send('GET', '/activities/state', state('never'));
    expect(got.status).toBe(404);
    expect(errorOf(got).code).toBe('document_not_found');
  });

  it('answers HEAD like GET, with the headers and without the body', async () => {
    await send('PUT', '/activities/state', state('resume'), { body: { page: 3 } });
    const head = await send('HEAD', '/activities/state', state('resume'));
    expect(head.status).toBe(200);
    expect(head.text).toBe('');
    expect(head.headers.get('etag')).toBe(`"${sha1('{"page":3}')}"`);
  });

  it('keeps the documents of different registrations apart', async () => {
    const first = randomUUID();
    const second = randomUUID();
    await send('PUT', '/activities/state', state('resume', { registration: first }), { body: { page: 1 } });
    await send('PUT', '/activities/state', state('resume', { registration: second }), { body: { page: 2 } });

    expect((await send('GET', '/activities/state', state('resume', { registration: first }))).json).toEqual({ page: 1 });
    expect((await send('GET', '/activities/state', state('resume', { registration: second }))).json).toEqual({ page: 2 });
    expect((await send('GET', '/activities/state', state('resume'))).status).toBe(404);
  });

  it('lists the ids of the agent’s documents for the activity, and only those stored after "since" when given', async () => {
    await send('PUT', '/activities/state', state('first'), { body: { n: 1 } });
    const between = new Date(h.clock.now().getTime() + 500).toISOString();
    h.clock.advance(1000);
    await send('PUT', '/activities/state', state('second'), { body: { n: 2 } });
    await send('PUT', '/activities/state', { ...state('elsewhere'), activityId: 'https://example.org/other' }, { body: {} });

    const all = await send('GET', '/activities/state', STATE);
    expect(all.status).toBe(200);
    expect(all.json).toEqual(['first', 'second']);
    const recent = await send('GET', '/activities/state', { ...STATE, since: between });
    expect(recent.json).toEqual(['second']);
  });

  it('deletes one state document, or every document of the agent and activity when no stateId is given', async () => {
    const registration = randomUUID();
    await send('PUT', '/activities/state', state('a'), { body: { n: 1 } });
    await send('PUT', '/activities/state', state('b'), { body: { n: 2 } });
    await send('PUT', '/activities/state', state('c', { registration }), { body: { n: 3 } });
    await send('PUT', '/activities/state', { ...state('kept'), activityId: 'https://example.org/other' }, { body: {} });

    expect((await send('DELETE', '/activities/state', state('a'))).status).toBe(204);
    expect((await send('GET', '/activities/state', state('a'))).status).toBe(404);

    expect((await send('DELETE', '/activities/state', STATE)).status).toBe(204);
    expect((await send('GET', '/activities/state', STATE)).json).toEqual([]);
    const other = await send('GET', '/activities/state', { ...STATE, activityId: 'https://example.org/other' });
    expect(other.json).toEqual(['kept']);
  });

  it('deletes only the given registration’s documents when DELETE names one', async () => {
    const registration = randomUUID();
    await send('PUT', '/activities/state', state('a', { registration }), { body: { n: 1 } });
    await send('PUT', '/activities/state', state('b'), { body: { n: 2 } });

    await send('DELETE', '/activities/state', { ...STATE, registration });
    expect((await send('GET', '/activities/state', STATE)).json).toEqual(['b']);
  });

  it('lets a bare PUT (no If-Match or If-None-Match) overwrite a state document under xAPI 1.0.3', async () => {
    await send('PUT', '/activities/state', state('resume'), { body: { page: 1 } });
    const again = await send('PUT', '/activities/state', state('resume'), { body: { page: 2 } });
    expect(again.status).toBe(204);
    expect((await send('GET', '/activities/state', state('resume'))).json).toEqual({ page: 2 });
  });

  it('refuses a bare PUT over an existing state document with 409 under xAPI 2.0, and leaves it unchanged', async () => {
    const created = await send('PUT', '/activities/state', state('resume'), { body: { page: 1 }, version: '2.0.0' });
    expect(created.status).toBe(204);
    const again = await send('PUT', '/activities/state', state('resume'), { body: { page: 2 }, version: '2.0.0' });
    expect(again.status).toBe(409);
    expect(errorOf(again).code).toBe('document_exists');
    expect((await send('GET', '/activities/state', state('resume'))).json).toEqual({ page: 1 });
  });
});

describe('xAPI document merge (POST)', () => {
  it('stores a POSTed document that does not exist yet as it was sent', async () => {
    const posted = await send('POST', '/activities/state', state('fresh'), { body: { car: 'Honda' } });
    expect(posted.status).toBe(204);
    expect((await send('GET', '/activities/state', state('fresh'))).json).toEqual({ car: 'Honda' });
  });

  it('merges JSON objects one level deep: top-level properties sent replace the stored ones whole', async () => {
    await send('POST', '/activities/state', state('merge'), {
      body: { car: 'Honda', location: { city: 'Bandung', zip: '40111' }, kept: true },
    });
    await send('POST', '/activities/state', state('merge'), { body: { type: 'Civic', location: { city: 'Bogor' } } });

    const got = await send('GET', '/activities/state', state('merge'));
    expect(got.json).toEqual({ car: 'Honda', type: 'Civic', location: { city: 'Bogor' }, kept: true });
    expect(got.headers.get('content-type')).toBe('application/json');
    expect(got.headers.get('etag')).toBe(`"${sha1(got.text)}"`);
  });

  it('refuses with 400 to merge into a stored document that is not JSON, and leaves it unchanged', async () => {
    await send('PUT', '/activities/state', state('blob'), { body: 'raw bytes', contentType: 'application/octet-stream' });
    const posted = await send('POST', '/activities/state', state('blob'), { body: { more: 1 } });
    expect(posted.status).toBe(400);
    expect(errorOf(posted).code).toBe('document_not_mergeable');
    expect((await send('GET', '/activities/state', state('blob'))).text).toBe('raw bytes');
  });

  it('refuses with 400 to merge a document that is not a JSON object into a JSON one', async () => {
    await send('PUT', '/activities/state', state('json'), { body: { a: 1 } });
    const text = await send('POST', '/activities/state', state('json'), { body: 'abc', contentType: 'text/plain' });
    expect(text.status).toBe(400);
    const array = await send('POST', '/activities/state', state('json'), { body: [1, 2] });
    expect(array.status).toBe(400);
    const broken = await send('POST', '/activities/state', state('json'), { body: '{"a":', contentType: 'application/json' });
    expect(broken.status).toBe(400);
    expect(errorOf(broken).code).toBe('invalid_json');
    expect((await send('GET', '/activities/state', state('json'))).json).toEqual({ a: 1 });
  });
});

describe('xAPI document concurrency (ETags)', () => {
  it('creates a profile with If-None-Match: * and refuses a second create with 412', async () => {
    const created = await send('PUT', '/activities/profile', activityProfile('p'), {
      body: { v: 1 },
      headers: { 'If-None-Match': '*' },
    });
    expect(created.status).toBe(204);
    const again = await send('PUT', '/activities/profile', activityProfile('p'), {
      body: { v: 2 },
      headers: { 'If-None-Match': '*' },
    });
    expect(again.status).toBe(412);
    expect(errorOf(again).code).toBe('precondition_failed');
    expect((await send('GET', '/activities/profile', activityProfile('p'))).json).toEqual({ v: 1 });
  });

  it('refuses a profile PUT without If-Match or If-None-Match: 400 for a new profile, 409 over an existing one', async () => {
    const fresh = await send('PUT', '/agents/profile', agentProfile('p'), { body: { v: 1 } });
    expect(fresh.status).toBe(400);
    expect(errorOf(fresh).code).toBe('precondition_required');
    expect(errorOf(fresh).message).toContain('If-None-Match');

    await send('POST', '/agents/profile', agentProfile('p'), { body: { v: 1 } });
    const bare = await send('PUT', '/agents/profile', agentProfile('p'), { body: { v: 2 } });
    expect(bare.status).toBe(409);
    expect(errorOf(bare).message).toContain('If-Match');
    expect((await send('GET', '/agents/profile', agentProfile('p'))).json).toEqual({ v: 1 });
  });

  it('replaces a profile when If-Match carries its current ETag, and refuses a stale ETag with 412', async () => {
    await send('POST', '/activities/profile', activityProfile('p'), { body: { v: 1 } });
    const etag = (await send('GET', '/activities/profile', activityProfile('p'))).headers.get('etag') ?? '';

    const stale = await send('PUT', '/activities/profile', activityProfile('p'), {
      body: { v: 2 },
      headers: { 'If-Match': '"1111111111111111111111111111111111111111"' },
    });
    expect(stale.status).toBe(412);

    const current = await send('PUT', '/activities/profile', activityProfile('p'), {
      body: { v: 3 },
      headers: { 'If-Match': etag },
    });
    expect(current.status).toBe(204);
    expect((await send('GET', '/activities/profile', activityProfile('p'))).json).toEqual({ v: 3 });

    const reused = await send('PUT', '/activities/profile', activityProfile('p'), {
      body: { v: 4 },
      headers: { 'If-Match': etag },
    });
    expect(reused.status).toBe(412);
  });

  it('checks If-Match on POST and DELETE too', async () => {
    await send('POST', '/agents/profile', agentProfile('p'), { body: { v: 1 } });
    const etag = (await send('GET', '/agents/profile', agentProfile('p'))).headers.get('etag') ?? '';
    const wrong = { 'If-Match': '"1234"' };

    expect((await send('POST', '/agents/profile', agentProfile('p'), { body: { w: 1 }, headers: wrong })).status).toBe(412);
    expect((await send('DELETE', '/agents/profile', agentProfile('p'), { headers: wrong })).status).toBe(412);
    expect((await send('GET', '/agents/profile', agentProfile('p'))).json).toEqual({ v: 1 });

    expect((await send('DELETE', '/agents/profile', agentProfile('p'), { headers: { 'If-Match': etag } })).status).toBe(204);
    expect((await send('GET', '/agents/profile', agentProfile('p'))).status).toBe(404);
  });

  it('answers 304 to a GET whose If-None-Match names the current ETag', async () => {
    await send('PUT', '/activities/state', state('resume'), { body: { page: 1 } });
    const etag = (await send('GET', '/activities/state', state('resume'))).headers.get('etag') ?? '';
    const cached = await send('GET', '/activities/state', state('resume'), {
      // fetch would add Cache-Control: no-cache to a conditional GET, asking for a fresh copy.
      headers: { 'If-None-Match': etag, 'Cache-Control': 'max-age=0' },
    });
    expect(cached.status).toBe(304);
  });
});

describe('xAPI activity and agent profile resources', () => {
  it('lists activity profile ids, only those updated after "since" when given', async () => {
    await send('POST', '/activities/profile', activityProfile('old'), { body: { v: 1 } });
    const between = new Date(h.clock.now().getTime() + 500).toISOString();
    h.clock.advance(1000);
    await send('POST', '/activities/profile', activityProfile('new'), { body: { v: 2 } });

    const all = await send('GET', '/activities/profile', { activityId: ACTIVITY });
    expect(all.json).toEqual(['old', 'new']);
    const recent = await send('GET', '/activities/profile', { activityId: ACTIVITY, since: between });
    expect(recent.json).toEqual(['new']);
  });

  it('keeps agent profiles per agent, whichever of its names the request carries', async () => {
    await send('POST', '/agents/profile', agentProfile('prefs'), { body: { lang: 'id' } });
    const renamed = { agent: { mbox: 'mailto:ani@example.org' }, profileId: 'prefs' };
    expect((await send('GET', '/agents/profile', renamed)).json).toEqual({ lang: 'id' });
    const other = { agent: { mbox: 'mailto:budi@example.org' } };
    expect((await send('GET', '/agents/profile', other)).json).toEqual([]);
  });

  it('requires profileId to delete a profile: profiles are never deleted in bulk', async () => {
    const answer = await send('DELETE', '/activities/profile', { activityId: ACTIVITY });
    expect(answer.status).toBe(400);
    expect(errorOf(answer).message).toContain('"profileId"');
  });
});

describe('xAPI document parameters', () => {
  const cases: { name: string; method: string; path: string; params: Record<string, unknown>; names: string }[] = [
    { name: 'a state request without activityId', method: 'GET', path: '/activities/state', params: { agent: AGENT, stateId: 's' }, names: 'activityId' },
    { name: 'a state request without agent', method: 'PUT', path: '/activities/state', params: { activityId: ACTIVITY, stateId: 's' }, names: 'agent' },
    { name: 'an agent that is not JSON', method: 'GET', path: '/activities/state', params: { ...STATE, agent: '{"mbox":' }, names: 'agent' },
    { name: 'an agent with two identifiers', method: 'GET', path: '/agents/profile', params: { agent: { mbox: 'mailto:a@example.org', openid: 'https://id.example.org/a' } }, names: 'agent' },
    { name: 'an agent without identifier', method: 'GET', path: '/agents', params: { agent: { name: 'Nobody' } }, names: 'agent' },
    { name: 'a registration that is not a UUID', method: 'PUT', path: '/activities/state', params: state('s', { registration: 'abc' }), names: 'registration' },
    { name: '"since" that is not a timestamp', method: 'GET', path: '/activities/state', params: { ...STATE, since: 'yesterday' }, names: 'since' },
    { name: 'a PUT without stateId', method: 'PUT', path: '/activities/state', params: STATE, names: 'stateId' },
    { name: 'a POST without profileId', method: 'POST', path: '/agents/profile', params: { agent: AGENT }, names: 'profileId' },
    { name: 'an activityId that is not an IRI', method: 'GET', path: '/activities', params: { activityId: 'not an iri' }, names: 'activityId' },
    { name: 'an unknown parameter', method: 'GET', path: '/activities/profile', params: { activityId: ACTIVITY, stateId: 'x' }, names: 'stateId' },
  ];
  for (const { name, method, path, params, names } of cases) {
    it(`answers 400 naming the parameter to ${name}`, async () => {
      const answer = await send(method, path, params, method === 'GET' ? {} : { body: { v: 1 } });
      expect(answer.status).toBe(400);
      expect(errorOf(answer).message).toContain(`"${names}"`);
    });
  }
});

describe('xAPI activities and agents resources', () => {
  const statement = (definition: Record<string, unknown>) => ({
    actor: AGENT,
    verb: { id: 'http://adlnet.gov/expapi/verbs/experienced', display: { 'en-US': 'experienced' } },
    object: { objectType: 'Activity', id: ACTIVITY, definition },
  });

  it('returns the activity with the definitions of all its statements merged, languages from each', async () => {
    const type = 'http://adlnet.gov/expapi/activities/module';
    const posted = await h.call('POST', '/xapi/statements', {
      auth: h.admin,
      headers: XAPI,
      body: [
        statement({ type, name: { 'en-US': 'Module 1' }, description: { 'en-US': 'First module' } }),
        statement({ name: { 'id-ID': 'Modul 1' } }),
      ],
    });
    expect(posted.status).toBe(200);

    const got = await send('GET', '/activities', { activityId: ACTIVITY });
    expect(got.status).toBe(200);
    expect(got.json).toEqual({
      objectType: 'Activity',
      id: ACTIVITY,
      definition: { type, name: { 'en-US': 'Module 1', 'id-ID': 'Modul 1' }, description: { 'en-US': 'First module' } },
    });
    const head = await send('HEAD', '/activities', { activityId: ACTIVITY });
    expect(head.status).toBe(200);
    expect(head.text).toBe('');
  });

  it('defines a SMART test activity from the statements the engine records when answers are scored', async () => {
    const course = await publishFixture(h);
    const { auth } = await openSession(h, NIP_ANI);
    const form = (await requestForm(h, auth, 'placement')).body as FormView;
    const answers = correctAnswers(course, form.items);
    const scored = await h.call('POST', `/smart/v1/forms/${form.formId}/answers`, { auth, body: { answers } });
    expect(scored.status).toBe(200);

    const activityId = testActivityId(COURSE_ID, 'placement');
    const got = await send('GET', '/activities', { activityId });
    expect(got.json).toMatchObject({
      objectType: 'Activity',
      id: activityId,
      definition: { type: ACTIVITY_TYPES.test, name: { 'id-ID': course.placement.title.id } },
    });
  });

  it('answers an activity no statement defined with its id alone', async () => {
    const got = await send('GET', '/activities', { activityId: 'https://example.org/never-seen' });
    expect(got.json).toEqual({ objectType: 'Activity', id: 'https://example.org/never-seen' });
  });

  it('returns a Person holding the agent’s identifier and the names it was given', async () => {
    await h.call('POST', '/xapi/statements', { auth: h.admin, headers: XAPI, body: statement({}) });
    const got = await send('GET', '/agents', { agent: { mbox: 'mailto:ani@example.org' } });
    expect(got.status).toBe(200);
    expect(got.json).toEqual({ objectType: 'Person', name: ['Ani'], mbox: ['mailto:ani@example.org'] });

    const unknown = await send('GET', '/agents', { agent: { objectType: 'Agent', openid: 'https://id.example.org/x' } });
    expect(unknown.json).toEqual({ objectType: 'Person', openid: ['https://id.example.org/x'] });
  });
});

describe('xAPI document resources and credentials', () => {
  it('lets a learner session keep and read state documents of its own learner only', async () => {
    await publishFixture(h);
    const { auth } = await openSession(h, NIP_ANI);
    const own = { activityId: ACTIVITY, agent: learnerAgent(NIP_ANI), stateId: 'resume' };

    expect((await send('PUT', '/activities/state', own, { auth, body: { page: 2 } })).status).toBe(204);
    expect((await send('GET', '/activities/state', own, { auth })).json).toEqual({ page: 2 });

    const budi = { ...own, agent: learnerAgent(NIP_BUDI) };
    const refused = await send('PUT', '/activities/state', budi, { auth, body: { page: 9 } });
    expect(refused.status).toBe(403);
    expect(errorOf(refused).code).toBe('document_not_yours');
    expect((await send('GET', '/activities/state', budi, { auth })).status).toBe(403);
    expect((await send('DELETE', '/activities/state', { activityId: ACTIVITY, agent: learnerAgent(NIP_BUDI) }, { auth })).status).toBe(403);
  });

  it('refuses a learner session the profile, agents and activities resources', async () => {
    await publishFixture(h);
    const { auth } = await openSession(h, NIP_ANI);
    const own = learnerAgent(NIP_ANI);
    const calls = [
      send('GET', '/activities/profile', { activityId: ACTIVITY }, { auth }),
      send('POST', '/agents/profile', { agent: own, profileId: 'p' }, { auth, body: { v: 1 } }),
      send('GET', '/agents', { agent: own }, { auth }),
      send('GET', '/activities', { activityId: ACTIVITY }, { auth }),
    ];
    for (const answer of await Promise.all(calls)) {
      expect(answer.status).toBe(403);
      expect(errorOf(answer).code).toBe('scope_missing');
    }
  });

  it('refuses a launch credential every document resource', async () => {
    await publishFixture(h);
    const auth = await launchAuth(h);
    const answer = await send('GET', '/activities/state', state('resume'), { auth });
    expect(answer.status).toBe(403);
  });
});
