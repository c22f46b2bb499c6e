import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { Pool } from 'undici';
import { afterEach, describe, expect, it } from 'vitest';
import { createCredential, openSqliteStore } from '../src/index';
import { spawnLrs, type ChildLrs } from './support/child-lrs';

/*
 * The LRS acknowledges a statement only once it is committed, so killing the
 * process at any moment may lose requests in flight but never one already
 * answered 200/204, and never part of a batch.
 */

const WORKERS = 8;
/**
 * Each round starts the LRS on the same file, loads it and kills it. Where a
 * kill lands is chance; several rounds make it very likely that one lands
 * mid-write, which is what catches a batch stored outside one transaction.
 */
const ROUNDS = 4;
/** In each round the child is killed once this many requests have been acknowledged... */
const KILL_AFTER_ACKS = 100;
/**
 * ...after a random delay of up to this long: a kill right on an answer would
 * always find the child between two requests, never inside a write.
 */
const KILL_JITTER_MS = 100;
/** Bounds the load of a round should the kill never come. */
const MAX_REQUESTS_PER_ROUND = 10_000;
/** The workers cycle through these request shapes: PUT of one, POST of n. */
const SHAPES: readonly Shape[] = [
  { method: 'POST', size: 1 },
  { method: 'POST', size: 25 },
  { method: 'PUT', size: 1 },
  { method: 'POST', size: 5 },
  { method: 'POST', size: 50 },
];

interface Shape {
  method: 'POST' | 'PUT';
  size: number;
}

/** One request sent, and whether the LRS acknowledged it. */
interface Sent {
  ids: string[];
  acknowledged: boolean;
}

interface Round {
  sent: Sent[];
  /** Answers other than 200/204, and failures before the kill. */
  unexpected: string[];
  /** Requests awaiting their answer when the kill was sent. */
  inFlightAtKill: number;
}

