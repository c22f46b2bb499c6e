import { performance } from 'node:perf_hooks';
import Database from 'better-sqlite3';
import { openSqliteStore } from '../lrs/src/index';

/** Largest number of stored rows the floor re-inserts. */
const FLOOR_MAX_ROWS = 200_000;
const TRANSACTION_SIZE = 100;

export interface Floor {
  statements: number;
  perSecond: number;
}

/**
 * The floor of ingest speed: the statement rows the LRS stored, inserted
 * again into a fresh database of the same schema straight through
 * better-sqlite3 (one prepared INSERT, transactions of 100, the LRS's WAL and
 * synchronous = FULL settings), with no HTTP, validation or JSON work.
 */
export async function measureFloor(lrsFile: string, floorFile: string): Promise<Floor> {
  // The LRS's own migrations create the schema, so the floor cannot drift from it.
  await openSqliteStore(floorFile).close();

  const source = new Database(lrsFile, { readonly: true, fileMustExist: true });
  const columns = (source.pragma('table_info(statements)') as { name: string }[])
    .map((column) => column.name)
    .filter((name) => name !== 'seq');
  const rows = source
    .prepare(`SELECT ${columns.join(', ')} FROM statements ORDER BY seq LIMIT ?`)
    .raw()
    .all(FLOOR_MAX_ROWS) as unknown[][];
  source.close();

  const db = new Database(floorFile);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  const insert = db.prepare(
    `INSERT INTO statements (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`,
  );
  const insertChunk = db.transaction((chunk: unknown[][]) => {
    for (const row of chunk) insert.run(row);
  });
  const started = performance.now();
  for (let offset = 0; offset < rows.length; offset += TRANSACTION_SIZE) {
    insertChunk(rows.slice(offset, offset + TRANSACTION_SIZE));
  }
  const seconds = (performance.now() - started) / 1000;
  db.close();
  return { statements: rows.length, perSecond: rows.length / seconds };
}
