/**
 * `validateSnapshot` (SPEC §1): every check, reported with paths, over the same compilation that
 * evaluation uses, so the two can never disagree; the messages come from validationMessages.ts.
 */
import { compileSnapshot } from './compileSnapshot'
import type { Snapshot, ValidationError } from './types'
import { explain } from './validationMessages'

/** No error at all. */
export interface SnapshotValid {
  /** True: there is no error anywhere. */
  ok: true
  /** Always true: the snapshot can be used. */
  usable: true
  /** The input, typed as a snapshot (the same object, not a copy). */
  snapshot: Snapshot
  /** Always empty. */
  errors: []
  /** Always empty. */
  invalidFlags: []
}

/**
 * Errors inside flags or segments only. The snapshot is still usable: the listed flags evaluate to
 * `ERROR` / `INVALID_FLAG`, everything else as written.
 */
export interface SnapshotPartlyValid {
  /** False, so tooling and the flag service refuse to publish the snapshot. */
  ok: false
  /** True: a client uses the snapshot, with only `invalidFlags` in error. */
  usable: true
  /** The input, typed as a snapshot (the same object, not a copy). */
  snapshot: Snapshot
  /** Every problem in flags and segments, with paths (an unused invalid segment is listed too). */
  errors: ValidationError[]
  /** Keys of the flags that are invalid, in snapshot order. */
  invalidFlags: string[]
}

/** A top-level error: the snapshot is rejected as a whole and the last good one should be kept. */
export interface SnapshotRejected {
  /** False: see `errors`. */
  ok: false
  /** False: nothing of the snapshot can be used. */
  usable: false
  /**
   * The top-level problems (path `''`, `schemaVersion`, `revision`, `environment`, `flags` or `segments`).
   */
  errors: ValidationError[]
  /** Always empty: flags are not checked when the top level is invalid. */
  invalidFlags: []
}

/** What {@link validateSnapshot} returns. */
export type SnapshotValidation = SnapshotValid | SnapshotPartlyValid | SnapshotRejected

/**
 * Checks a snapshot against every rule of SPEC §1.
 *
 * - `{ ok: true, usable: true, snapshot, errors: [] }`: no error anywhere.
 * - `{ ok: false, usable: true, snapshot, errors, invalidFlags }`: only flag-level (or segment)
 *   errors. `ok` is false so tooling and the flag service refuse to publish it, but a client keeps
 *   using it: only `invalidFlags` evaluate to `ERROR` / `INVALID_FLAG`. An invalid segment that no
 *   flag uses is reported here too, though it affects no flag.
 * - `{ ok: false, usable: false, errors }`: a top-level error (not a JSON object, unknown
 *   `schemaVersion`, empty `revision` or `environment`, `flags` or `segments` not an object); keep the
 *   last good snapshot.
 *
 * Each error is `{ path, message }`, with a path like `flags.new-checkout.rules[0].serve` and a message
 * that says what to fix. Never throws. The result is computed once per snapshot object.
 *
 * @param input - any value, typically parsed JSON.
 */
export function validateSnapshot(input: unknown): SnapshotValidation {
  const compiled = compileSnapshot(input)
  const errors = explain(compiled.issues)
  if (!compiled.valid) return { ok: false, usable: false, errors, invalidFlags: [] }
  const snapshot = input as Snapshot
  if (errors.length === 0) return { ok: true, usable: true, snapshot, errors: [], invalidFlags: [] }
  return { ok: false, usable: true, snapshot, errors, invalidFlags: [...compiled.invalidFlags] }
}
