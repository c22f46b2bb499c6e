import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { GroupCommit } from '../src/store/sqlite-group-commit';

let dir: string;
let db: Database.Database;
let writes: GroupCommit;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'smart-lrs-group-'));
  db = new Database(path.join(dir, 'lrs.sqlite'));
  db.pragma('journal_mode = WAL');
  db.exec('CREATE TABLE notes (id TEXT PRIMARY KEY)');
  writes = new GroupCommit(db);
});
afterEach(() => {
  if (db.open) db.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const insert = (id: string) => () => db.prepare('INSERT INTO notes (id) VALUES (?)').run(id).changes;
const stored = (reader: Database.Database = db) =>
  (reader.prepare('SELECT id FROM notes ORDER BY id').all() as { id: string }[]).map((row) => row.id);

describe('group commit of concurrent writes', () => {
  it('commits the writes of one turn together and answers each caller its own result', async () => {
    const answers = await Promise.all([writes.run(insert('a')), writes.run(insert('b')), writes.run(() => 'done')]);

    expect(answers).toEqual([1, 1, 'done']);
    expect(stored()).toEqual(['a', 'b']);
  });

  it('rolls back a failing write alone and fails only its caller, the others still committed', async () => {
    const first = writes.run(insert('a'));
    const failing = writes.run(() => {
      insert('partial')();
      insert('a')();
    });
    const results = await Promise.allSettled([first, failing, writes.run(insert('b'))]);

    expect(results.map((result) => result.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect((results[1] as PromiseRejectedResult).reason).toBeInstanceOf(Database.SqliteError);
    expect(stored()).toEqual(['a', 'b']);
  });

  it('answers a caller only once its write is committed: another connection already reads it', async () => {
    const reader = new Database(path.join(dir, 'lrs.sqlite'), { readonly: true });
    try {
      await writes.run(insert('a'));

      expect(stored(reader)).toEqual(['a']);
    } finally {
      reader.close();
    }
  });

  it('commits the queued writes at once when flushed before the database closes', async () => {
    const pending = writes.run(insert('a'));
    writes.flush();
    db.close();

    await expect(pending).resolves.toBe(1);
    const reopened = new Database(path.join(dir, 'lrs.sqlite'), { readonly: true });
    try {
      expect(stored(reopened)).toEqual(['a']);
    } finally {
      reopened.close();
    }
  });
});
