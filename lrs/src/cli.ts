import { Command, Option } from 'commander';
import { createCredential } from './auth';
import { readConfig } from './config';
import { startLrs } from './server';
import { openSqliteStore } from './store/sqlite';

/*
 * `smart-lrs`: run the LRS, and manage its credentials on the machine that
 * holds its database.
 */

const program = new Command('smart-lrs').description(
  'SMART Training LRS: xAPI statements, the SMART assessment API and the evaluator console.',
);

program
  .command('serve')
  .description('start the LRS (PORT, HOST, SMART_DATA_DIR, SMART_DB_FILE, LOG_LEVEL, SMART_BODY_LIMIT)')
  .option('--port <number>', 'port to listen on', (value) => Number(value))
  .option('--host <address>', 'address to listen on')
  .option('--db <file>', 'SQLite database file')
  .option('--dist <dir>', 'rollup output folder, to serve the console at /console/')
  .action(async (options: { port?: number; host?: string; db?: string; dist?: string }) => {
    const lrs = await startLrs({
      ...(options.port !== undefined ? { port: options.port } : {}),
      ...(options.host ? { host: options.host } : {}),
      ...(options.db ? { dbFile: options.db } : {}),
      ...(options.dist ? { distDir: options.dist } : {}),
    });
    const stop = () => {
      lrs.close().then(
        () => process.exit(0),
        () => process.exit(1),
      );
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });

const credentials = program.command('credentials').description('manage admin and launch credentials');

credentials
  .command('add')
  .description('create a credential and print its key and secret (the secret is shown only now)')
  .addOption(
    new Option('--kind <kind>', 'admin: everything; launch: opens learner sessions for one course')
      .choices(['admin', 'launch'])
      .makeOptionMandatory(),
  )
  .option('--course <id>', 'the course a launch credential is bound to')
  .option('--label <text>', 'who or what the credential is for', '')
  .option('--db <file>', 'SQLite database file')
  .action(async (options: { kind: 'admin' | 'launch'; course?: string; label: string; db?: string }) => {
    if (options.kind === 'launch' && !options.course) {
      program.error('A launch credential is bound to one course: add --course <id>.');
    }
    const store = openSqliteStore(options.db ?? readConfig().dbFile);
    try {
      const label = options.label || (options.kind === 'launch' ? `launch ${options.course}` : 'admin');
      const { key, secret } = await createCredential(store, {
        kind: options.kind,
        label,
        ...(options.course ? { courseId: options.course } : {}),
      });
      process.stdout.write(`key:    ${key}\nsecret: ${secret}\n`);
      process.stderr.write('Store the secret now: the LRS keeps only its hash and cannot show it again.\n');
    } finally {
      await store.close();
    }
  });

await program.parseAsync(process.argv);
