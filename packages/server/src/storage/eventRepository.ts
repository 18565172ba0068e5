/**
 * Event storage: exposures and conversions row by row (the results query joins them), summaries
 * folded into per-flag usage counters. Each event first claims its id in `event_ids`; an id claimed
 * before is a duplicate and is dropped, whatever its content (SPEC §5; see the schema).
 */
import type { Db } from './database'

/** An exposure ready to store. */
export interface ExposureRecord {
  kind: 'exposure'
  id: string
  /** '' when the exposure is not part of an experiment. */
  experiment: string
  flag: string
  variation: string
  reason: string
  rule: string | null
  bucketBy: string
  unit: string
  revision: string
  userId: string | null
  deviceId: string | null
  ts: number
}

/** A conversion ready to store. */
export interface ConversionRecord {
  kind: 'conversion'
  id: string
  event: string
  userId: string | null
  deviceId: string | null
  /** 0 when the event carried none. */
  value: number
  properties: string | null
  ts: number
}

/** A summary ready to fold into usage. */
export interface SummaryRecord {
  kind: 'summary'
  id: string
  end: number
  counts: Array<{ flag: string; variation: string; count: number }>
}

/** Any storable event. */
export type EventRecord = ExposureRecord | ConversionRecord | SummaryRecord

/** Evaluation counts of one flag variation. */
export interface UsageRow {
  flag: string
  variation: string
  count: number
  lastEvaluatedAt: number
}

/** Writes events and reads usage. */
export interface EventRepository {
  /** Stores several batches in one transaction; returns how many events of each were new. */
  insertMany(batches: Array<{ environment: string; records: EventRecord[] }>, receivedAt: number): number[]
  usage(environment: string, flag?: string): UsageRow[]
}

/**
 * Recent ids are moved to the `event_ids` index once there are this many (kept in memory until
 * then: a few megabytes). A move is one sorted insert, which writes each index page it touches once.
 */
export const RECENT_EVENT_IDS = 100_000

/** Creates the repository over the event tables. */
export function createEventRepository(db: Db, recentLimit = RECENT_EVENT_IDS): EventRepository {
  // Event ids seen (SPEC §5: duplicates are dropped by id): the recent ones in memory and in the
  // append-only recent_event_ids, the older ones in the event_ids index (see the schema).
  const recent = new Set<string>(db.prepare('SELECT id FROM recent_event_ids').pluck().all() as string[])
  const isOld = db.prepare<[string]>('SELECT 1 FROM event_ids WHERE id = ?').pluck()
  const addRecent = db.prepare('INSERT INTO recent_event_ids (id) VALUES (?)')
  const moveRecent = db.transaction(() => {
    db.exec('INSERT OR IGNORE INTO event_ids (id) SELECT id FROM recent_event_ids ORDER BY id; DELETE FROM recent_event_ids')
  })
  /** Ids added to `recent` by the transaction under way, taken back out if it rolls back. */
  let added: string[] = []
  const insertExposure = db.prepare(
    `INSERT OR IGNORE INTO exposures (id, environment, experiment, flag, variation, reason, rule, bucket_by, unit,
       revision, user_id, device_id, ts, received_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  )
  const insertConversion = db.prepare(
    `INSERT OR IGNORE INTO conversions (id, environment, event, user_id, device_id, value, properties, ts, received_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  )
  const insertSummary = db.prepare('INSERT OR IGNORE INTO summaries (id, environment, received_at) VALUES (?, ?, ?)')
  const addUsage = db.prepare(
    `INSERT INTO flag_usage (environment, flag, variation, count, last_evaluated_at) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (environment, flag, variation) DO UPDATE SET count = count + excluded.count,
       last_evaluated_at = MAX(last_evaluated_at, excluded.last_evaluated_at)`,
  )
  const usageAll = db.prepare<[string], { flag: string; variation: string; count: number; last: number }>(
    `SELECT flag, variation, count, last_evaluated_at AS last FROM flag_usage WHERE environment = ? ORDER BY flag, variation`,
  )
  const usageFlag = db.prepare<[string, string], { flag: string; variation: string; count: number; last: number }>(
    `SELECT flag, variation, count, last_evaluated_at AS last FROM flag_usage WHERE environment = ? AND flag = ?
     ORDER BY variation`,
  )

  const insertAll = (environment: string, records: EventRecord[], receivedAt: number): number => {
    let stored = 0
    for (const r of records) {
      if (recent.has(r.id) || isOld.get(r.id) !== undefined) continue
      recent.add(r.id)
      added.push(r.id)
      addRecent.run(r.id)
      if (r.kind === 'exposure') {
        stored += insertExposure.run(
          r.id, environment, r.experiment, r.flag, r.variation, r.reason, r.rule, r.bucketBy, r.unit, r.revision,
          r.userId, r.deviceId, r.ts, receivedAt,
        ).changes
      } else if (r.kind === 'conversion') {
        stored += insertConversion.run(
          r.id, environment, r.event, r.userId, r.deviceId, r.value, r.properties, r.ts, receivedAt,
        ).changes
      } else if (insertSummary.run(r.id, environment, receivedAt).changes > 0) {
        stored += 1
        for (const c of r.counts) addUsage.run(environment, c.flag, c.variation, c.count, r.end)
      }
    }
    return stored
  }

  const insertBatches = db.transaction(
    (batches: Array<{ environment: string; records: EventRecord[] }>, receivedAt: number) =>
      batches.map((b) => insertAll(b.environment, b.records, receivedAt)),
  )

  return {
    insertMany(batches, receivedAt) {
      added = []
      let stored: number[]
      try {
        stored = insertBatches(batches, receivedAt)
      } catch (error) {
        for (const id of added) recent.delete(id)
        throw error
      } finally {
        added = []
      }
      if (recent.size >= recentLimit) {
        try {
          moveRecent()
          recent.clear()
        } catch {
          // The events are stored; the ids stay recent (and deduplicated) until a later move works.
        }
      }
      return stored
    },
    usage(environment, flag) {
      const rows = flag === undefined ? usageAll.all(environment) : usageFlag.all(environment, flag)
      return rows.map((r) => ({ flag: r.flag, variation: r.variation, count: r.count, lastEvaluatedAt: r.last }))
    },
  }
}
