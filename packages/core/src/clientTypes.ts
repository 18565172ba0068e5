/**
 * The public contract of the client runtime (SPEC §5–§8): the options of `createClient`, the state it
 * publishes to UIs, and the methods adapters (React, devtools, OpenFeature) rely on.
 */
import type { FlagType, JsonValue, Reason, ValidationError } from './types'

/** Where the current snapshot came from. */
export type SnapshotSource = 'none' | 'bootstrap' | 'storage' | 'network'

/** The client's lifecycle status. */
export type ClientStatus = 'loading' | 'ready' | 'error'

/** A typed error reported through `onError` and kept in the state. */
export interface VexilErrorInfo {
  /** A stable machine-readable code, e.g. `SNAPSHOT_INVALID`, `NETWORK`, `EVENTS_REJECTED`. */
  code: string
  message: string
  /** Validation problems, when the error is about a snapshot. */
  details?: ValidationError[]
}

/** Counters of the event queue. */
export interface EventCounters {
  /** Events waiting to be sent. */
  queued: number
  /** Events accepted by the service (2xx). */
  sent: number
  /** Events dropped at the queue bound. */
  dropped: number
  /** Events in batches the service refused (non-retryable 4xx). */
  failed: number
}

/**
 * An immutable view of the client for UIs. Its identity changes only when something in it changed,
 * so it can be returned from `useSyncExternalStore`'s `getSnapshot` as it is.
 */
export interface ClientState {
  status: ClientStatus
  source: SnapshotSource
  /** The revision of the current snapshot, if any. */
  revision: string | undefined
  /** Epoch ms of the last snapshot change or confirmation (304). */
  lastUpdated: number | undefined
  /** True when the last refresh failed and the snapshot may be out of date. */
  stale: boolean
  error: VexilErrorInfo | undefined
  events: EventCounters
}

/** A QA override as the client keeps it. */
export interface StoredOverride {
  /** The forced variation key, when the override names one. */
  variation?: string
  /** The forced value (the variation's value when `variation` is set). */
  value: JsonValue
  /** Epoch ms after which the override no longer applies. */
  expiresAt?: number
}

/** Metadata of one flag of the current snapshot, for tools such as the devtools. */
export interface FlagInfo {
  key: string
  type: FlagType
  variations: Record<string, JsonValue>
  description?: string
  tags?: string[]
  /** Validation problems that make this flag evaluate to `ERROR`/`INVALID_FLAG`. */
  errors?: ValidationError[]
}

/** An event as queued and sent (SPEC §5). */
export type VexilEvent =
  | {
      type: 'exposure'
      id: string
      timestamp: string
      userId?: string
      deviceId?: string
      flag: string
      variation: string
      reason: Reason
      rule?: string
      experiment?: string
      bucketBy: string
      unit: string
      revision: string
    }
  | {
      type: 'conversion'
      id: string
      timestamp: string
      userId?: string
      deviceId?: string
      event: string
      value?: number
      properties?: Record<string, JsonValue>
    }
  | {
      type: 'summary'
      id: string
      start: string
      end: string
      counts: Array<{ flag: string; variation: string; count: number }>
    }

/** A line of the client's activity, for tools that show a live log. */
export interface ActivityEntry {
  /** `queued`: an event entered the queue; `sent`/`failed`/`dropped`: what became of it. */
  kind: 'queued' | 'sent' | 'failed' | 'dropped'
  event: VexilEvent
  at: number
}

/** A minimal logger; defaults to `console` in development. */
export interface Logger {
  debug?(message: string, ...rest: unknown[]): void
  warn(message: string, ...rest: unknown[]): void
  error(message: string, ...rest: unknown[]): void
}

/** Options of reads that may record an exposure. */
export interface ReadOptions {
  /** Record an exposure when the result is in an experiment. */
  expose?: boolean
}
