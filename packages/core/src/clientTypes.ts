/**
 * The public contract of the client runtime (SPEC §5–§8): the options of `createClient`, the state it
 * publishes to UIs, and the methods adapters (React, devtools, OpenFeature) rely on.
 */
import type { Context, EvaluationResult, FlagType, JsonValue, Override, Reason, Snapshot, StickyAssignment, ValidationError } from './types'
import type { Environment } from './environment'
import type { KeyValueStore, PersistenceMode } from './persister'

/** Where the current snapshot came from. */
export type SnapshotSource = 'none' | 'bootstrap' | 'storage' | 'network'

/** The client's lifecycle status. */
export type ClientStatus = 'loading' | 'ready' | 'error'

/** A typed error reported through `onError` and kept in the state. */
export interface VexilErrorInfo {
  /** A stable machine-readable code, e.g. `SNAPSHOT_INVALID`, `NETWORK`, `EVENTS_REJECTED`. */
  code: string
  /** A short human-readable description. */
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
  /** `loading` until a snapshot is usable; `error` when none is and the last load failed. */
  status: ClientStatus
  /** Where the current snapshot came from. */
  source: SnapshotSource
  /** The revision of the current snapshot, if any. */
  revision: string | undefined
  /** Epoch ms of the last snapshot change or confirmation (304). */
  lastUpdated: number | undefined
  /**
   * True while the snapshot may be out of date: taken from storage and not yet confirmed by the
   * network, or the last refresh failed.
   */
  stale: boolean
  /** The last snapshot error (network, HTTP, parse, validation); cleared by the next good fetch. */
  error: VexilErrorInfo | undefined
  /** Counters of the event queue. */
  events: EventCounters
}

/**
 * A QA override as the client keeps it: a forced variation key, or a raw value of the flag's type,
 * with an optional expiry.
 */
export type StoredOverride = Override & {
  /** Epoch ms after which the override no longer applies. */
  expiresAt?: number
}

/** Metadata of one flag of the current snapshot, for tools such as the devtools (`getFlags` of `@vexil/core/inspect`). */
export interface FlagInfo {
  /** The flag key. */
  key: string
  /** The declared type (`json` when the declared one is invalid). */
  type: FlagType
  /** Variation key → value. */
  variations: Record<string, JsonValue>
  /** From the snapshot, informational. */
  description?: string
  /** From the snapshot, for search. */
  tags?: string[]
  /** Validation problems that make this flag evaluate to `ERROR`/`INVALID_FLAG`. */
  errors?: ValidationError[]
}

/**
 * An event as queued and sent (SPEC §5): fields as on the wire. Every event has a unique `id`
 * (UUID); `userId`/`deviceId` are copied from the context when it has them.
 */
