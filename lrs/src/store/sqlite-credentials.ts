import type Database from 'better-sqlite3';
import type { Scope } from '../scopes';
import type { CredentialRecord, NewCredential } from './types';

interface CredentialRow {
  key: string;
  store_id: string;
  secret_hash: string;
  kind: CredentialRecord['kind'];
  scopes_json: string;
  course_id: string | null;
  nip: string | null;
  label: string;
  created_at: string;
  revoked_at: string | null;
}

/**
 * The `credentials` table, shared by every store: a key is unique across
 * stores, so a request's key alone tells which store it works in.
 */
export class SqliteCredentials {
  private readonly insertRow;
  private readonly findRow;
  private readonly revokeRow;

  constructor(private readonly db: Database.Database) {
    this.insertRow = db.prepare(
      `INSERT INTO credentials (key, store_id, secret_hash, kind, scopes_json, course_id, nip, label,
         created_at, revoked_at)
       VALUES (@key, @storeId, @secretHash, @kind, @scopes, @courseId, @nip, @label, @createdAt, NULL)`,
    );
    this.findRow = db.prepare('SELECT * FROM credentials WHERE key = ?');
    this.revokeRow = db.prepare(
      'UPDATE credentials SET revoked_at = COALESCE(revoked_at, ?) WHERE key = ?',
    );
  }

  insert(storeId: string, credential: NewCredential): void {
    this.insertRow.run({
      key: credential.key,
      storeId,
      secretHash: credential.secretHash,
      kind: credential.kind,
      scopes: JSON.stringify(credential.scopes),
      courseId: credential.courseId,
      nip: credential.nip,
      label: credential.label,
      createdAt: credential.createdAt,
    });
  }

  find(key: string): CredentialRecord | undefined {
    const row = this.findRow.get(key) as CredentialRow | undefined;
    return row === undefined ? undefined : toCredential(row);
  }

  list(filter: { storeId?: string; sessions?: boolean }): CredentialRecord[] {
    const where: string[] = [];
    const params: Record<string, string> = {};
    if (filter.storeId !== undefined) {
      where.push('store_id = @storeId');
      params.storeId = filter.storeId;
    }
    if (!filter.sessions) where.push("kind <> 'session'");
    const sql = `SELECT * FROM credentials ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''}
      ORDER BY created_at, key`;
    return (this.db.prepare(sql).all(params) as CredentialRow[]).map(toCredential);
  }

  /** Keeps the first revocation time when revoked twice. */
  revoke(key: string, at: string): boolean {
    return this.revokeRow.run(at, key).changes > 0;
  }
}

function toCredential(row: CredentialRow): CredentialRecord {
  return {
    key: row.key,
    storeId: row.store_id,
    secretHash: row.secret_hash,
    kind: row.kind,
    scopes: JSON.parse(row.scopes_json) as Scope[],
    courseId: row.course_id,
    nip: row.nip,
    label: row.label,
    createdAt: row.created_at,
    revokedAt: row.revoked_at,
  };
}
