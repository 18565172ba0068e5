/**
 * Event storage: exposures and conversions row by row (the results query joins them), summaries
 * folded into per-flag usage counters. Every insert is `OR IGNORE` against a unique index that
 * ends with the event id, which is how retried batches are made idempotent (see the schema).
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

/** Creates the repository over the event tables. */
export function createEventRepository(db: Db): EventRepository {
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
    insertMany: (batches, receivedAt) => insertBatches(batches, receivedAt),
    usage(environment, flag) {
      const rows = flag === undefined ? usageAll.all(environment) : usageFlag.all(environment, flag)
      return rows.map((r) => ({ flag: r.flag, variation: r.variation, count: r.count, lastEvaluatedAt: r.last }))
    },
  }
}
