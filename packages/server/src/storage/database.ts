/**
 * Opens the SQLite file and brings its schema up to date. One file, no set-up: WAL so that readers
 * never wait for the writer, `synchronous = NORMAL` because WAL keeps that crash-safe for committed
 * transactions short of power loss, which is the usual trade for an event store.
 */
import { mkdirSync } from 'node:fs'
import { dirname } from 'node:path'
import Database from 'better-sqlite3'
import type { Database as SqliteDatabase } from 'better-sqlite3'

/** An open database handle. */
export type Db = SqliteDatabase

const SCHEMA_VERSION = 1

// Documents (flags, segments, experiments) are stored whole as JSON: the service always reads and
// writes them whole, validation needs them whole, and history is a copy per version.
const documentTables = (table: string): string => `
  CREATE TABLE IF NOT EXISTS ${table}s (
    key TEXT PRIMARY KEY,
    version INTEGER NOT NULL,
    archived INTEGER NOT NULL DEFAULT 0,
    doc TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    updated_by TEXT NOT NULL
  ) WITHOUT ROWID;
  CREATE TABLE IF NOT EXISTS ${table}_versions (
    key TEXT NOT NULL,
    version INTEGER NOT NULL,
    action TEXT NOT NULL,
    actor TEXT NOT NULL,
    at TEXT NOT NULL,
    doc TEXT,
    PRIMARY KEY (key, version)
  ) WITHOUT ROWID;`

const SCHEMA = `
  CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
  CREATE TABLE IF NOT EXISTS environments (
    key TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    revision INTEGER NOT NULL DEFAULT 0,
    updated_at TEXT NOT NULL
  );
  ${documentTables('flag')}
  ${documentTables('segment')}
  ${documentTables('experiment')}
  CREATE TABLE IF NOT EXISTS audit (
    id INTEGER PRIMARY KEY,
    at TEXT NOT NULL,
    actor TEXT NOT NULL,
    action TEXT NOT NULL,
    kind TEXT NOT NULL,
    key TEXT NOT NULL,
    environments TEXT NOT NULL,
    before TEXT,
    after TEXT
  );
  CREATE INDEX IF NOT EXISTS audit_by_key ON audit (kind, key, id);
  -- Event ids are random UUIDs, and every index keyed by something random dirties a page per
  -- event on each commit, which is what ingestion costs. So each event table has exactly one such
  -- index: the one the results query reads, made UNIQUE with the id at its end.
  -- Duplicates are dropped by id alone (SPEC §5), across event types and environments: an event is
  -- stored only if its id is in neither table below. A new id is appended to recent_event_ids (no
  -- index: appending costs no random page), which the service also holds in memory, and every so
  -- often the recent ids move to event_ids in one sorted insert, so the one index keyed by the id
  -- itself is written in order, a page once per move, instead of a random page per event.
  CREATE TABLE IF NOT EXISTS event_ids (id TEXT PRIMARY KEY) WITHOUT ROWID;
  CREATE TABLE IF NOT EXISTS recent_event_ids (id TEXT NOT NULL);
  CREATE TABLE IF NOT EXISTS exposures (
    id TEXT NOT NULL,
    environment TEXT NOT NULL,
    experiment TEXT NOT NULL,          -- '' for an exposure without experiment
    flag TEXT NOT NULL,
    variation TEXT NOT NULL,
    reason TEXT NOT NULL,
    rule TEXT,
    bucket_by TEXT NOT NULL,
    unit TEXT NOT NULL,
    revision TEXT NOT NULL,
    user_id TEXT,
    device_id TEXT,
    ts INTEGER NOT NULL,
    received_at INTEGER NOT NULL
  );
  -- Covers the results query: first exposure per unit of an experiment, read from the index alone.
  CREATE UNIQUE INDEX IF NOT EXISTS exposures_by_experiment
    ON exposures (environment, experiment, bucket_by, unit, ts, variation, id);
  CREATE TABLE IF NOT EXISTS conversions (
    id TEXT NOT NULL,
    environment TEXT NOT NULL,
    event TEXT NOT NULL,
    user_id TEXT,
    device_id TEXT,
    value REAL NOT NULL,               -- 0 when the event had none (as a sum counts it)
    properties TEXT,
    ts INTEGER NOT NULL,
    received_at INTEGER NOT NULL
  );
  -- A conversion has a userId, a deviceId or both (validation ensures one), so it is in at least one.
  CREATE UNIQUE INDEX IF NOT EXISTS conversions_by_user ON conversions (environment, event, user_id, ts, value, id)
    WHERE user_id IS NOT NULL;
  CREATE UNIQUE INDEX IF NOT EXISTS conversions_by_device ON conversions (environment, event, device_id, ts, value, id)
    WHERE device_id IS NOT NULL;
  CREATE TABLE IF NOT EXISTS summaries (
    id TEXT PRIMARY KEY,
    environment TEXT NOT NULL,
    received_at INTEGER NOT NULL
  ) WITHOUT ROWID;
  -- The running minimum of each always-valid p-value: mSPRT stays valid only if every look counts.
  CREATE TABLE IF NOT EXISTS sequential_p_values (
    environment TEXT NOT NULL,
    experiment TEXT NOT NULL,
    metric TEXT NOT NULL,
    variation TEXT NOT NULL,
    p_value REAL NOT NULL,
    PRIMARY KEY (environment, experiment, metric, variation)
  ) WITHOUT ROWID;
  CREATE TABLE IF NOT EXISTS flag_usage (
    environment TEXT NOT NULL,
    flag TEXT NOT NULL,
    variation TEXT NOT NULL,
    count INTEGER NOT NULL,
    last_evaluated_at INTEGER NOT NULL,
    PRIMARY KEY (environment, flag, variation)
  ) WITHOUT ROWID;
`

/** Opens (creating if needed) the database at `file` and applies the schema. */
export function openDatabase(file: string): Db {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true })
  const db = new Database(file)
  db.pragma('journal_mode = WAL')
  db.pragma('synchronous = NORMAL')
  db.pragma('busy_timeout = 5000')
  db.pragma('temp_store = MEMORY')
  db.pragma('cache_size = -65536')
  // Event ids and units are random keys, so each batch dirties pages all over two indexes; with the
  // default 1,000-page WAL a checkpoint (and its fsync) ran every few batches and dominated
  // ingestion. A 10,000-page WAL lets repeated pages collapse between checkpoints (~3× faster);
  // the size limit gives the disk back after each one.
  db.pragma('wal_autocheckpoint = 10000')
  db.pragma('journal_size_limit = 67108864')
  db.exec(SCHEMA)
  db.prepare('INSERT OR IGNORE INTO meta (key, value) VALUES (?, ?)').run('schemaVersion', String(SCHEMA_VERSION))
  // A database from before event_ids: claim the ids already stored, once, so their retries are dropped.
  if (db.prepare("SELECT 1 FROM meta WHERE key = 'eventIds'").get() === undefined) {
    db.transaction(() => {
      db.exec(`INSERT OR IGNORE INTO event_ids (id)
        SELECT id FROM exposures UNION ALL SELECT id FROM conversions UNION ALL SELECT id FROM summaries`)
      db.prepare("INSERT INTO meta (key, value) VALUES ('eventIds', '1')").run()
    })()
  }
  return db
}
