/** The append-only audit log. */
import type { AuditEntry } from '../model'
import type { Db } from './database'

/** A query on the audit log, newest first. */
export interface AuditQuery {
  kind?: string
  key?: string
  /** Entries with an id below this one (for paging). */
  before?: number
  limit: number
}

/** Appends and reads audit entries. */
export interface AuditRepository {
  append(entry: Omit<AuditEntry, 'id'>): number
  list(query: AuditQuery): AuditEntry[]
}

interface Row {
  id: number
  at: string
  actor: string
  action: string
  kind: AuditEntry['kind']
  key: string
  environments: string
  before: string | null
  after: string | null
}

/** Creates the repository over the `audit` table. */
export function createAuditRepository(db: Db): AuditRepository {
  const insert = db.prepare(
    'INSERT INTO audit (at, actor, action, kind, key, environments, before, after) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
  )
  const select = db.prepare<[{ kind: string | null; key: string | null; before: number; limit: number }], Row>(
    `SELECT * FROM audit WHERE (@kind IS NULL OR kind = @kind) AND (@key IS NULL OR key = @key) AND id < @before
     ORDER BY id DESC LIMIT @limit`,
  )
  const json = (value: unknown): string | null => (value === undefined || value === null ? null : JSON.stringify(value))
  return {
    append(entry) {
      const result = insert.run(
        entry.at,
        entry.actor,
        entry.action,
        entry.kind,
        entry.key,
        JSON.stringify(entry.environments),
        json(entry.before),
        json(entry.after),
      )
      return Number(result.lastInsertRowid)
    },
    list(query) {
      return select
        .all({ kind: query.kind ?? null, key: query.key ?? null, before: query.before ?? Number.MAX_SAFE_INTEGER, limit: query.limit })
        .map((row) => ({
          id: row.id,
          at: row.at,
          actor: row.actor,
          action: row.action,
          kind: row.kind,
          key: row.key,
          environments: JSON.parse(row.environments) as string[],
          before: row.before === null ? null : (JSON.parse(row.before) as unknown),
          after: row.after === null ? null : (JSON.parse(row.after) as unknown),
        }))
    },
  }
}
