/**
 * Event ingestion (SPEC §5): each event of a batch is checked on its own; the valid ones are
 * stored in one transaction and the invalid ones are reported by index, so a client never has to
 * resend good events because of one bad one. Duplicates (same `id`) are counted, not stored.
 */
import { badRequest } from '../errors'
import type { EventRecord } from '../storage/eventRepository'
import type { Store } from '../storage/store'
import { KEY_PATTERN, isObject } from './inputs'
import type { JsonObject } from './inputs'

/** An event the batch refused, and why. */
export interface RejectedEvent {
  /** The position of the event in the posted `events` array, from 0. */
  index: number
  /** Every problem found, e.g. `value must be a finite number`. */
  errors: string[]
}

/** The answer to a batch. */
export interface IngestResult {
  /** Events stored now. */
  accepted: number
  /** Valid events already stored earlier (same id): dropped. */
  duplicates: number
  /** Invalid events, not stored; the rest of the batch is. */
  rejected: RejectedEvent[]
}

const REASONS = new Set([
  'OVERRIDE',
  'DISABLED',
  'OFF_SCHEDULE',
  'PREREQUISITE_FAILED',
  'STICKY',
  'TARGETING_MATCH',
  'SPLIT',
  'DEFAULT',
  'ERROR',
])
const MAX_TEXT = 256
const MAX_COUNTS = 2000

class Checker {
  readonly errors: string[] = []
  constructor(readonly event: JsonObject) {}

  text(field: string, required: boolean, max = MAX_TEXT): string | null {
    const value = this.event[field]
    if (value === undefined || value === null) {
      if (required) this.errors.push(`${field} is required`)
      return null
    }
    if (typeof value !== 'string' || value.length === 0 || value.length > max) {
      this.errors.push(`${field} must be a non-empty string of at most ${max} characters`)
      return null
    }
    return value
  }

  /** `userId` / `deviceId`: an empty string is no identity (the SDK copies any string), not an error. */
  identity(field: string): string | null {
    return this.event[field] === '' ? null : this.text(field, false)
  }

  key(field: string, required: boolean): string | null {
    const value = this.text(field, required)
    if (value !== null && !KEY_PATTERN.test(value)) this.errors.push(`${field} must match ${KEY_PATTERN.source}`)
    return value
  }

  time(field: string): number {
    const value = this.event[field]
    const ms = typeof value === 'string' ? Date.parse(value) : Number.NaN
    if (!Number.isFinite(ms)) this.errors.push(`${field} must be an ISO 8601 date-time`)
    return ms
  }
}

