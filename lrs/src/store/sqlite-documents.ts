import type Database from 'better-sqlite3';
import type { DocumentKey, DocumentListing, DocumentRecord, DocumentScope } from './types';

interface DocumentRow {
  kind: DocumentRecord['kind'];
  activity_id: string;
  agent_key: string;
  registration: string;
  document_id: string;
  content: Buffer;
  content_type: string;
  etag: string;
  updated_at: string;
}

const KEY_MATCH = `store_id = @storeId AND kind = @kind AND activity_id = @activityId AND agent_key = @agentKey
  AND registration = @registration AND document_id = @documentId`;

/**
 * One store's xAPI documents (state, activity profile, agent profile) in the
 * `documents` table. Conditional writes check the stored ETag and write in one
 * immediate transaction, so two LRS processes on one file cannot both win.
 */
export class SqliteDocuments {
  private readonly findRow;
  private readonly upsertRow;
  private readonly deleteRow;

  constructor(
    private readonly db: Database.Database,
    private readonly storeId: string,
  ) {
    this.findRow = db.prepare(`SELECT * FROM documents WHERE ${KEY_MATCH}`);
    this.upsertRow = db.prepare(
      `INSERT INTO documents (store_id, kind, activity_id, agent_key, registration, document_id,
         content, content_type, etag, updated_at)
       VALUES (@storeId, @kind, @activityId, @agentKey, @registration, @documentId,
         @content, @contentType, @etag, @updatedAt)
       ON CONFLICT (store_id, kind, activity_id, agent_key, registration, document_id) DO UPDATE SET
         content = excluded.content, content_type = excluded.content_type,
         etag = excluded.etag, updated_at = excluded.updated_at`,
    );
    this.deleteRow = db.prepare(`DELETE FROM documents WHERE ${KEY_MATCH} AND etag = @etag`);
  }

  get(key: DocumentKey): DocumentRecord | undefined {
    const row = this.findRow.get(this.keyParams(key)) as DocumentRow | undefined;
    return row === undefined ? undefined : toDocument(row);
  }

  list(scope: DocumentScope, since: string | undefined): DocumentListing[] {
    const { where, params } = this.scopeFilter(scope);
    if (since !== undefined) {
      where.push('updated_at > @since');
      params.since = since;
    }
    const rows = this.db
      .prepare(
        `SELECT document_id, updated_at FROM documents WHERE ${where.join(' AND ')}
         ORDER BY updated_at, document_id`,
      )
      .all(params) as Pick<DocumentRow, 'document_id' | 'updated_at'>[];
    return rows.map((row) => ({ documentId: row.document_id, updatedAt: row.updated_at }));
  }

  save(document: DocumentRecord, expectedEtag: string | null): boolean {
    return this.db
      .transaction(() => {
        const current = this.findRow.get(this.keyParams(document)) as DocumentRow | undefined;
        if ((current?.etag ?? null) !== expectedEtag) return false;
        this.upsertRow.run({
          ...this.keyParams(document),
          content: document.content,
          contentType: document.contentType,
          etag: document.etag,
          updatedAt: document.updatedAt,
        });
        return true;
      })
      .immediate();
  }

  delete(key: DocumentKey, expectedEtag: string): boolean {
    return this.deleteRow.run({ ...this.keyParams(key), etag: expectedEtag }).changes > 0;
  }

  deleteAll(scope: DocumentScope): void {
    const { where, params } = this.scopeFilter(scope);
    this.db.prepare(`DELETE FROM documents WHERE ${where.join(' AND ')}`).run(params);
  }

  private keyParams(key: DocumentKey): Record<string, string> {
    return {
      storeId: this.storeId,
      kind: key.kind,
      activityId: key.activityId,
      agentKey: key.agentKey,
      registration: key.registration,
      documentId: key.documentId,
    };
  }

  private scopeFilter(scope: DocumentScope): { where: string[]; params: Record<string, string> } {
    const where = ['store_id = @storeId', 'kind = @kind', 'activity_id = @activityId', 'agent_key = @agentKey'];
    const params: Record<string, string> = {
      storeId: this.storeId,
      kind: scope.kind,
      activityId: scope.activityId,
      agentKey: scope.agentKey,
    };
    if (scope.registration !== undefined) {
      where.push('registration = @registration');
      params.registration = scope.registration;
    }
    return { where, params };
  }
}

function toDocument(row: DocumentRow): DocumentRecord {
  return {
    kind: row.kind,
    activityId: row.activity_id,
    agentKey: row.agent_key,
    registration: row.registration,
    documentId: row.document_id,
    content: row.content,
    contentType: row.content_type,
    etag: row.etag,
    updatedAt: row.updated_at,
  };
}
