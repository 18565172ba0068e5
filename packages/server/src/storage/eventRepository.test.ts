import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { openDatabase } from './database'
import type { Db } from './database'
import { createEventRepository } from './eventRepository'
import type { EventRecord } from './eventRepository'

const dirs: string[] = []
const dbs: Db[] = []
afterEach(() => {
  for (const db of dbs.splice(0)) db.close()
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true })
})

function open(file?: string): { db: Db; file: string } {
  let path = file
  if (path === undefined) {
    const dir = mkdtempSync(join(tmpdir(), 'vexil-events-'))
    dirs.push(dir)
    path = join(dir, 'vexil.db')
  }
  const db = openDatabase(path)
  dbs.push(db)
  return { db, file: path }
}

const exposure = (id: string, unit = 'u-1'): EventRecord => ({
  kind: 'exposure', id, experiment: 'exp', flag: 'f', variation: 'on', reason: 'SPLIT', rule: null,
  bucketBy: 'userId', unit, revision: '1', userId: unit, deviceId: null, ts: 1,
})
const conversion = (id: string): EventRecord => ({
  kind: 'conversion', id, event: 'buy', userId: 'u-1', deviceId: null, value: 1, properties: null, ts: 2,
})

describe('duplicates are dropped by id alone (SPEC §5)', () => {
  it('drops an id seen before, whatever the content, type or environment', () => {
    const { db } = open()
    const repo = createEventRepository(db)
    expect(repo.insertMany([{ environment: 'production', records: [exposure('a'), conversion('b')] }], 0)).toEqual([2])
    expect(
      repo.insertMany(
        [
          { environment: 'production', records: [exposure('a', 'u-2'), exposure('b'), exposure('c'), exposure('c', 'u-3')] },
          { environment: 'staging', records: [conversion('a')] },
        ],
        0,
      ),
    ).toEqual([1, 0])
    expect(db.prepare('SELECT COUNT(*) FROM exposures').pluck().get()).toBe(2)
  })

  it('still drops them after the recent ids moved to the index, and after a restart', () => {
    const { db, file } = open()
    const repo = createEventRepository(db, 3)
    const ids = ['i-1', 'i-2', 'i-3', 'i-4', 'i-5']
    expect(repo.insertMany([{ environment: 'e', records: ids.map((id) => exposure(id)) }], 0)).toEqual([5])
    // Five ids reached the limit of three: they moved to event_ids.
    expect(db.prepare('SELECT COUNT(*) FROM recent_event_ids').pluck().get()).toBe(0)
    expect(db.prepare('SELECT COUNT(*) FROM event_ids').pluck().get()).toBe(5)
    expect(repo.insertMany([{ environment: 'e', records: [exposure('i-2'), exposure('i-6')] }], 0)).toEqual([1])
    db.close()
    dbs.length = 0
    // A new process on the same file knows both the moved ids and the recent one (i-6).
    const again = createEventRepository(open(file).db, 3)
    expect(again.insertMany([{ environment: 'e', records: [exposure('i-1'), exposure('i-6'), exposure('i-7')] }], 0)).toEqual([1])
  })

  it('forgets the ids of a transaction that rolled back, so their retry is stored', () => {
    const { db } = open()
    const repo = createEventRepository(db)
    const bad = { ...exposure('r-2'), flag: {} } as unknown as EventRecord // cannot be bound: the insert throws
    expect(() => repo.insertMany([{ environment: 'e', records: [exposure('r-1'), bad] }], 0)).toThrow()
    expect(repo.insertMany([{ environment: 'e', records: [exposure('r-1'), exposure('r-2')] }], 0)).toEqual([2])
  })
})