export type VexilEvent =
  | {
      /**
       * A user was exposed to an experiment: a value with `inExperiment` was used (rendered or read
       * through an exposing call). Sent once per flag, variation, unit and experiment per session.
       */
      type: 'exposure'
      /** A unique UUID; the service drops duplicates by it (delivery is at least once). */
      id: string
      /** When the value was used, as an ISO date-time. */
      timestamp: string
      /** The context's `userId` at that time, when it had one. */
      userId?: string
      /** The context's `deviceId` at that time, when it had one. */
      deviceId?: string
      /** The flag key. */
      flag: string
      /** The variation key served, i.e. the experiment arm. */
      variation: string
      /** `SPLIT`, or `STICKY` when a kept assignment served it. */
      reason: Reason
      /** The id of the rule that served; absent when the fallthrough did. */
      rule?: string
      /** The experiment key of the serving rule, fallthrough or sticky assignment. */
      experiment?: string
      /** The context attribute that was hashed (the flag's `bucketBy`), e.g. `userId`. */
      bucketBy: string
      /** Its value: the unit of randomization that results are counted by. */
      unit: string
      /** The snapshot revision that served the value. */
      revision: string
    }
  | {
      /** A goal was reached: one call of `track()`. */
      type: 'conversion'
      /** A unique UUID; the service drops duplicates by it (delivery is at least once). */
      id: string
      /** When `track()` was called, as an ISO date-time. */
      timestamp: string
      /** The context's `userId` at that time, when it had one. */
      userId?: string
      /** The context's `deviceId` at that time, when it had one. */
      deviceId?: string
      /** The event name given to `track()`, e.g. `checkout-completed`. */
      event: string
      /** The numeric value given to `track()` (revenue, duration), when finite. */
      value?: number
      /** The properties given to `track()`, as they were. */
      properties?: Record<string, JsonValue>
    }
  | {
      /**
       * Evaluation counts since the previous summary, for flag usage (which flags and variations are read).
       */
      type: 'summary'
      /** A unique UUID; the service drops duplicates by it (delivery is at least once). */
      id: string
      /** Start of the counted period (the previous summary's `end`, or the client's start), ISO date-time. */
      start: string
      /** End of the counted period, ISO date-time. */
      end: string
      /** One entry per flag and variation evaluated in the period. */
      counts: Array<{
        /** The flag key. */
        flag: string
        /** The variation key served; empty for results without one (errors, `{ value }` overrides). */
        variation: string
        /** How many evaluations served it in the period. */
        count: number
      }>
    }

/** A line of the client's activity, for tools that show a live log. */
export interface ActivityEntry {
  /** `queued`: an event entered the queue; `sent`/`failed`/`dropped`: what became of it. */
  kind: 'queued' | 'sent' | 'failed' | 'dropped'
  /** The event concerned. */
  event: VexilEvent
  /** Epoch ms of the entry. */
  at: number
}

/** A minimal logger; defaults to `console` in development. */
export interface Logger {
  /** Verbose diagnostics, optional. */
  debug?(message: string, ...rest: unknown[]): void
  /** Problems the client works around (errors, invalid flags included, when there is no `onError`). */
  warn(message: string, ...rest: unknown[]): void
  /** Problems the client cannot work around. */
  error(message: string, ...rest: unknown[]): void
}

/** Options of reads that may record an exposure. */
export interface ReadOptions {
  /** Record an exposure when the result is in an experiment. @default false */
  expose?: boolean
}

/** The literal type of a default widened to its JSON type (`false` → `boolean`). */
export type Widen<T> = T extends boolean ? boolean : T extends string ? string : T extends number ? number : T

/** One server-side evaluation carried by a bootstrap payload. */
export interface BootstrapEvaluation {
  /** Absent when the flag evaluated to `ERROR`. */
  variation?: string
  /** The value the server rendered (`null` on `ERROR`). */
  value: JsonValue
  /** Why, as in an evaluation result. */
  reason: Reason
}

/**
 * A sticky assignment (SPEC §4) the server's store holds for the rendered context, carried by a
 * bootstrap payload so the browser keeps the same arm (an extension of SPEC §7).
 */
export interface BootstrapStickyAssignment {
  /** The unit it was made for: the context's `bucketBy` attribute, as hashed. */
  unit: string
  /** The flag's salt when it was made: an assignment under another salt is ignored. */
  salt: string
  /** The kept assignment. */
  assignment: StickyAssignment
}

/** The SSR bootstrap payload (SPEC §7), made by `createBootstrap` from `@vexil/core/server`. */
export interface BootstrapPayload {
  /** The payload format version. */
  v: 1
  /** The snapshot with only `clientSide` flags. */
  snapshot: Snapshot
  /** The context the server evaluated for; the client uses it unless given its own. */
  context: Context
  /** ISO time of the server evaluation. */
  evaluatedAt: string
  /** What the server rendered, by flag key. */
  evaluations: Record<string, BootstrapEvaluation>
  /**
   * Extension of SPEC §7, present when `createBootstrap` was given a sticky store: by flag key, the
   * assignments that served this context. A client seeds its sticky store with them; one it had
   * already persisted for the same flag, unit and salt wins (it is what the user saw before).
   */
  stickyAssignments?: Record<string, BootstrapStickyAssignment>
}

