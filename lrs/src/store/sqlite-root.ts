import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { migrate } from './schema';
import { SqliteStore } from './sqlite';
import { SqliteCredentials } from './sqlite-credentials';
import { GroupCommit } from './sqlite-group-commit';
import {
  DEFAULT_STORE_ID,
  InvalidStoreIdError,
  STORE_ID_PATTERN,
  type CredentialRecord,
  type Store,
  type StoreRoot,
} from './types';

/**
 * Opens (creating when needed) the SQLite database at `file`, or an in-memory
 * one for `:memory:`, with a view per store.
 *
 * WAL lets readers run beside the single writer. `synchronous = FULL` makes
 * every commit reach the disk before better-sqlite3 returns, so a write the
 * LRS has acknowledged survives a crash or power loss; WAL's usual NORMAL
 * setting could lose the last commits on power loss.
 *
 * @example
 * const root = openSqliteRoot('./data/lrs.sqlite');
 * const store = root.store('bpsdm-kemendagri');
 */
export function openSqliteRoot(file: string): StoreRoot {
  if (file !== ':memory:') fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  // 64 MiB of page cache (SQLite's default is 2 MiB): the statement indexes
  // take random inserts (ids, learners, registrations), and a page found in
  // the cache is one the insert need not read back through the OS.
  db.pragma('cache_size = -65536');
  migrate(db);
  return new SqliteRoot(db);
}

/**
 * Opens the SQLite database at `file` and answers the view of one store
 * (`default` unless named); closing the view closes the database.
 *
 * @example
 * const store = openSqliteStore('./data/lrs.sqlite');
 * await createCredential(store, { kind: 'admin', label: 'operator' });
 * await store.close();
 */
export function openSqliteStore(file: string, storeId: string = DEFAULT_STORE_ID): Store {
  return openSqliteRoot(file).store(storeId);
}

class SqliteRoot implements StoreRoot {
  private readonly credentials: SqliteCredentials;
  // Views hold their prepared statements; a request asks for its store's
  // view every time, so each is made once. Store ids come from credentials,
  // so their number stays that of the institutions.
  private readonly views = new Map<string, SqliteStore>();
  // One queue for the whole file: SQLite has one writer, whatever the store.
  private readonly writes: GroupCommit;

  constructor(private readonly db: Database.Database) {
    this.credentials = new SqliteCredentials(db);
    this.writes = new GroupCommit(db);
  }

  store(storeId: string): Store {
    if (!STORE_ID_PATTERN.test(storeId)) throw new InvalidStoreIdError(storeId);
    let view = this.views.get(storeId);
    if (view === undefined) {
      view = new SqliteStore(this.db, storeId, this.credentials, this.writes, () => this.close());
      this.views.set(storeId, view);
    }
    return view;
  }

  async findCredential(key: string): Promise<CredentialRecord | undefined> {
    return this.credentials.find(key);
  }

  async listCredentials(filter: { storeId?: string; sessions?: boolean } = {}): Promise<CredentialRecord[]> {
    return this.credentials.list(filter);
  }

  async revokeCredential(key: string, at: string): Promise<boolean> {
    return this.credentials.revoke(key, at);
  }

  async close(): Promise<void> {
    if (!this.db.open) return;
    this.writes.flush();
    this.db.close();
  }
}
