import type Database from 'better-sqlite3';
import { definedActivities, mergeDefinition } from '../xapi/activity-definition';

interface ActivityRow {
  definition_json: string;
}

/**
 * One store's activity definitions, projected from its stored statements, kept up to date
 * inside each statement's own transaction so that the Activities resource
 * reads one row instead of every statement about a popular activity.
 */
export class SqliteActivities {
  private readonly findRow;
  private readonly upsertRow;

  constructor(
    db: Database.Database,
    private readonly storeId: string,
  ) {
    this.findRow = db.prepare('SELECT definition_json FROM activities WHERE store_id = ? AND id = ?');
    this.upsertRow = db.prepare(
      `INSERT INTO activities (store_id, id, definition_json) VALUES (?, ?, ?)
       ON CONFLICT (store_id, id) DO UPDATE SET definition_json = excluded.definition_json`,
    );
  }

  /** Folds the definitions `statement` gives into the projection; run it in the statement's transaction. */
  project(statement: Record<string, unknown>): void {
    for (const { id, definition } of definedActivities(statement)) {
      const row = this.findRow.get(this.storeId, id) as ActivityRow | undefined;
      const known = row === undefined ? undefined : parseDefinition(row.definition_json);
      const merged = JSON.stringify(mergeDefinition(known, definition));
      // Most statements repeat a definition already known: skip the write.
      if (merged !== row?.definition_json) this.upsertRow.run(this.storeId, id, merged);
    }
  }

  get(activityId: string): Record<string, unknown> | undefined {
    const row = this.findRow.get(this.storeId, activityId) as ActivityRow | undefined;
    return row === undefined ? undefined : parseDefinition(row.definition_json);
  }
}

function parseDefinition(json: string): Record<string, unknown> {
  return JSON.parse(json) as Record<string, unknown>;
}
