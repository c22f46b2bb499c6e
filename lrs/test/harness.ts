import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pino } from 'pino';
import type { Course, FormView, SessionView } from '@smart-training/core';
import { createCredential, startLrs, type RunningLrs } from '../src/index';
import { buildCourse, COURSE_ID, DURING_OFFERING, REGISTRY } from './fixtures';

/** A clock the test moves by hand. */
export class TestClock {
  private at: number;
  constructor(start: string = DURING_OFFERING) {
    this.at = Date.parse(start);
  }
  now = (): Date => new Date(this.at);
  advance(ms: number): void {
    this.at += ms;
  }
}

/** The body of every error answer. */
export interface ErrorBody {
  error: { code: string; message: string; message_id: string };
}

export interface Reply<T = ErrorBody> {
  status: number;
  body: T;
  headers: Headers;
}

export interface Harness {
  lrs: RunningLrs;
  clock: TestClock;
  dbFile: string;
  admin: string;
  call<T = ErrorBody>(method: string, url: string, options?: { auth?: string; body?: unknown; headers?: Record<string, string> }): Promise<Reply<T>>;
  restart(): Promise<void>;
  close(): Promise<void>;
}

export function basic(key: string, secret: string): string {
  return `Basic ${Buffer.from(`${key}:${secret}`).toString('base64')}`;
}

/** Starts an LRS on a free port over a fresh temporary database, with an admin credential. */
export async function startHarness(): Promise<Harness> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'smart-lrs-test-'));
  const dbFile = path.join(dir, 'lrs.sqlite');
  const clock = new TestClock();
  const logger = pino({ level: 'silent' });
  const start = () => startLrs({ port: 0, host: '127.0.0.1', dbFile, logger, clock });
  let lrs = await start();
  const { key, secret } = await createCredential(lrs.store, { kind: 'admin', label: 'test admin' });

  const harness: Harness = {
    lrs,
    clock,
    dbFile,
    admin: basic(key, secret),
    async call(method, url, options = {}) {
      const headers: Record<string, string> = { ...options.headers };
      if (options.auth) headers.Authorization = options.auth;
      let body: string | undefined;
      if (options.body !== undefined) {
        headers['Content-Type'] = 'application/json';
        body = JSON.stringify(options.body);
      }
      const response = await fetch(`${harness.lrs.url}${url}`, { method, headers, body });
      const text = await response.text();
      let parsed: unknown = text;
      try {
        parsed = text === '' ? undefined : JSON.parse(text);
      } catch {
        // Not JSON: keep the text.
      }
      // The test names the type it expects; a wrong guess fails its assertions.
      return { status: response.status, body: parsed as never, headers: response.headers };
    },
    async restart() {
      await harness.lrs.close();
      lrs = await start();
      harness.lrs = lrs;
    },
    async close() {
      await harness.lrs.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
  return harness;
}

/** Publishes the fixture course and registry, and answers the course. */
export async function publishFixture(h: Harness, course: Course = buildCourse()): Promise<Course> {
  const published = await h.call('PUT', `/smart/v1/courses/${course.id}`, { auth: h.admin, body: course });
  if (published.status !== 200) throw new Error(`publishing failed: ${JSON.stringify(published.body)}`);
  const registry = await h.call('PUT', '/smart/v1/registry', { auth: h.admin, body: REGISTRY });
  if (registry.status !== 200) throw new Error(`registry failed: ${JSON.stringify(registry.body)}`);
  return course;
}

/** A launch credential for the fixture course. */
export async function launchAuth(h: Harness, courseId: string = COURSE_ID): Promise<string> {
  const { key, secret } = await createCredential(h.lrs.store, { kind: 'launch', courseId, label: 'package' });
  return basic(key, secret);
}

/** Opens a learner session the way a package does, and answers the session and its auth header. */
export async function openSession(h: Harness, nip: string): Promise<{ session: SessionView; auth: string }> {
  const launch = await launchAuth(h);
  const reply = await h.call<SessionView>('POST', '/smart/v1/sessions', { auth: launch, body: { courseId: COURSE_ID, nip } });
  if (reply.status !== 201) throw new Error(`session failed: ${JSON.stringify(reply.body)}`);
  return { session: reply.body, auth: basic(reply.body.key, reply.body.secret) };
}

export async function requestForm(h: Harness, auth: string, testId: string): Promise<Reply<FormView>> {
  return h.call<FormView>('POST', '/smart/v1/forms', { auth, body: { testId } });
}

export const XAPI = { 'X-Experience-API-Version': '1.0.3' };
