import { Command, Option } from 'commander';
import { createCredential, type CredentialOptions } from './auth';
import { readConfig } from './config';
import { parseScopes, SCOPES, type Scope } from './scopes';
import { startLrs } from './server';
import { openMongoRoot } from './store/mongo/mongo-root';
import { openSqliteRoot } from './store/sqlite-root';
import { DEFAULT_STORE_ID, type CredentialRecord, type StoreRoot } from './store/types';

/*
 * `smart-lrs`: run the LRS, and manage its credentials on the machine that
 * holds its database.
 */

const program = new Command('smart-lrs').description(
  'SMART Training LRS: xAPI statements, the SMART assessment API and the evaluator console.',
);

program
  .command('serve')
  .description('start the LRS (PORT, HOST, SMART_DATA_DIR, SMART_DB_FILE, LOG_LEVEL, SMART_BODY_LIMIT, SMART_ATTACHMENT_LIMIT, SMART_XAPI_DEFAULT_VERSION, MONGODB_URI)')
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

const credentials = program
  .command('credentials')
  .description('manage credentials: each belongs to one store (institution) and carries scopes');

/**
 * Runs `work` on the database (MONGODB_URI's when set and no --db is given),
 * closing it afterwards; a misuse becomes a one-line error.
 */
async function withRoot(db: string | undefined, work: (root: StoreRoot) => Promise<void>): Promise<void> {
  const config = readConfig();
  const mongodbUri = db === undefined ? config.mongodbUri : undefined;
  const root = await (mongodbUri === undefined
    ? Promise.resolve(openSqliteRoot(db ?? config.dbFile))
    : openMongoRoot(mongodbUri)
  ).catch((error: unknown) => program.error(error instanceof Error ? error.message : String(error)));
  let failure: string | undefined;
  try {
    await work(root);
  } catch (error) {
    failure = error instanceof Error ? error.message : String(error);
  } finally {
    await root.close();
  }
  if (failure !== undefined) program.error(failure);
}

interface AddOptions {
  store: string;
  kind?: 'admin' | 'launch';
  scopes?: Scope[];
  course?: string;
  label?: string;
  db?: string;
}

credentials
  .command('add')
  .description(
    'create a credential and print its key and secret (the secret is shown only now); the first credential of a store creates the store',
  )
  .option('--store <id>', 'the store (institution) the credential works in, e.g. bpsdm-kemendagri', DEFAULT_STORE_ID)
  .addOption(
    new Option('--kind <kind>', 'a preset: admin (all, smart/admin) or launch (smart/launch for one course)')
      .choices(['admin', 'launch'])
      .conflicts('scopes'),
  )
  .option('--scopes <list>', `comma-separated scopes instead of a kind: ${SCOPES.join(', ')}`, parseScopeOption)
  .option('--course <id>', 'the course a launch credential (smart/launch) opens sessions for')
  .option('--label <text>', 'who or what the credential is for')
  .option('--db <file>', 'SQLite database file')
  .action(async (options: AddOptions) => {
    if (options.kind === undefined && options.scopes === undefined) {
      program.error('Give --kind admin|launch or --scopes <list> to say what the credential may do.');
    }
    if ((options.kind === 'launch' || options.scopes?.includes('smart/launch')) && !options.course) {
      program.error('A launch credential opens sessions of one course: add --course <id>.');
    }
    await withRoot(options.db, async (root) => {
      const store = root.store(options.store);
      const request: CredentialOptions = {
        label: options.label || defaultLabel(options),
        ...(options.kind ? { kind: options.kind } : {}),
        ...(options.scopes ? { scopes: options.scopes } : {}),
        ...(options.course ? { courseId: options.course } : {}),
      };
      const { key, secret } = await createCredential(store, request);
      const created = await store.findCredential(key);
      process.stdout.write(
        `store:  ${store.storeId}\nkey:    ${key}\nsecret: ${secret}\nscopes: ${created?.scopes.join(' ') ?? ''}\n`,
      );
      process.stderr.write('Store the secret now: the LRS keeps only its hash and cannot show it again.\n');
    });
  });

credentials
  .command('list')
  .description('list credentials (never their secrets), learner session credentials only with --sessions')
  .option('--store <id>', 'only the credentials of this store')
  .option('--sessions', 'include the learner session credentials the LRS made for launches')
  .option('--db <file>', 'SQLite database file')
  .action(async (options: { store?: string; sessions?: boolean; db?: string }) => {
    await withRoot(options.db, async (root) => {
      if (options.store !== undefined) root.store(options.store);
      const list = await root.listCredentials({
        ...(options.store !== undefined ? { storeId: options.store } : {}),
        sessions: options.sessions === true,
      });
      if (list.length === 0) {
        process.stderr.write('No credentials yet. Create one with: smart-lrs credentials add --kind admin\n');
        return;
      }
      process.stdout.write(credentialTable(list));
    });
  });

credentials
  .command('revoke')
  .description('stop a credential from working, at once; its statements keep it as their authority')
  .argument('<key>', 'the key of the credential')
  .option('--db <file>', 'SQLite database file')
  .action(async (key: string, options: { db?: string }) => {
    await withRoot(options.db, async (root) => {
      const credential = await root.findCredential(key);
      if (credential === undefined) {
        throw new Error(`No credential has the key ${key}. List them with: smart-lrs credentials list`);
      }
      if (credential.revokedAt !== null) {
        process.stdout.write(`${key} was already revoked at ${credential.revokedAt}.\n`);
        return;
      }
      await root.revokeCredential(key, new Date().toISOString());
      process.stdout.write(`revoked ${key} (${credential.label}, store ${credential.storeId}).\n`);
    });
  });

function parseScopeOption(value: string): Scope[] {
  try {
    return parseScopes(value);
  } catch (error) {
    return program.error((error as Error).message);
  }
}

function defaultLabel(options: AddOptions): string {
  if (options.kind === 'launch' || options.course) return `launch ${options.course ?? ''}`.trim();
  return options.kind ?? options.scopes?.join(' ') ?? '';
}

/** The credentials as aligned columns, for a terminal. */
function credentialTable(list: readonly CredentialRecord[]): string {
  const header = ['KEY', 'STORE', 'KIND', 'SCOPES', 'COURSE', 'LABEL', 'CREATED', 'REVOKED'];
  const rows = list.map((credential) => [
    credential.key,
    credential.storeId,
    credential.kind,
    credential.scopes.join(','),
    credential.courseId ?? '-',
    credential.label,
    credential.createdAt,
    credential.revokedAt ?? '-',
  ]);
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column]?.length ?? 0)));
  return [header, ...rows]
    .map((row) => row.map((cell, column) => cell.padEnd(widths[column] ?? 0)).join('  ').trimEnd())
    .join('\n')
    .concat('\n');
}

await program.parseAsync(process.argv);
