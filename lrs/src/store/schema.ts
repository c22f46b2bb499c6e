import type Database from 'better-sqlite3';

/**
 * Schema migrations, applied in order. `PRAGMA user_version` records how many
 * have run, so opening an older file upgrades it and a current file is left
 * alone. Append new steps; never edit a released one.
 */
const MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE credentials (
    key TEXT PRIMARY KEY,
    secret_hash TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('admin', 'launch', 'session')),
    course_id TEXT,
    nip TEXT,
    label TEXT NOT NULL,
    created_at TEXT NOT NULL
  );

  CREATE TABLE sessions (
    id TEXT PRIMARY KEY,
    credential_key TEXT NOT NULL REFERENCES credentials(key),
    course_id TEXT NOT NULL,
    nip TEXT NOT NULL,
    created_at TEXT NOT NULL
  );

  CREATE TABLE courses (
    id TEXT PRIMARY KEY,
    version TEXT NOT NULL,
    title_json TEXT NOT NULL,
    jp REAL NOT NULL,
    item_count INTEGER NOT NULL,
    course_json TEXT NOT NULL,
    updated_at TEXT NOT NULL
  );

  CREATE TABLE employees (
    nip TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    unit TEXT NOT NULL,
    position TEXT
  );

  CREATE TABLE enrolments (
    course_id TEXT NOT NULL,
    nip TEXT NOT NULL,
    registration TEXT NOT NULL UNIQUE,
    created_at TEXT NOT NULL,
    PRIMARY KEY (course_id, nip)
  );

  CREATE TABLE forms (
    id TEXT PRIMARY KEY,
    course_id TEXT NOT NULL,
    nip TEXT NOT NULL,
    test_id TEXT NOT NULL,
    attempt INTEGER NOT NULL,
    seed TEXT NOT NULL,
    item_ids_json TEXT NOT NULL,
    keyed_items_json TEXT NOT NULL,
    served_json TEXT NOT NULL,
    started_at TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('open', 'submitted', 'expired')),
    answers_json TEXT,
    closed_at TEXT,
    UNIQUE (course_id, nip, test_id, attempt)
  );
  CREATE INDEX forms_learner_test ON forms (course_id, nip, test_id, status);

  CREATE TABLE attempts (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    course_id TEXT NOT NULL,
    nip TEXT NOT NULL,
    test_id TEXT NOT NULL,
    kind TEXT NOT NULL,
    attempt INTEGER NOT NULL,
    score REAL NOT NULL,
    outcome TEXT NOT NULL CHECK (outcome IN ('passed', 'failed')),
    at TEXT NOT NULL,
    form_id TEXT NOT NULL UNIQUE,
    UNIQUE (course_id, nip, test_id, attempt)
  );
  CREATE INDEX attempts_learner ON attempts (course_id, nip, seq);

  CREATE TABLE item_exposure (
    course_id TEXT NOT NULL,
    item_id TEXT NOT NULL,
    count INTEGER NOT NULL,
    PRIMARY KEY (course_id, item_id)
  );

  CREATE TABLE certificates (
    number TEXT PRIMARY KEY,
    course_id TEXT NOT NULL,
    nip TEXT NOT NULL,
    year INTEGER NOT NULL,
    sequence INTEGER NOT NULL,
    basis TEXT NOT NULL CHECK (basis IN ('placement', 'final')),
    issued_at TEXT NOT NULL,
    UNIQUE (course_id, nip),
    UNIQUE (course_id, year, sequence)
  );

  CREATE TABLE statements (
    -- Insertion order: orders statements stored in the same millisecond and
    -- anchors the paging cursor. Explicit so that VACUUM cannot renumber it.
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    id TEXT NOT NULL UNIQUE,
    stored TEXT NOT NULL,
    timestamp TEXT NOT NULL,
    verb_id TEXT NOT NULL,
    actor_key TEXT,
    object_agent_key TEXT,
    activity_id TEXT,
    registration TEXT,
    -- identity keys and activity ids delimited by char(31), for the
    -- related_agents / related_activities queries
    related_agents TEXT NOT NULL,
    related_activities TEXT NOT NULL,
    voided INTEGER NOT NULL DEFAULT 0,
    statement_json TEXT NOT NULL
  );
  -- Index entries end in seq (the rowid), so each index also serves ORDER BY stored, seq.
  CREATE INDEX statements_stored ON statements (stored);
  CREATE INDEX statements_actor ON statements (actor_key, stored);
  CREATE INDEX statements_object_agent ON statements (object_agent_key, stored);
  CREATE INDEX statements_verb ON statements (verb_id, stored);
  CREATE INDEX statements_activity ON statements (activity_id, stored);
  CREATE INDEX statements_registration ON statements (registration, stored);
  `,
  // xAPI document resources: state, activity profile and agent profile, one
  // table keyed by what identifies a document in each (unused parts are '').
  `
  CREATE TABLE documents (
    kind TEXT NOT NULL CHECK (kind IN ('state', 'activity_profile', 'agent_profile')),
    activity_id TEXT NOT NULL,
    agent_key TEXT NOT NULL,
    registration TEXT NOT NULL,
    document_id TEXT NOT NULL,
    content BLOB NOT NULL,
    content_type TEXT NOT NULL,
    etag TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    PRIMARY KEY (kind, activity_id, agent_key, registration, document_id)
  );
  CREATE INDEX documents_updated ON documents (kind, activity_id, agent_key, updated_at);
  `,
  // Statement attachments' raw data, stored once per SHA-256 however many
  // statements refer to it.
  `
  CREATE TABLE attachments (
    sha2 TEXT PRIMARY KEY,
    content_type TEXT NOT NULL,
    length INTEGER NOT NULL,
    content BLOB NOT NULL
  );
  `,
  // The Activities resource's canonical definitions, merged from every stored
  // statement that defines the activity (see xapi/activity-definition.ts).
  `
  CREATE TABLE activities (
    id TEXT PRIMARY KEY,
    definition_json TEXT NOT NULL
  );
  `,
  // The statement a StatementRef object targets, so that queries can return
  // statements whose target matches the filters (Communication 2.1.3).
  `
  ALTER TABLE statements ADD COLUMN target_statement_id TEXT;
  UPDATE statements SET target_statement_id = json_extract(statement_json, '$.object.id')
    WHERE json_extract(statement_json, '$.object.objectType') = 'StatementRef';
  CREATE INDEX statements_target ON statements (target_statement_id)
    WHERE target_statement_id IS NOT NULL;
  `,
  // Stores (docs/decisions/0004-stores-and-scopes.md): every row carries the
  // store (institution) it belongs to, first in every key, and the
  // rows kept so far become the 'default' store's. Tables whose keys change
  // are rebuilt (create, copy, drop, rename). Credentials gain their scopes
  // (the kinds' presets) and a revocation time; statements the key of their
  // authority, for the statements/read/mine scope.
  `
  CREATE TABLE credentials_next (
    key TEXT PRIMARY KEY,
    store_id TEXT NOT NULL,
    secret_hash TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('admin', 'launch', 'session', 'custom')),
    scopes_json TEXT NOT NULL,
    course_id TEXT,
    nip TEXT,
    label TEXT NOT NULL,
    created_at TEXT NOT NULL,
    revoked_at TEXT
  );
  INSERT INTO credentials_next
    SELECT key, 'default', secret_hash, kind,
      CASE kind
        WHEN 'admin' THEN '["all","smart/admin"]'
        WHEN 'launch' THEN '["smart/launch"]'
        ELSE '["statements/write","statements/read/mine","state"]'
      END,
      course_id, nip, label, created_at, NULL
    FROM credentials;

  CREATE TABLE sessions_next (
    id TEXT PRIMARY KEY,
    store_id TEXT NOT NULL,
    credential_key TEXT NOT NULL REFERENCES credentials(key),
    course_id TEXT NOT NULL,
    nip TEXT NOT NULL,
    created_at TEXT NOT NULL
  );
  INSERT INTO sessions_next SELECT id, 'default', credential_key, course_id, nip, created_at FROM sessions;

  CREATE TABLE courses_next (
    store_id TEXT NOT NULL,
    id TEXT NOT NULL,
    version TEXT NOT NULL,
    title_json TEXT NOT NULL,
    jp REAL NOT NULL,
    item_count INTEGER NOT NULL,
    course_json TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    PRIMARY KEY (store_id, id)
  );
  INSERT INTO courses_next
    SELECT 'default', id, version, title_json, jp, item_count, course_json, updated_at FROM courses;

  CREATE TABLE employees_next (
    store_id TEXT NOT NULL,
    nip TEXT NOT NULL,
    name TEXT NOT NULL,
    unit TEXT NOT NULL,
    position TEXT,
    PRIMARY KEY (store_id, nip)
  );
  INSERT INTO employees_next SELECT 'default', nip, name, unit, position FROM employees;

  CREATE TABLE enrolments_next (
    store_id TEXT NOT NULL,
    course_id TEXT NOT NULL,
    nip TEXT NOT NULL,
    registration TEXT NOT NULL,
    created_at TEXT NOT NULL,
    PRIMARY KEY (store_id, course_id, nip),
    UNIQUE (store_id, registration)
  );
  INSERT INTO enrolments_next SELECT 'default', course_id, nip, registration, created_at FROM enrolments;

  CREATE TABLE forms_next (
    id TEXT PRIMARY KEY,
    store_id TEXT NOT NULL,
    course_id TEXT NOT NULL,
    nip TEXT NOT NULL,
    test_id TEXT NOT NULL,
    attempt INTEGER NOT NULL,
    seed TEXT NOT NULL,
    item_ids_json TEXT NOT NULL,
    keyed_items_json TEXT NOT NULL,
    served_json TEXT NOT NULL,
    started_at TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('open', 'submitted', 'expired')),
    answers_json TEXT,
    closed_at TEXT,
    UNIQUE (store_id, course_id, nip, test_id, attempt)
  );
  INSERT INTO forms_next
    SELECT id, 'default', course_id, nip, test_id, attempt, seed, item_ids_json, keyed_items_json,
      served_json, started_at, expires_at, status, answers_json, closed_at
    FROM forms;

  CREATE TABLE attempts_next (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    store_id TEXT NOT NULL,
    course_id TEXT NOT NULL,
    nip TEXT NOT NULL,
    test_id TEXT NOT NULL,
    kind TEXT NOT NULL,
    attempt INTEGER NOT NULL,
    score REAL NOT NULL,
    outcome TEXT NOT NULL CHECK (outcome IN ('passed', 'failed')),
    at TEXT NOT NULL,
    form_id TEXT NOT NULL UNIQUE,
    UNIQUE (store_id, course_id, nip, test_id, attempt)
  );
  INSERT INTO attempts_next
    SELECT seq, 'default', course_id, nip, test_id, kind, attempt, score, outcome, at, form_id FROM attempts;

  CREATE TABLE item_exposure_next (
    store_id TEXT NOT NULL,
    course_id TEXT NOT NULL,
    item_id TEXT NOT NULL,
    count INTEGER NOT NULL,
    PRIMARY KEY (store_id, course_id, item_id)
  );
  INSERT INTO item_exposure_next SELECT 'default', course_id, item_id, count FROM item_exposure;

  CREATE TABLE certificates_next (
    store_id TEXT NOT NULL,
    number TEXT NOT NULL,
    course_id TEXT NOT NULL,
    nip TEXT NOT NULL,
    year INTEGER NOT NULL,
    sequence INTEGER NOT NULL,
    basis TEXT NOT NULL CHECK (basis IN ('placement', 'final')),
    issued_at TEXT NOT NULL,
    PRIMARY KEY (store_id, number),
    UNIQUE (store_id, course_id, nip),
    UNIQUE (store_id, course_id, year, sequence)
  );
  INSERT INTO certificates_next
    SELECT 'default', number, course_id, nip, year, sequence, basis, issued_at FROM certificates;

  CREATE TABLE statements_next (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    store_id TEXT NOT NULL,
    id TEXT NOT NULL,
    stored TEXT NOT NULL,
    timestamp TEXT NOT NULL,
    verb_id TEXT NOT NULL,
    actor_key TEXT,
    object_agent_key TEXT,
    activity_id TEXT,
    registration TEXT,
    related_agents TEXT NOT NULL,
    related_activities TEXT NOT NULL,
    voided INTEGER NOT NULL DEFAULT 0,
    statement_json TEXT NOT NULL,
    target_statement_id TEXT,
    authority_key TEXT,
    UNIQUE (store_id, id)
  );
  -- The authority's identity key as xapi/model.ts agentKey() writes it.
  INSERT INTO statements_next
    SELECT seq, 'default', id, stored, timestamp, verb_id, actor_key, object_agent_key, activity_id,
      registration, related_agents, related_activities, voided, statement_json, target_statement_id,
      CASE
        WHEN json_type(statement_json, '$.authority.mbox') = 'text'
          THEN 'mbox:' || lower(json_extract(statement_json, '$.authority.mbox'))
        WHEN json_type(statement_json, '$.authority.mbox_sha1sum') = 'text'
          THEN 'sha1:' || lower(json_extract(statement_json, '$.authority.mbox_sha1sum'))
        WHEN json_type(statement_json, '$.authority.openid') = 'text'
          THEN 'openid:' || json_extract(statement_json, '$.authority.openid')
        WHEN json_type(statement_json, '$.authority.account.homePage') = 'text'
          AND json_type(statement_json, '$.authority.account.name') = 'text'
          THEN 'account:' || json_extract(statement_json, '$.authority.account.homePage')
            || '::' || json_extract(statement_json, '$.authority.account.name')
      END
    FROM statements;

  CREATE TABLE attachments_next (
    store_id TEXT NOT NULL,
    sha2 TEXT NOT NULL,
    content_type TEXT NOT NULL,
    length INTEGER NOT NULL,
    content BLOB NOT NULL,
    PRIMARY KEY (store_id, sha2)
  );
  INSERT INTO attachments_next SELECT 'default', sha2, content_type, length, content FROM attachments;

  CREATE TABLE activities_next (
    store_id TEXT NOT NULL,
    id TEXT NOT NULL,
    definition_json TEXT NOT NULL,
    PRIMARY KEY (store_id, id)
  );
  INSERT INTO activities_next SELECT 'default', id, definition_json FROM activities;

  CREATE TABLE documents_next (
    store_id TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('state', 'activity_profile', 'agent_profile')),
    activity_id TEXT NOT NULL,
    agent_key TEXT NOT NULL,
    registration TEXT NOT NULL,
    document_id TEXT NOT NULL,
    content BLOB NOT NULL,
    content_type TEXT NOT NULL,
    etag TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    PRIMARY KEY (store_id, kind, activity_id, agent_key, registration, document_id)
  );
  INSERT INTO documents_next
    SELECT 'default', kind, activity_id, agent_key, registration, document_id, content, content_type,
      etag, updated_at
    FROM documents;

  DROP TABLE sessions;
  DROP TABLE credentials;
  DROP TABLE courses;
  DROP TABLE employees;
  DROP TABLE enrolments;
  DROP TABLE forms;
  DROP TABLE attempts;
  DROP TABLE item_exposure;
  DROP TABLE certificates;
  DROP TABLE statements;
  DROP TABLE attachments;
  DROP TABLE activities;
  DROP TABLE documents;
  ALTER TABLE credentials_next RENAME TO credentials;
  ALTER TABLE sessions_next RENAME TO sessions;
  ALTER TABLE courses_next RENAME TO courses;
  ALTER TABLE employees_next RENAME TO employees;
  ALTER TABLE enrolments_next RENAME TO enrolments;
  ALTER TABLE forms_next RENAME TO forms;
  ALTER TABLE attempts_next RENAME TO attempts;
  ALTER TABLE item_exposure_next RENAME TO item_exposure;
  ALTER TABLE certificates_next RENAME TO certificates;
  ALTER TABLE statements_next RENAME TO statements;
  ALTER TABLE attachments_next RENAME TO attachments;
  ALTER TABLE activities_next RENAME TO activities;
  ALTER TABLE documents_next RENAME TO documents;

  CREATE INDEX credentials_store ON credentials (store_id, created_at);
  CREATE INDEX sessions_credential ON sessions (credential_key);
  CREATE INDEX forms_learner_test ON forms (store_id, course_id, nip, test_id, status);
  CREATE INDEX attempts_learner ON attempts (store_id, course_id, nip, seq);
  -- Index entries end in seq (the rowid), so each index also serves ORDER BY stored, seq.
  -- The query indexes do not lead with store_id: with no statistics SQLite
  -- takes an equality on a leading column for a selective one, and would walk
  -- a whole store in time order rather than search the agent, activity or
  -- registration, which mostly belong to one store anyway. Queries filter
  -- the store with +store_id, which never steers the choice of index.
  CREATE INDEX statements_stored ON statements (stored);
  CREATE INDEX statements_actor ON statements (actor_key, stored);
  CREATE INDEX statements_object_agent ON statements (object_agent_key, stored);
  CREATE INDEX statements_verb ON statements (verb_id, stored);
  CREATE INDEX statements_activity ON statements (activity_id, stored);
  CREATE INDEX statements_registration ON statements (registration, stored);
  CREATE INDEX statements_authority ON statements (authority_key, stored);
  CREATE INDEX statements_target ON statements (target_statement_id, store_id)
    WHERE target_statement_id IS NOT NULL;
  CREATE INDEX documents_updated ON documents (store_id, kind, activity_id, agent_key, updated_at);
  `,
  // related_activities queries: one row per (statement, related activity),
  // in time order per activity, so a page is read from the index instead of
  // matching every statement's related_activities text. Its columns are
  // named apart from those of statements (store, activity, at) so that
  // conditions on statements stay unambiguous when the two are joined.
  // Existing statements are split from their char(31)-delimited lists.
  `
  CREATE TABLE statement_activities (
    store TEXT NOT NULL,
    activity TEXT NOT NULL,
    at TEXT NOT NULL,
    statement_seq INTEGER NOT NULL REFERENCES statements (seq),
    PRIMARY KEY (store, activity, at, statement_seq)
  ) WITHOUT ROWID;
  WITH RECURSIVE split (statement_seq, store, at, activity, rest) AS (
    SELECT seq, store_id, stored, NULL, substr(related_activities, 2) FROM statements
    UNION ALL
    SELECT statement_seq, store, at, substr(rest, 1, instr(rest, char(31)) - 1),
      substr(rest, instr(rest, char(31)) + 1)
    FROM split WHERE rest <> ''
  )
  INSERT OR IGNORE INTO statement_activities (store, activity, at, statement_seq)
    SELECT store, activity, at, statement_seq FROM split WHERE activity <> '';
  `,
  // A statement's own activity is found through statements_activity
  // (activity_id, stored): statement_activities keeps only the other
  // activities a statement relates to, one random index insert fewer for
  // every statement stored.
  `
  DELETE FROM statement_activities
    WHERE EXISTS (SELECT 1 FROM statements WHERE seq = statement_seq AND activity_id = activity);
  `,
];

/** How many migrations this LRS knows: the schema version of a current file. */
export const SCHEMA_VERSION = MIGRATIONS.length;

/**
 * Brings the database up to the current schema (or to `target`, which tests
 * of upgrades use to build an older file) inside one transaction.
 *
 * Rebuilding a table that others refer to needs foreign key enforcement off
 * while the old table is dropped (SQLite's "making other kinds of table
 * schema changes" procedure); the references are checked before commit
 * instead, and enforcement is restored afterwards.
 */
export function migrate(db: Database.Database, target: number = SCHEMA_VERSION): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > SCHEMA_VERSION) {
    throw new Error(
      `The database schema (version ${current}) is newer than this LRS understands (${SCHEMA_VERSION}). Upgrade the LRS before opening this file.`,
    );
  }
  if (current >= target) return;
  const enforced = db.pragma('foreign_keys', { simple: true }) as number;
  db.pragma('foreign_keys = OFF');
  try {
    db.transaction(() => {
      for (let version = current; version < target; version += 1) {
        db.exec(MIGRATIONS[version] as string);
      }
      const broken = db.pragma('foreign_key_check') as { table: string }[];
      if (broken.length > 0) {
        throw new Error(
          `Upgrading the database schema left ${broken.length} broken references (first in table ${broken[0]?.table}); the file is unchanged. Report this with a copy of the file.`,
        );
      }
      db.pragma(`user_version = ${target}`);
    })();
  } finally {
    db.pragma(`foreign_keys = ${enforced ? 'ON' : 'OFF'}`);
  }
}
