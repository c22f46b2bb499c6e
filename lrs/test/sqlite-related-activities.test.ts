import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openSqliteStore } from '../src/index';
import { migrate, SCHEMA_VERSION } from '../src/store/schema';

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'smart-lrs-related-'));
});
afterEach(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

const MODULE = 'https://example.org/courses/etika/module-1';
const related = (...ids: string[]) => `\u001f${ids.join('\u001f')}\u001f`;

describe('upgrading a database to the related activities table', () => {
  it('finds statements stored before the upgrade by a related activity, newest first, and none by an unrelated one', async () => {
    const dbFile = path.join(dir, 'lrs.sqlite');
    const old = new Database(dbFile);
    // The schema before the statement_activities table and its trimming to
    // activities other than the statement's own (the last two migrations).
    migrate(old, SCHEMA_VERSION - 2);
    const insert = old.prepare(
      `INSERT INTO statements (store_id, id, stored, timestamp, verb_id, activity_id, related_agents,
         related_activities, statement_json)
       VALUES ('default', ?, ?, ?, 'http://adlnet.gov/expapi/verbs/experienced', ?, '', ?, ?)`,
    );
    const rows = [
      { stored: '2026-01-01T00:00:01.000Z', own: 'https://example.org/item-1', related: related('https://example.org/item-1', MODULE) },
      { stored: '2026-01-01T00:00:02.000Z', own: 'https://example.org/item-2', related: related('https://example.org/item-2') },
      { stored: '2026-01-01T00:00:03.000Z', own: null, related: related(MODULE, 'https://example.org/item-3') },
      { stored: '2026-01-01T00:00:04.000Z', own: null, related: '' },
    ].map((row) => ({ ...row, id: randomUUID() }));
    for (const row of rows) {
      insert.run(row.id, row.stored, row.stored, row.own, row.related, JSON.stringify({ id: row.id }));
    }
    old.close();

    const store = openSqliteStore(dbFile);
    try {
      const byModule = await store.queryStatements({ activityId: MODULE, relatedActivities: true, ascending: false, limit: 10 });
      const byItem = await store.queryStatements({
        activityId: 'https://example.org/item-2',
        relatedActivities: true,
        ascending: false,
        limit: 10,
      });
      const unrelated = await store.queryStatements({
        activityId: 'https://example.org/elsewhere',
        relatedActivities: true,
        ascending: false,
        limit: 10,
      });

      expect(byModule.map((record) => record.id)).toEqual([rows[2]?.id, rows[0]?.id]);
      expect(byItem.map((record) => record.id)).toEqual([rows[1]?.id]);
      expect(unrelated).toEqual([]);
    } finally {
      await store.close();
    }
  });
});