/** Validates one event; returns the record to store or the reasons it is refused. */
export function parseEvent(input: unknown): EventRecord | string[] {
  if (!isObject(input)) return ['an event must be a JSON object']
  const c = new Checker(input)
  const id = c.text('id', true, 128) ?? ''
  switch (input.type) {
    case 'exposure': {
      const record: EventRecord = {
        kind: 'exposure',
        id,
        ts: c.time('timestamp'),
        flag: c.key('flag', true) ?? '',
        variation: c.key('variation', true) ?? '',
        reason: c.text('reason', true) ?? '',
        rule: c.key('rule', false),
        experiment: c.key('experiment', false) ?? '',
        bucketBy: c.text('bucketBy', true) ?? '',
        unit: c.text('unit', true) ?? '',
        revision: c.text('revision', false) ?? '',
        userId: c.identity('userId'),
        deviceId: c.identity('deviceId'),
      }
      if (record.reason !== '' && !REASONS.has(record.reason)) c.errors.push(`reason ${record.reason} is not a SPEC §4 reason`)
      return c.errors.length > 0 ? c.errors : record
    }
    case 'conversion': {
      const value = input.value
      if (value !== undefined && value !== null && (typeof value !== 'number' || !Number.isFinite(value))) {
        c.errors.push('value must be a finite number')
      }
      const properties = input.properties
      if (properties !== undefined && !isObject(properties)) c.errors.push('properties must be a JSON object')
      const record: EventRecord = {
        kind: 'conversion',
        id,
        ts: c.time('timestamp'),
        event: c.text('event', true) ?? '',
        userId: c.identity('userId'),
        deviceId: c.identity('deviceId'),
        value: typeof value === 'number' ? value : 0,
        properties: properties === undefined ? null : JSON.stringify(properties),
      }
      if (record.userId === null && record.deviceId === null && c.errors.length === 0) {
        c.errors.push('a conversion needs userId or deviceId to be attributed')
      }
      return c.errors.length > 0 ? c.errors : record
    }
    case 'summary': {
      c.time('start')
      const end = c.time('end')
      const counts = input.counts
      const parsed: Array<{ flag: string; variation: string; count: number }> = []
      if (!Array.isArray(counts) || counts.length > MAX_COUNTS) {
        c.errors.push(`counts must be a list of at most ${MAX_COUNTS} { flag, variation, count }`)
      } else {
        counts.forEach((entry, i) => {
          const ok =
            isObject(entry) &&
            // Any key the app asked for counts, even one no flag has: usage of a missing flag
            // (a typo, a deleted flag still read) is worth seeing.
            typeof entry.flag === 'string' &&
            entry.flag.length > 0 &&
            entry.flag.length <= MAX_TEXT &&
            typeof entry.variation === 'string' &&
            entry.variation.length <= MAX_TEXT &&
            Number.isSafeInteger(entry.count) &&
            (entry.count as number) >= 0
          if (ok) parsed.push({ flag: entry.flag as string, variation: entry.variation as string, count: entry.count as number })
          else c.errors.push(`counts[${i}] must be { flag, variation, count } with a non-negative integer count`)
        })
      }
      return c.errors.length > 0 ? c.errors : { kind: 'summary', id, end, counts: parsed }
    }
    default:
      return ['type must be exposure, conversion or summary', ...c.errors]
  }
}

interface Pending {
  environment: string
  records: EventRecord[]
  done(stored: number): void
  fail(error: unknown): void
}

/**
 * Stores batches of events. Batches that arrive in the same turn of the event loop are written in
 * one transaction (group commit): event ids and units are random keys, so each commit rewrites
 * index pages all over the file, and sharing commits between concurrent requests shares those
 * page writes.
 */
export class EventService {
  readonly #store: Store
  readonly #maxEvents: number
  #pending: Pending[] = []
  #scheduled = false

  constructor(store: Store, maxEvents: number) {
    this.#store = store
    this.#maxEvents = maxEvents
  }

  /** Validates a batch body and stores its valid events; resolves once they are committed. */
  ingest(environment: string, body: unknown): Promise<IngestResult> {
    if (!isObject(body) || !Array.isArray(body.events)) {
      throw badRequest('the body must be { "events": [ … ] } (SPEC §5)')
    }
    const events = body.events as unknown[]
    if (events.length > this.#maxEvents) {
      throw badRequest(`at most ${this.#maxEvents} events per batch; split it`)
    }
    const records: EventRecord[] = []
    const rejected: RejectedEvent[] = []
    events.forEach((event, index) => {
      const parsed = parseEvent(event)
      if (Array.isArray(parsed)) rejected.push({ index, errors: parsed })
      else records.push(parsed)
    })
    if (records.length === 0) return Promise.resolve({ accepted: 0, duplicates: 0, rejected })
    return new Promise((resolve, reject) => {
      this.#pending.push({
        environment,
        records,
        done: (stored) => resolve({ accepted: stored, duplicates: records.length - stored, rejected }),
        fail: reject,
      })
      if (!this.#scheduled) {
        this.#scheduled = true
        setImmediate(() => this.#flush())
      }
    })
  }

  #flush(): void {
    this.#scheduled = false
    const batch = this.#pending
    this.#pending = []
    try {
      const stored = this.#store.events.insertMany(batch, Date.now())
      batch.forEach((p, i) => p.done(stored[i] ?? 0))
    } catch (error) {
      for (const p of batch) p.fail(error)
    }
  }
}
