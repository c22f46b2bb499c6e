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
];

/** Brings the database up to the current schema inside one transaction. */
export function migrate(db: Database.Database): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > MIGRATIONS.length) {
    throw new Error(
      `The database schema (version ${current}) is newer than this LRS understands (${MIGRATIONS.length}). Upgrade the LRS before opening this file.`,
    );
  }
  db.transaction(() => {
    for (let version = current; version < MIGRATIONS.length; version += 1) {
      db.exec(MIGRATIONS[version] as string);
    }
    db.pragma(`user_version = ${MIGRATIONS.length}`);
  })();
}