/** Options of `createClient` (SPEC §8). */
export interface ClientOptions {
  /** Where the snapshot is fetched (GET with ETag). None: bootstrap or storage only. */
  snapshotUrl?: string
  /** SSE endpoint announcing new revisions. None: polling only. */
  streamUrl?: string
  /** Where event batches are posted. None: events are kept (persisted, bounded), not sent. */
  eventsUrl?: string
  /** Sent as `Authorization: Bearer <key>`, and as `?key=` for beacons and streams. */
  clientKey?: string
  /** The evaluation context. @default {} */
  context?: Context
  /** An SSR payload: the client is ready synchronously with source `bootstrap`. */
  bootstrap?: BootstrapPayload
  /**
   * `indexeddb` (durable), `memory`, or `none` (memory until `setPersistence` switches it on, for
   * consent). @default 'indexeddb' where available, else 'memory'
   */
  persistence?: PersistenceMode
  /** Ms between conditional fetches while mounted or subscribed; 0 for none. @default 60000 */
  pollInterval?: number
  /** Ms before a request is abandoned. @default 10000 */
  requestTimeout?: number
  /** Ms between event flushes. @default 5000 */
  flushInterval?: number
  /** Events per request. @default 100 */
  maxBatchSize?: number
  /** Events kept before the oldest are dropped and counted. @default 10000 */
  maxQueueSize?: number
  /** Ms between summary events of evaluation counts. @default 60000 */
  summaryInterval?: number
  /** Whether QA overrides apply. @default true */
  allowOverrides?: boolean
  /** Whether `?vexil=flag:variation,…` in the page URL sets overrides. @default false */
  urlOverrides?: boolean
  /** Replaces the platform's `fetch`. */
  fetch?: Environment['fetch']
  /** Replaces the clock (epoch ms). */
  now?: () => number
  /** Replaces IndexedDB as the durable store. */
  storage?: KeyValueStore
  /** Where warnings go. @default console */
  logger?: Logger
  /** Receives every error (network, invalid snapshot, refused events, storage). */
  onError?: (error: VexilErrorInfo) => void
  /** Replaces any part of the platform (timers, page signals, beacon, EventSource), for tests and hosts. */
  environment?: Partial<Environment>
}

/**
 * `ClientOptions` with the defaults of the timing and size options filled in, as the runtime's
 * parts read them.
 *
 * @internal
 */
export type ResolvedOptions = ClientOptions &
  Required<Pick<ClientOptions, 'pollInterval' | 'requestTimeout' | 'flushInterval' | 'maxBatchSize' | 'maxQueueSize' | 'summaryInterval'>>

/** A listener of the activity log (`subscribeActivity` of `@vexil/core/inspect`). */
export type ActivityListener = (entry: ActivityEntry) => void

/**
 * The client `createClient` returns: evaluation with a per-flag cache, context, overrides, events,
 * and a store contract (`subscribe` / `getState`) that UI bindings use as it is. Every method is
 * bound: `const { track } = client` and `onClick={client.track}` work.
 */