let dir: string | undefined;
let child: ChildLrs | undefined;
afterEach(async () => {
  child?.process.kill('SIGKILL');
  await child?.exited;
  child = undefined;
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

function statement(id: string, learner: number, sequence: number): Record<string, unknown> {
  return {
    id,
    actor: { objectType: 'Agent', name: `Learner ${learner}`, mbox: `mailto:learner${learner}@example.org` },
    verb: { id: 'http://adlnet.gov/expapi/verbs/answered', display: { 'en-US': 'answered' } },
    object: { objectType: 'Activity', id: `https://example.org/durability/item/${sequence % 40}` },
    result: { success: sequence % 2 === 0, score: { scaled: (sequence % 10) / 10 } },
    context: {
      registration: randomUUID(),
      contextActivities: { parent: [{ id: 'https://example.org/durability/course' }] },
    },
    timestamp: new Date().toISOString(),
  };
}

/** Sends statements from WORKERS concurrent clients until `lrs` is killed, mid-load. */
async function loadUntilKilled(lrs: ChildLrs, authorization: string): Promise<Round> {
  const pool = new Pool(lrs.url, { connections: WORKERS });
  const headers = {
    authorization,
    'content-type': 'application/json',
    'x-experience-api-version': '1.0.3',
  };
  const round: Round = { sent: [], unexpected: [], inFlightAtKill: -1 };
  let acknowledged = 0;
  let inFlight = 0;
  let killed = false;
  const kill = (): void => {
    killed = true;
    round.inFlightAtKill = inFlight;
    lrs.process.kill('SIGKILL');
  };

  const worker = async (workerIndex: number): Promise<void> => {
    for (let turn = 0; !killed && round.sent.length < MAX_REQUESTS_PER_ROUND; turn += 1) {
      const shape = SHAPES[(workerIndex + turn) % SHAPES.length] as Shape;
      const sent: Sent = { ids: Array.from({ length: shape.size }, () => randomUUID()), acknowledged: false };
      const sequence = round.sent.push(sent);
      const statements = sent.ids.map((id) => statement(id, workerIndex, sequence));
      const request =
        shape.method === 'PUT'
          ? { path: `/xapi/statements?statementId=${sent.ids[0]}`, body: JSON.stringify(statements[0]) }
          : { path: '/xapi/statements', body: JSON.stringify(statements) };
      inFlight += 1;
      try {
        const response = await pool.request({ method: shape.method, headers, ...request });
        const text = await response.body.text();
        if (response.statusCode === 200 || response.statusCode === 204) {
          sent.acknowledged = true;
          acknowledged += 1;
          if (acknowledged === KILL_AFTER_ACKS) setTimeout(kill, Math.random() * KILL_JITTER_MS);
        } else {
          round.unexpected.push(`${shape.method} of ${shape.size} answered ${response.statusCode}: ${text.slice(0, 200)}`);
        }
      } catch (error) {
        // Requests in flight when the child dies fail: they were never acknowledged.
        if (!killed) round.unexpected.push(`${shape.method} of ${shape.size} failed: ${String(error)}`);
      } finally {
        inFlight -= 1;
      }
    }
  };

  await Promise.all(Array.from({ length: WORKERS }, (_, index) => worker(index)));
  await lrs.exited;
  await pool.destroy();
  return round;
}

describe('durability of acknowledged statements', () => {
  it('keeps every acknowledged statement, and each batch whole or not at all, when the LRS is killed mid-load again and again', async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'smart-lrs-durability-'));
    const dbFile = path.join(dir, 'lrs.sqlite');
    const setup = openSqliteStore(dbFile);
    const { key, secret } = await createCredential(setup, { kind: 'admin', label: 'durability' });
    await setup.close();
    const authorization = `Basic ${Buffer.from(`${key}:${secret}`).toString('base64')}`;

    const sent: Sent[] = [];
    for (let round = 1; round <= ROUNDS; round += 1) {
      child = await spawnLrs({ dbFile, logFile: path.join(dir, `lrs-${round}.log`) });
      const result = await loadUntilKilled(child, authorization);
      child = undefined;
      expect(result.unexpected, `round ${round}`).toEqual([]);
      // A kill with nothing in flight would prove nothing about requests in flight.
      expect(result.inFlightAtKill, `round ${round}`).toBeGreaterThan(0);
      sent.push(...result.sent);
    }

    const store = openSqliteStore(dbFile);
    const lost: string[] = [];
    const partial: string[] = [];
    try {
      for (const request of sent) {
        const stored = await store.getStatements(request.ids);
        if (request.acknowledged && stored.length < request.ids.length) {
          lost.push(`${request.ids.length - stored.length} of ${request.ids.length} acknowledged, from ${request.ids[0]}`);
        }
        if (stored.length > 0 && stored.length < request.ids.length) {
          partial.push(`${stored.length} of ${request.ids.length} stored, from ${request.ids[0]}`);
        }
      }
    } finally {
      await store.close();
    }
    expect(lost).toEqual([]);
    expect(partial).toEqual([]);
    expect(sent.filter((request) => request.acknowledged).length).toBeGreaterThanOrEqual(ROUNDS * KILL_AFTER_ACKS);

    const db = new Database(dbFile, { readonly: true });
    try {
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    } finally {
      db.close();
    }
    // Four child starts on a busy CI machine can outlast the 30 s default.
  }, 90_000);

  it('finishes the writes in flight when it is asked to stop (SIGTERM), then exits cleanly', async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'smart-lrs-shutdown-'));
    const dbFile = path.join(dir, 'lrs.sqlite');
    const setup = openSqliteStore(dbFile);
    const { key, secret } = await createCredential(setup, { kind: 'admin', label: 'shutdown' });
    await setup.close();
    child = await spawnLrs({ dbFile, logFile: path.join(dir, 'lrs.log') });

    // Six connections the LRS has already accepted (a warm-up request on each),
    // then a large batch on each, in flight when the stop signal arrives.
    const authorization = `Basic ${Buffer.from(`${key}:${secret}`).toString('base64')}`;
    const headers = { authorization, 'content-type': 'application/json', 'x-experience-api-version': '1.0.3' };
    const pool = new Pool(child.url, { connections: 6, pipelining: 1 });
    const warmups = await Promise.all(
      Array.from({ length: 6 }, () =>
        pool.request({ method: 'GET', path: '/xapi/about', headers }).then(async (reply) => {
          await reply.body.text();
          return reply.statusCode;
        }),
      ),
    );
    expect(warmups).toEqual([200, 200, 200, 200, 200, 200]);
    const batches = Array.from({ length: 6 }, (_, batch) =>
      Array.from({ length: 1000 }, (_, n) => statement(randomUUID(), batch, n)),
    );
    const replies = batches.map((batch) =>
      pool
        .request({ method: 'POST', path: '/xapi/statements', headers, body: JSON.stringify(batch) })
        .then(async (reply) => {
          await reply.body.text();
          return reply.statusCode;
        })
        .catch(() => 0),
    );
    // Long enough for the bodies to arrive, far shorter than storing 6,000 statements.
    await new Promise((resolve) => setTimeout(resolve, 30));
    const stopping = child.stop();
    const statuses = await Promise.all(replies);
    await stopping;
    expect(child.process.exitCode).toBe(0);
    child = undefined;

    // Every request that was answered is stored whole; none is stored in part.
    const store = openSqliteStore(dbFile);
    try {
      for (const [index, batch] of batches.entries()) {
        const stored = await store.getStatements(batch.map((entry) => entry.id as string));
        if (statuses[index] === 200) expect(stored).toHaveLength(batch.length);
        else expect([0, batch.length]).toContain(stored.length);
      }
    } finally {
      await store.close();
    }
    await pool.close();
    // Every request the LRS had accepted was finished and answered before it exited.
    expect(statuses).toEqual([200, 200, 200, 200, 200, 200]);
  }, 60_000);
});
