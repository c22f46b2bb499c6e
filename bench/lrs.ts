import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import Database from 'better-sqlite3';
import { createCredential, openSqliteStore, type Store } from '../lrs/src/index';
import type { StatementQuery } from '../lrs/src/store/types';
import { spawnLrs, type ChildLrs } from '../lrs/test/support/child-lrs';
import { measureFloor, type Floor } from './floor';
import { load, percentile, type LoadResult } from './load';
import { COURSES, courseActivityId, LEARNERS, learnerAgent, StatementSource, VERBS } from './statements';

/*
 * `npm run bench:lrs`: ingest and query speed of the LRS on loopback, against
 * the floor of plain better-sqlite3 inserts. BENCH_STATEMENTS (default
 * 1,000,000) sets how large the store grows before the queries are timed.
 */

const CONCURRENCY = 8;
const INGEST_SECONDS = 10;
const WARM_UP_SECONDS = 3;
const BATCH = 100;
/** Requests per query kind, alone and at CONCURRENCY. */
const GET_REQUESTS = { alone: 200, concurrent: 400 };
/** Growing the store stops here however far it got; the report says how far. */
const GROW_LIMIT_MS = 40 * 60 * 1000;
const TARGETS = { batchOfFloor: 0.5, singlePerSecond: 1_000, singleP95: 20, getP95: 25 };

const print = (line = ''): void => {
  process.stdout.write(`${line}\n`);
};
const count = (value: number): string => Math.round(value).toLocaleString('en-US');
const ms = (value: number): string => `${value.toFixed(1)} ms`;
const verdict = (met: boolean): string => (met ? 'meets' : 'MISSES');

function targetSize(): number {
  const raw = process.env.BENCH_STATEMENTS ?? '1000000';
  const size = Number(raw);
  if (!Number.isSafeInteger(size) || size < 10_000) {
    throw new Error(`BENCH_STATEMENTS must be a whole number of at least 10000, got "${raw}".`);
  }
  return size;
}

interface Query {
  name: string;
  /** A request path with fresh parameters. */
  path(): string;
  /** The same kind of query as the store gets it, with fresh parameters. */
  storeQuery(): StatementQuery;
}

const pick = (n: number): number => Math.floor(Math.random() * n);

