import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';

/** What the fake LMS hands an AU at launch, per cmi5 section 10.2.1. */
export interface LaunchDataDoc {
  launchMode: 'Normal' | 'Browse' | 'Review';
  moveOn: string;
  masteryScore?: number;
  returnURL?: string;
  contextTemplate: Record<string, unknown>;
}

export const SESSION_ID_EXTENSION = 'https://w3id.org/xapi/cmi5/context/extensions/sessionid';

type Json = Record<string, unknown>;

/**
 * A cmi5 LMS and its LRS in one throwaway server on 127.0.0.1: one-time
 * fetch URLs handing out auth tokens, the LMS.LaunchData state document,
 * the state API for other documents, and a statements resource that keeps
 * what it receives. It also serves the AU's pages (`pages`), so the AU runs
 * on the same origin.
 */
export async function fakeCmi5Lms(pages: Record<string, { type: string; body: string }>) {
  const statements: Json[] = [];
  const states = new Map<string, string>();
  const tokens = new Map<string, { used: boolean }>();
  const authorizations: string[] = [];
  /** While true, the statements resource answers 503, as an LRS that is down. */
  const control = { statementsDown: false };

  const server = createServer(async (request: IncomingMessage, response: ServerResponse) => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks).toString('utf8');
    const reply = (status: number, json?: unknown) => {
      response.writeHead(status, { 'Content-Type': 'application/json' });
      response.end(json === undefined ? '' : JSON.stringify(json));
    };

    const page = pages[url.pathname];
    if (page) {
      response.writeHead(200, { 'Content-Type': page.type }).end(page.body);
      return;
    }
    if (url.pathname.startsWith('/fetch/')) {
      const token = tokens.get(url.pathname.slice('/fetch/'.length));
      if (request.method !== 'POST' || !token) return reply(404);
      if (token.used) return reply(200, { 'error-code': '1', 'error-text': 'fetch URL already used' });
      token.used = true;
      return reply(200, { 'auth-token': Buffer.from(`au:${url.pathname}`).toString('base64') });
    }
    if (url.pathname.startsWith('/xapi/')) authorizations.push(request.headers.authorization ?? '');
    if (url.pathname === '/xapi/activities/state') {
      const key = [url.searchParams.get('activityId'), url.searchParams.get('registration') ?? '', url.searchParams.get('stateId')].join('|');
      if (request.method === 'GET') {
        const stored = states.get(key);
        return stored === undefined ? reply(404) : reply(200, JSON.parse(stored));
      }
      states.set(key, body);
      return reply(204);
    }
    if (url.pathname === '/xapi/agents/profile') return reply(404);
    if (url.pathname === '/xapi/statements' && request.method === 'POST') {
      if (control.statementsDown) return reply(503, {});
      const statement = JSON.parse(body) as Json;
      if (!statements.some((kept) => kept.id === statement.id)) statements.push(statement);
      return reply(200, [statement.id]);
    }
    reply(404);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    origin,
    statements,
    control,
    authorizations,
    /** The unit's own state document for `activityId` in `registration`, parsed; undefined when none. */
    state(activityId: string, registration: string, stateId: string): Json | undefined {
      const stored = states.get([activityId, registration, stateId].join('|'));
      return stored === undefined ? undefined : (JSON.parse(stored) as Json);
    },
    /**
     * Prepares a launch as an LMS does (a new session id and fetch token,
     * LMS.LaunchData written) and returns the AU's URL with the launch parameters.
     */
    launch(options: { path: string; actor: Json; registration: string; activityId: string; launchData: Partial<LaunchDataDoc> }) {
      const sessionId = randomUUID();
      const token = randomUUID();
      tokens.set(token, { used: false });
      const launchData: LaunchDataDoc = {
        launchMode: 'Normal',
        moveOn: 'Passed',
        ...options.launchData,
        contextTemplate: {
          contextActivities: { grouping: [{ id: 'https://smart-training.id/xapi/activities/course/berakhlak-2026' }] },
          extensions: { [SESSION_ID_EXTENSION]: sessionId },
        },
      };
      states.set([options.activityId, options.registration, 'LMS.LaunchData'].join('|'), JSON.stringify(launchData));
      const query = new URLSearchParams({
        endpoint: `${origin}/xapi/`,
        fetch: `${origin}/fetch/${token}`,
        actor: JSON.stringify(options.actor),
        registration: options.registration,
        activityId: options.activityId,
      });
      return { url: `${origin}${options.path}${options.path.includes('?') ? '&' : '?'}${query}`, sessionId };
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