export interface VexilClient {
  /**
   * Resolves with the state once a snapshot is usable (bootstrap, storage or network), the first
   * load failed with nothing to fall back on (`status: 'error'`), or `timeout` ms passed. Never rejects.
   */
  ready(options?: { timeout?: number }): Promise<ClientState>
  /** The flag's value, or `defaultValue` on error or when its type differs from the flag's. */
  getValue<T extends JsonValue>(key: string, defaultValue: T): Widen<T>
  /** Whether a boolean flag is on; `defaultValue` on error or for a non-boolean flag. */
  isEnabled(key: string, defaultValue?: boolean): boolean
  /** The result, recording an exposure when it is in an experiment. */
  getVariant(key: string): EvaluationResult
  /**
   * The cached result of a flag: the same object until that flag's result changes. With
   * `{ expose: true }` it also records an exposure. Errors carry the value `null`. Until the
   * persisted sticky assignments are read, a `sticky` flag's result is held (the bootstrap's
   * evaluation for the same unit, else its off variation, never in an experiment) and its exposure
   * waits for the real result.
   */
  evaluate(key: string, options?: ReadOptions): EvaluationResult
  /**
   * `evaluate(key)` with `defaultValue` in place on error or type mismatch (reason `ERROR`, code
   * `TYPE_MISMATCH`). Stable identity while the result and the default (by `Object.is`) are.
   */
  getDetails<T extends JsonValue>(key: string, defaultValue: T): EvaluationResult<Widen<T>>
  /** Every flag's cached result; the same object until some result changes. */
  evaluateAll(): Readonly<Record<string, EvaluationResult>>
  /**
   * During SSR hydration: the result the server rendered (from the bootstrap's `evaluations`), else
   * `evaluate(key)`. Use as `getServerSnapshot`.
   */
  getServerResult(key: string): EvaluationResult
  /** Records an exposure for a result: a no-op unless it is in an experiment, never for `OVERRIDE`. */
  expose(result: EvaluationResult): void
  /**
   * Counts one read of the flag's current result for the usage summaries (SPEC §5), without
   * exposing: what `evaluate(key, {})` records, without the result. UI bindings call it after commit.
   */
  count(key: string): void
  /**
   * Gives the client an SSR payload after creation (as the `bootstrap` option does at creation), so
   * a client made outside React can hydrate a server-rendered page. Its snapshot is used unless the
   * client already holds the network's; its context unless the app set one; its evaluations serve
   * {@link VexilClient.getServerResult}; its `stickyAssignments` seed the sticky store (one the
   * client persisted for the same flag, unit and salt wins). Idempotent: a payload of the same time and revision again
   * (a re-render's fresh `readBootstrap`) does nothing. An invalid payload is reported, not thrown.
   */
  hydrate(bootstrap: BootstrapPayload): void
  /** Replaces the context; re-evaluates synchronously and notifies only if some result changed. */
  setContext(context: Context): void
  /** The current context. */
  getContext(): Context
  /** Queues a conversion event. */
  track(event: string, options?: { value?: number; properties?: Record<string, JsonValue> }): void
  /**
   * Forces a variation (by key) or a value of the flag's type; persisted. Throws a `VexilError`
   * (`FLAG_NOT_FOUND`, `INVALID_OVERRIDE`, `OVERRIDES_DISABLED`) for what cannot apply.
   */
  setOverride(key: string, variationOrValue: JsonValue, options?: { expiresAt?: number }): void
  /** Removes one override. */
  clearOverride(key: string): void
  /** Removes every override. */
  clearOverrides(): void
  /** Overrides in force, by flag key; the same object until they change. */
  getOverrides(): Readonly<Record<string, StoredOverride>>
  /** Adds a listener, called once per batch of changes; returns the unsubscribe function. Bound. */
  subscribe(listener: () => void): () => void
  /** The immutable state; a new object only when something in it changed. */
  getState(): ClientState
  /** Switches persistence at run time (consent); leaving `indexeddb` deletes what was stored. */
  setPersistence(mode: PersistenceMode): Promise<void>
  /** Fetches the snapshot now (conditional GET); resolves when done, never rejects. */
  refresh(): Promise<void>
  /** Sends queued events now. */
  flush(): Promise<void>
  /**
   * Starts polling, the stream and visibility tracking (reference-counted, StrictMode-safe; a
   * subscriber counts too). The page-hide beacon of events needs no mount: it runs until `close()`.
   */
  mount(): void
  /** Undoes one `mount()`; the last one stops them. */
  unmount(): void
  /** Flushes events, stops timers and streams, removes listeners. */
  close(): Promise<void>
}
