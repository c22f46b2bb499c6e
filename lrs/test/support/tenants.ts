import { createHash } from 'node:crypto';
import Database from 'better-sqlite3';
import { createCredential, type CredentialOptions } from '../../src/index';
import { basic, type Harness } from '../harness';

/** One institution's store on the test LRS, with an admin credential of its own. */
export interface Tenant {
  storeId: string;
  admin: string;
  /** A new credential of this store, as an Authorization header. */
  credential(options: CredentialOptions): Promise<string>;
}

export async function tenant(h: Harness, storeId: string): Promise<Tenant> {
  const credential = async (options: CredentialOptions) => {
    const { key, secret } = await createCredential(h.lrs.root.store(storeId), options);
    return basic(key, secret);
  };
  return { storeId, admin: await credential({ kind: 'admin', label: `${storeId} admin` }), credential };
}

/**
 * Each table's row count and a digest of its content, read through a
 * connection of its own: a call that changed nothing leaves both as they were.
 */
export function snapshot(dbFile: string): Record<string, { rows: number; digest: string }> {
  const db = new Database(dbFile, { readonly: true, fileMustExist: true });
  try {
    // A WITHOUT ROWID table (wr = 1) is read in its primary key order.
    const tables = db
      .prepare(
        "SELECT name, wr FROM pragma_table_list WHERE schema = 'main' AND type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name",
      )
      .all() as { name: string; wr: number }[];
    return Object.fromEntries(
      tables.map(({ name, wr }) => {
        const rows = db.prepare(`SELECT * FROM "${name}"${wr ? '' : ' ORDER BY rowid'}`).raw().all() as unknown[][];
        const digest = createHash('sha256');
        for (const row of rows) {
          digest.update(JSON.stringify(row.map((cell) => (Buffer.isBuffer(cell) ? cell.toString('hex') : cell))));
        }
        return [name, { rows: rows.length, digest: digest.digest('hex') }];
      }),
    );
  } finally {
    db.close();
  }
}
