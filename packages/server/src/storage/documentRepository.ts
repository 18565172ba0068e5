/**
 * Storage of one kind of versioned document (flags, segments or experiments): the current row and
 * every past version. The service decides what a change is; this module only keeps the books.
 */
import type { DocumentKind, HistoryEntry, Versioned } from '../model'
import type { Db } from './database'

/** Reads and writes of one document table pair. */
export interface DocumentRepository<D> {
  readonly kind: DocumentKind
  get(key: string): Versioned<D> | undefined
  /** Every current document, archived ones only when asked. */
  list(includeArchived: boolean): Array<Versioned<D>>
  count(): number
  /** Writes `document` as the next version (1 for a new key) and keeps it in history. */
  save(key: string, document: D, archived: boolean, action: string, actor: string, at: string): number
  /** Removes the current row; the deletion is kept in history so the key can be restored. */
  remove(key: string, action: string, actor: string, at: string): number
  history(key: string): Array<HistoryEntry<D>>
  version(key: string, version: number): HistoryEntry<D> | undefined
}

interface CurrentRow {
  version: number
  doc: string
  updated_at: string
  updated_by: string
}

interface HistoryRow {
  version: number
  action: string
  actor: string
  at: string
  doc: string | null
}

/** Creates the repository over the `<kind>s` and `<kind>_versions` tables. */
export function createDocumentRepository<D>(db: Db, kind: DocumentKind): DocumentRepository<D> {
  const table = `${kind}s`
  const versions = `${kind}_versions`
  const getRow = db.prepare<[string], CurrentRow>(`SELECT version, doc, updated_at, updated_by FROM ${table} WHERE key = ?`)
  const listAll = db.prepare<[], CurrentRow>(`SELECT version, doc, updated_at, updated_by FROM ${table} ORDER BY key`)
  const listActive = db.prepare<[], CurrentRow>(
    `SELECT version, doc, updated_at, updated_by FROM ${table} WHERE archived = 0 ORDER BY key`,
  )
  const countRows = db.prepare<[], { n: number }>(`SELECT COUNT(*) AS n FROM ${table}`)
  const lastVersion = db.prepare<[string], { v: number | null }>(`SELECT MAX(version) AS v FROM ${versions} WHERE key = ?`)
  const upsert = db.prepare(
    `INSERT INTO ${table} (key, version, archived, doc, updated_at, updated_by) VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT (key) DO UPDATE SET version = excluded.version, archived = excluded.archived, doc = excluded.doc,
       updated_at = excluded.updated_at, updated_by = excluded.updated_by`,
  )
  const deleteRow = db.prepare(`DELETE FROM ${table} WHERE key = ?`)
  const insertVersion = db.prepare(
    `INSERT INTO ${versions} (key, version, action, actor, at, doc) VALUES (?, ?, ?, ?, ?, ?)`,
  )
  const historyRows = db.prepare<[string], HistoryRow>(
    `SELECT version, action, actor, at, doc FROM ${versions} WHERE key = ? ORDER BY version DESC`,
  )
  const versionRow = db.prepare<[string, number], HistoryRow>(
    `SELECT version, action, actor, at, doc FROM ${versions} WHERE key = ? AND version = ?`,
  )

  const toVersioned = (row: CurrentRow): Versioned<D> => ({
    version: row.version,
    updatedAt: row.updated_at,
    updatedBy: row.updated_by,
    document: JSON.parse(row.doc) as D,
  })
  const toHistory = (row: HistoryRow): HistoryEntry<D> => ({
    version: row.version,
    action: row.action,
    actor: row.actor,
    at: row.at,
    document: row.doc === null ? null : (JSON.parse(row.doc) as D),
  })
  // Versions continue across a delete and re-create, so "version 3" always names one state.
  const nextVersion = (key: string): number => (lastVersion.get(key)?.v ?? 0) + 1

  return {
    kind,
    get(key) {
      const row = getRow.get(key)
      return row && toVersioned(row)
    },
    list(includeArchived) {
      return (includeArchived ? listAll : listActive).all().map(toVersioned)
    },
    count() {
      return countRows.get()?.n ?? 0
    },
    save(key, document, archived, action, actor, at) {
      const version = nextVersion(key)
      const json = JSON.stringify(document)
      upsert.run(key, version, archived ? 1 : 0, json, at, actor)
      insertVersion.run(key, version, action, actor, at, json)
      return version
    },
    remove(key, action, actor, at) {
      const version = nextVersion(key)
      deleteRow.run(key)
      insertVersion.run(key, version, action, actor, at, null)
      return version
    },
    history(key) {
      return historyRows.all(key).map(toHistory)
    },
    version(key, version) {
      const row = versionRow.get(key, version)
      return row && toHistory(row)
    },
  }
}
