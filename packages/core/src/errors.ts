import type { ValidationError } from './types'

/** Machine-readable codes of {@link VexilError}. */
export type VexilErrorCode =
  /** The snapshot failed top-level validation; the last good one is kept. */
  | 'SNAPSHOT_INVALID'
  /** Flags of a usable snapshot are invalid (SPEC §1): they serve the caller's default with `INVALID_FLAG`; `details` says where. Once per revision. */
  | 'INVALID_FLAGS'
  /** The snapshot response was not JSON. */
  | 'SNAPSHOT_PARSE'
  /** The service answered with an unexpected HTTP status. */
  | 'HTTP'
  /** The request failed before a response (offline, DNS, CORS). */
  | 'NETWORK'
  /** The request took longer than `requestTimeout`. */
  | 'TIMEOUT'
  /** The service refused a batch of events (4xx other than 408/429); the batch was dropped. */
  | 'EVENTS_REJECTED'
  /** Events were dropped at `maxQueueSize`. */
  | 'QUEUE_FULL'
  /** `track()` got `properties` that JSON cannot write; the conversion was queued without them. */
  | 'INVALID_EVENT'
  /** Events were still queued at `close()`: kept in IndexedDB for the next session, lost with `memory` persistence. */
  | 'EVENTS_UNSENT'
  /** Storage failed; the client fell back to memory. */
  | 'STORAGE'
  /** `setOverride` named a flag the snapshot does not have. */
  | 'FLAG_NOT_FOUND'
  /** `setOverride` named an unknown variation or a value of the wrong type. */
  | 'INVALID_OVERRIDE'
  /** `setOverride` was called on a client with `allowOverrides: false`. */
  | 'OVERRIDES_DISABLED'

/**
 * The one error type of the client: thrown only for programmer errors at call time (a refused
 * override), otherwise reported through `onError` and kept in `getState().error`.
 */
export class VexilError extends Error {
  /** What went wrong, stable across versions. */
  declare readonly code: VexilErrorCode
  /** HTTP status, when the error is about a response. */
  declare readonly status?: number
  /** Validation problems, when the error is about a snapshot. */
  declare readonly details?: ValidationError[]

  constructor(code: VexilErrorCode, message: string, extra?: { status?: number; details?: ValidationError[] }) {
    super('[vexil] ' + message)
    // Fields are assigned, not declared: an absent `status` or `details` is no own property at all.
    Object.assign(this, { name: 'VexilError', code }, extra)
  }
}
