import type Database from 'better-sqlite3';
import { definedActivities, mergeDefinition } from '../xapi/activity-definition';
import type { GroupCommit } from './sqlite-group-commit';

/** Activities whose settled definition is remembered; past this the memory starts afresh. */
const SETTLED_LIMIT = 20_000;

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
  /**
   * Per activity, the definition (as JSON) last folded into its row. Folding
   * a definition in twice changes nothing, and most statements repeat the
   * definition of an activity the last one gave, so such a repeat skips the
   * read, the merge and the write. Forgotten whenever a write rolls back,
   * since the fold may have gone with it.
   */
  private readonly settled = new Map<string, string>();

  constructor(
    db: Database.Database,
    private readonly storeId: string,
    writes: GroupCommit,
  ) {
    writes.onRollback(() => this.settled.clear());
    this.findRow = db.prepare('SELECT definition_json FROM activities WHERE store_id = ? AND id = ?');
    this.upsertRow = db.prepare(
      `INSERT INTO activities (store_id, id, definition_json) VALUES (?, ?, ?)
       ON CONFLICT (store_id, id) DO UPDATE SET definition_json = excluded.definition_json`,
    );
  }

  /** Folds the definitions `statement` gives into the projection; run it in a write of the group commit. */
  project(statement: Record<string, unknown>): void {
    for (const { id, definition } of definedActivities(statement)) {
      const given = JSON.stringify(definition);
      if (this.settled.get(id) === given) continue;
      const row = this.findRow.get(this.storeId, id) as ActivityRow | undefined;
      const known = row === undefined ? undefined : parseDefinition(row.definition_json);
      const merged = JSON.stringify(mergeDefinition(known, definition));
      // Most statements repeat a definition already known: skip the write.
      if (merged !== row?.definition_json) this.upsertRow.run(this.storeId, id, merged);
      if (this.settled.size >= SETTLED_LIMIT) this.settled.clear();
      this.settled.set(id, given);
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
