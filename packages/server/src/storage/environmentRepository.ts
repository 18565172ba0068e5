/** Environments and their revision counters. */
import type { EnvironmentInfo } from '../model'
import type { Db } from './database'

/** Reads and bumps environment revisions. */
export interface EnvironmentRepository {
  /** Creates the environments that do not exist yet (revision 1). */
  ensure(environments: Array<{ key: string; name: string }>, at: string): void
  list(): EnvironmentInfo[]
  get(key: string): EnvironmentInfo | undefined
  /** Increments the revision and returns the new one. */
  bump(key: string, at: string): number
}

interface Row {
  key: string
  name: string
  revision: number
  updated_at: string
}

/** Creates the repository over the `environments` table. */
export function createEnvironmentRepository(db: Db): EnvironmentRepository {
  const insert = db.prepare('INSERT OR IGNORE INTO environments (key, name, revision, updated_at) VALUES (?, ?, 1, ?)')
  const all = db.prepare<[], Row>('SELECT key, name, revision, updated_at FROM environments ORDER BY rowid')
  const one = db.prepare<[string], Row>('SELECT key, name, revision, updated_at FROM environments WHERE key = ?')
  const bump = db.prepare<[string, string], { revision: number }>(
    'UPDATE environments SET revision = revision + 1, updated_at = ? WHERE key = ? RETURNING revision',
  )
  const toInfo = (row: Row): EnvironmentInfo => ({
    key: row.key,
    name: row.name,
    revision: row.revision,
    updatedAt: row.updated_at,
  })
  return {
    ensure(environments, at) {
      for (const env of environments) insert.run(env.key, env.name, at)
    },
    list: () => all.all().map(toInfo),
    get(key) {
      const row = one.get(key)
      return row && toInfo(row)
    },
    bump(key, at) {
      const row = bump.get(at, key)
      if (!row) throw new Error(`unknown environment ${key}`)
      return row.revision
    },
  }
}