async function main(): Promise<void> {
  const target = targetSize();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'smart-lrs-bench-'));
  const dbFile = path.join(dir, 'lrs.sqlite');
  const setup = openSqliteStore(dbFile);
  const { key, secret } = await createCredential(setup, { kind: 'admin', label: 'bench' });
  await setup.close();
  const authorization = `Basic ${Buffer.from(`${key}:${secret}`).toString('base64')}`;
  const source = new StatementSource();
  let lrs: ChildLrs | undefined;
  let reader: Store | undefined;
  try {
    lrs = await spawnLrs({ dbFile, logFile: path.join(dir, 'lrs.log') });
    const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
    print(`SMART LRS benchmark: ${os.cpus().length} cores (${cpu}), Node ${process.versions.node}`);
    print(`LRS: \`smart-lrs serve\` as a child process on ${lrs.url}, LOG_LEVEL=info, fresh SQLite file in ${dir}`);
    print(`Load: autocannon from this process, ${CONCURRENCY} connections, a new statement id in every statement`);
    print(`Machine load average at start: ${loadAverage()} (other processes share these cores and this disk)`);
    print();

    const post = (size: number, options: { seconds?: number; requests?: number; onAnswer?(status: number): void; limitMs?: number }) =>
      load({
        url: lrs?.url ?? '',
        authorization,
        connections: CONCURRENCY,
        method: 'POST',
        next: () => ({ path: '/xapi/statements', body: JSON.stringify(size === 1 ? source.batch(1)[0] : source.batch(size)) }),
        ...options,
      });

    await post(1, { seconds: WARM_UP_SECONDS });
    const single = await post(1, { seconds: INGEST_SECONDS });
    const batch = await post(BATCH, { seconds: INGEST_SECONDS });
    const floor = await measureFloor(dbFile, path.join(dir, 'floor.sqlite'));
    reportIngest(single, batch, floor);

    const grown = await grow(post, dbFile, target);
    reader = openSqliteStore(dbFile);
    await reportQueries(lrs.url, authorization, reader, source, grown);
    print(`Machine load average at the end: ${loadAverage()}`);
  } finally {
    await reader?.close();
    await lrs?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

function loadAverage(): string {
  return os
    .loadavg()
    .map((value) => value.toFixed(2))
    .join(' ');
}

function reportIngest(single: LoadResult, batch: LoadResult, floor: Floor): void {
  const singleRate = single.ok / single.seconds;
  const batchRate = (batch.ok * BATCH) / batch.seconds;
  print(`Ingest, POST /xapi/statements at concurrency ${CONCURRENCY}, ${INGEST_SECONDS} s each`);
  print(
    `  1 statement per POST:    ${count(singleRate).padStart(7)} statements/s  p50 ${ms(single.p50)}  p95 ${ms(single.p95)}` +
      `  = ${(singleRate / floor.perSecond).toFixed(3)} of the floor`,
  );
  print(
    `  100 statements per POST: ${count(batchRate).padStart(7)} statements/s  p50 ${ms(batch.p50)}  p95 ${ms(batch.p95)}` +
      `  = ${(batchRate / floor.perSecond).toFixed(3)} of the floor`,
  );
  for (const [name, run] of [['single', single], ['batch', batch]] as const) {
    if (run.failed > 0) print(`  WARNING: ${run.failed} ${name} requests failed (non-2xx, error or timeout)`);
  }
  print(
    `  floor: ${count(floor.perSecond)} statements/s (better-sqlite3, the ${count(floor.statements)} rows stored above` +
      ' re-inserted into a fresh file of the same schema, prepared INSERT, transactions of 100, WAL, synchronous=FULL)',
  );
  print('  targets:');
  print(
    `    batch-100 ingest >= ${TARGETS.batchOfFloor * 100}% of the floor: ${verdict(batchRate >= TARGETS.batchOfFloor * floor.perSecond)}` +
      ` (${((100 * batchRate) / floor.perSecond).toFixed(1)}%)`,
  );
  print(
    `    single POST >= ${count(TARGETS.singlePerSecond)}/s with p95 < ${TARGETS.singleP95} ms: ` +
      verdict(singleRate >= TARGETS.singlePerSecond && single.p95 < TARGETS.singleP95) +
      ` (${count(singleRate)}/s, p95 ${ms(single.p95)})`,
  );
  print();
}

type Post = (
  size: number,
  options: { requests: number; onAnswer(status: number): void; limitMs: number },
) => Promise<LoadResult>;

/** Grows the store to `target` statements with batch POSTs; answers how many it holds. */
async function grow(post: Post, dbFile: string, target: number): Promise<number> {
  const stored = storedCount(dbFile);
  const requests = Math.ceil(Math.max(0, target - stored) / BATCH);
  const started = performance.now();
  if (requests > 0) {
    const step = Math.max(1, Math.round(requests / 10));
    let answered = 0;
    const run = await post(BATCH, {
      requests,
      limitMs: GROW_LIMIT_MS,
      onAnswer: () => {
        answered += 1;
        if (answered % step === 0) {
          const seconds = (performance.now() - started) / 1000;
          process.stderr.write(`  growing: ${count(stored + answered * BATCH)} statements after ${seconds.toFixed(0)} s\n`);
        }
      },
    });
    if (run.failed > 0) print(`  WARNING: ${run.failed} batch POSTs failed while growing the store`);
  }
  const seconds = (performance.now() - started) / 1000;
  const total = storedCount(dbFile);
  print(
    `Store grown to ${count(total)} statements through the LRS itself: POST batches of ${BATCH} at concurrency ${CONCURRENCY}` +
      ` (${count(total - stored)} in ${seconds.toFixed(0)} s, ${count((total - stored) / seconds)} statements/s)`,
  );
  if (total < target) print(`  WARNING: stopped after ${GROW_LIMIT_MS / 60_000} minutes, short of ${count(target)}`);
  print();
  return total;
}

function storedCount(dbFile: string): number {
  const db = new Database(dbFile, { readonly: true });
  try {
    return (db.prepare('SELECT count(*) AS n FROM statements').get() as { n: number }).n;
  } finally {
    db.close();
  }
}

async function reportQueries(
  url: string,
  authorization: string,
  store: Store,
  source: StatementSource,
  stored: number,
): Promise<void> {
  const firstStored = (await store.queryStatements({ ascending: true, limit: 1 }))[0]?.stored ?? new Date().toISOString();
  const span = Date.now() - Date.parse(firstStored);
  const randomSince = (): string => new Date(Date.parse(firstStored) + Math.random() * span).toISOString();
  const actorKeys: string[] = [];
  for (let learner = 0; learner < LEARNERS; learner += 1) {
    const id = source.firstIdOf(learner);
    const [record] = id ? await store.getStatements([id]) : [];
    if (record?.actorKey) actorKeys.push(record.actorKey);
  }
  const queries: Query[] = [
    {
      name: 'by agent',
      path: () => `/xapi/statements?agent=${encodeURIComponent(JSON.stringify(learnerAgent(pick(LEARNERS))))}`,
      storeQuery: () => ({ agentKey: actorKeys[pick(actorKeys.length)] as string, ascending: false, limit: 100 }),
    },
    {
      name: 'by activity, related_activities',
      path: () => `/xapi/statements?activity=${encodeURIComponent(courseActivityId(pick(COURSES)))}&related_activities=true`,
      storeQuery: () => ({ activityId: courseActivityId(pick(COURSES)), relatedActivities: true, ascending: false, limit: 100 }),
    },
    {
      name: 'by verb + since',
      path: () =>
        `/xapi/statements?verb=${encodeURIComponent(VERBS[pick(VERBS.length)] as string)}&since=${encodeURIComponent(randomSince())}`,
      storeQuery: () => ({ verbId: VERBS[pick(VERBS.length)] as string, since: randomSince(), ascending: false, limit: 100 }),
    },
  ];

  print(`GET /xapi/statements at ${count(stored)} statements (p50 / p95; default page of 100)`);
  if (stored < 1_000_000) print(`  (a scaled-down run: the GET target is set for 1,000,000 statements)`);
  print('  the agent is one of 2,000 learners; the activity one of 50 courses, a parent of 1/50 of the statements;');
  print('  since is a random instant in the load; "store" is the same query on the Store port in-process, no HTTP');
  for (const query of queries) {
    const sample = await fetch(`${url}${query.path()}`, {
      headers: { authorization, 'x-experience-api-version': '1.0.3' },
    });
    const body = (await sample.json()) as { statements?: unknown[] };
    const returned = sample.ok ? `${body.statements?.length ?? 0} statements per page` : `ANSWERED ${sample.status}`;
    const get = (connections: number, requests: number) =>
      load({ url, authorization, connections, method: 'GET', requests, next: () => ({ path: query.path() }) });
    const alone = await get(1, GET_REQUESTS.alone);
    const concurrent = await get(CONCURRENCY, GET_REQUESTS.concurrent);
    const direct = await timeStore(store, query, GET_REQUESTS.alone);
    print(`  ${query.name} (a sample returned ${returned})`);
    print(`    concurrency 1: ${ms(alone.p50)} / ${ms(alone.p95)}   concurrency ${CONCURRENCY}: ${ms(concurrent.p50)} / ${ms(concurrent.p95)}`);
    print(
      `    store: ${ms(direct.p50)} / ${ms(direct.p95)}  (LRS p95 at concurrency 1 = ${(alone.p95 / direct.p95).toFixed(1)}x the store's)`,
    );
    // The target names no concurrency for queries: it is judged on one
    // client's requests; the concurrent figure shows the queueing beside it.
    print(
      `    target p95 < ${TARGETS.getP95} ms (one client): ${verdict(alone.p95 < TARGETS.getP95)};` +
        ` at concurrency ${CONCURRENCY} p95 is ${concurrent.p95 < TARGETS.getP95 ? 'within' : 'over'} it`,
    );
    if (alone.failed + concurrent.failed > 0) print(`    WARNING: ${alone.failed + concurrent.failed} requests failed`);
  }
}

async function timeStore(store: Store, query: Query, calls: number): Promise<{ p50: number; p95: number }> {
  const times: number[] = [];
  for (let call = 0; call < calls; call += 1) {
    const started = performance.now();
    await store.queryStatements(query.storeQuery());
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 0.5), p95: percentile(times, 0.95) };
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
