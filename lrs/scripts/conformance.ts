import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { pino } from 'pino';
import { createCredential, startLrs, type RunningLrs } from '../src/index';

/*
 * `npm run conformance`: runs the ADL LRS conformance test suite against a
 * fresh LRS on loopback, one xAPI version after the other, and prints what
 * failed, grouped by the suite's sections. The suite is not part of this
 * repository; LRS_CONFORMANCE_SUITE points at a checkout of it.
 */

const USAGE = `Set LRS_CONFORMANCE_SUITE to a checkout of the ADL LRS conformance test suite, with its npm dependencies installed:

  git clone https://github.com/adlnet/lrs-conformance-test-suite.git /tmp/lrs-conformance
  cd /tmp/lrs-conformance && npm install       # the suite runs on Node 20
  LRS_CONFORMANCE_SUITE=/tmp/lrs-conformance npm run conformance

Optional: CONFORMANCE_VERSIONS (default "1.0.3,2.0.0") chooses the batteries;
CONFORMANCE_GREP runs only the tests whose title matches the pattern.
Exit status: 0 when every test passed, 1 when any failed, 2 without the suite.`;

const DEFAULT_VERSIONS = ['1.0.3', '2.0.0'];
/** How often the latest running count is printed while a battery runs. */
const PROGRESS_EVERY_MS = 30_000;

interface Summary {
  total: number;
  passed: number;
  failed: number;
}

/** A node of the suite's run log: a section, a requirement or a single test. */
interface LogNode {
  title?: string;
  status?: string;
  error?: string;
  tests?: LogNode[];
}

interface Battery {
  version: string;
  summary: Summary;
  logFile: string;
  /** Failing tests by top-level section, each as its titles below the section. */
  failures: Map<string, { path: string; error: string }[]>;
}

function suiteFolder(): string {
  const folder = process.env.LRS_CONFORMANCE_SUITE;
  if (!folder) {
    process.stderr.write(`${USAGE}\n`);
    process.exit(2);
  }
  const runner = path.join(folder, 'bin', 'console_runner.js');
  if (!fs.existsSync(runner) || !fs.existsSync(path.join(folder, 'node_modules'))) {
    process.stderr.write(
      `${folder} does not hold the conformance suite with its dependencies (bin/console_runner.js and node_modules/).\n\n${USAGE}\n`,
    );
    process.exit(2);
  }
  return folder;
}

/** Runs one battery with the suite's console runner and reads the log it writes. */
async function runBattery(
  suite: string,
  version: string,
  endpoint: string,
  credential: { key: string; secret: string },
): Promise<Battery> {
  const args = [
    path.join('bin', 'console_runner.js'),
    ...['-e', endpoint, '-a', '-u', credential.key, '-p', credential.secret, '-x', version, '-z'],
    ...(process.env.CONFORMANCE_GREP ? ['-g', process.env.CONFORMANCE_GREP] : []),
  ];
  const runner = spawn(process.execPath, args, { cwd: suite, stdio: ['ignore', 'pipe', 'pipe'] });
  const recent: string[] = [];
  let logFile: string | undefined;
  let lastProgress = Date.now();
  const remember = (line: string): void => {
    recent.push(line);
    if (recent.length > 40) recent.shift();
  };
  readline.createInterface({ input: runner.stderr }).on('line', remember);
  readline.createInterface({ input: runner.stdout }).on('line', (line) => {
    remember(line);
    const written = /Full run log written to (.+)$/.exec(line);
    if (written) logFile = (written[1] as string).trim();
    // The runner prints its running summary every two seconds; show one now and then.
    if (line.startsWith('{"total"') && Date.now() - lastProgress >= PROGRESS_EVERY_MS) {
      lastProgress = Date.now();
      process.stdout.write(`  ${version} running: ${line}\n`);
    }
  });
  const exit = await new Promise<number | null>((resolve) => runner.once('close', (code) => resolve(code)));

  if (!logFile || !fs.existsSync(logFile)) {
    throw new Error(
      `The conformance runner for ${version} exited (${exit}) without writing its log. Its last output:\n${recent.join('\n')}`,
    );
  }
  const log = JSON.parse(fs.readFileSync(logFile, 'utf8')) as { summary: Summary; log?: LogNode };
  return { version, summary: log.summary, logFile, failures: failuresBySection(log.log) };
}

function failuresBySection(root: LogNode | undefined): Battery['failures'] {
  const failures: Battery['failures'] = new Map();
  const walk = (node: LogNode, titles: string[]): void => {
    const children = node.tests ?? [];
    if (children.length === 0) {
      if (node.status !== 'failed') return;
      // A failure with no title above it is the suite's own setup: no test ran after it.
      const [section = 'Suite setup (nothing ran after it)', ...rest] = titles;
      const list = failures.get(section) ?? [];
      list.push({ path: rest.join(' › ') || 'before-all hook', error: (node.error ?? '').split('\n')[0] ?? '' });
      failures.set(section, list);
      return;
    }
    for (const child of children) walk(child, child.title ? [...titles, child.title] : titles);
  };
  if (root) walk(root, []);
  return failures;
}

function report(battery: Battery): void {
  const { total, passed, failed } = battery.summary;
  process.stdout.write(
    `\nxAPI ${battery.version}: ${total} total, ${passed} passed, ${failed} failed\n  log: ${battery.logFile}\n`,
  );
  const sections = [...battery.failures].sort((a, b) => b[1].length - a[1].length);
  for (const [section, tests] of sections) {
    process.stdout.write(`\n  ${section} (${tests.length} failing)\n`);
    for (const test of tests) {
      process.stdout.write(`    - ${test.path}${test.error ? `\n        ${test.error.slice(0, 200)}` : ''}\n`);
    }
  }
}

async function main(): Promise<number> {
  const suite = suiteFolder();
  const versions = (process.env.CONFORMANCE_VERSIONS ?? DEFAULT_VERSIONS.join(','))
    .split(',')
    .map((version) => version.trim())
    .filter((version) => version !== '');
  const nodeMajor = Number(process.versions.node.split('.')[0]);
  if (nodeMajor !== 20) {
    process.stderr.write(`Note: the conformance suite is made for Node 20; this is Node ${process.versions.node}.\n`);
  }

  const batteries: Battery[] = [];
  for (const version of versions) batteries.push(await runAgainstFreshLrs(suite, version));
  for (const battery of batteries) report(battery);
  process.stdout.write('\n');
  for (const { version, summary } of batteries) {
    process.stdout.write(`${version}: ${summary.passed} passed, ${summary.failed} failed of ${summary.total}\n`);
  }
  return batteries.every(({ summary }) => summary.failed === 0 && summary.passed > 0) ? 0 : 1;
}

/**
 * One battery against its own LRS and database. The LRS is told which version
 * to name when a request carries no version header: each battery expects its
 * own there, and nothing else in the request tells them apart.
 */
async function runAgainstFreshLrs(suite: string, version: string): Promise<Battery> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'smart-lrs-conformance-'));
  let lrs: RunningLrs | undefined;
  try {
    lrs = await startLrs({
      port: 0,
      host: '127.0.0.1',
      dbFile: path.join(dir, 'lrs.sqlite'),
      xapiDefaultVersion: version.startsWith('1.') ? '1.0.3' : '2.0.0',
      // Only server errors: the suite sends thousands of requests on purpose wrong.
      logger: pino({ level: process.env.LOG_LEVEL ?? 'warn' }, pino.destination(2)),
    });
    const credential = await createCredential(lrs.store, { kind: 'admin', label: 'conformance suite' });
    process.stdout.write(`${version}: LRS at ${lrs.url}, database in ${dir}\n`);
    const started = Date.now();
    const battery = await runBattery(suite, version, `${lrs.url}/xapi`, credential);
    process.stdout.write(`  ${version} finished in ${Math.round((Date.now() - started) / 1000)} s\n`);
    return battery;
  } finally {
    await lrs?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
