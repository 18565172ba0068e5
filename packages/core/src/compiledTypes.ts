/**
 * The shapes of a compiled snapshot: what {@link compileSnapshot} builds once per snapshot object so
 * that evaluation does no parsing, no validation and little allocation. Evaluation fields have
 * one- or two-letter names: they are read on every evaluation and minifiers cannot shorten
 * property names.
 *
 * @internal Used by the engine and the client runtime; not a public API.
 */
import type { SemVer } from './semver'
import type { Issue } from './snapshotChecks'
import type { EvaluationResult, FlagType, JsonValue, ValidationError } from './types'

/** A result as the engine builds it (the value is the flag's, of any type). @internal */
export type Result = EvaluationResult<unknown>

/**
 * An attribute name read from contexts, interned: one per name, shared by every condition that
 * reads it, so that one evaluation reads each attribute once. @internal
 */
export interface AttributePath {
  /** The name split on `.`; `undefined` when a step is a forbidden name (always missing). */
  readonly s: readonly string[] | undefined
  /** The evaluation that last read it, and what it read: one read per attribute per evaluation. */
  g: number
  v: unknown
}

/** The operator code of a segment condition (past the operators of SPEC §3). @internal */
export const SEGMENT = 18

/**
 * A compiled condition. Attribute and segment conditions share one shape so the matcher's call
 * sites stay monomorphic. @internal
 */
export interface CompiledCondition {
  /** The attribute of an attribute condition. */
  readonly a: AttributePath | undefined
  /** The operator: its index in `OPS` (compileConditions.ts), or {@link SEGMENT}. */
  readonly o: number
  /** `negate`. */
  readonly n: boolean
  /** The operands as written (`values`). */
  readonly v: readonly unknown[]
  /**
   * The operand read once: the segment of a segment condition, `in` / `notIn` values as a `Set` for long lists, the `gt`…`lte` bound,
   * `before` / `after` epoch milliseconds, the `semver*` version, or the `matches` patterns as
   * tests, built on first use (most conditions of a big snapshot never run).
   */
  x: CompiledSegment | ReadonlySet<unknown> | number | SemVer | ReadonlyArray<(value: string) => boolean> | undefined
}

/** A compiled segment. @internal */
export interface CompiledSegment {
  readonly valid: boolean
  /** Its problems (paths under `segments.<key>`). */
  readonly issues: readonly Issue[]
  /** `include` and `exclude`. */
  readonly i: ReadonlySet<unknown>
  readonly e: ReadonlySet<unknown>
  /** `bucketBy`. */
  readonly b: AttributePath
  /** `conditions`. */
  readonly c: readonly CompiledCondition[]
}

/** A progressive rollout: `[from, to, start, end]`, percentages and epoch milliseconds. @internal */
export type CompiledProgressive = readonly [from: number, to: number, start: number, end: number]

/**
 * A compiled rule merged with what it serves; the fallthrough is a rule without `id`, conditions,
 * schedule or rollout. @internal
 */
export interface CompiledRule {
  /** The rule id; `undefined` for the fallthrough. */
  readonly id: string | undefined
  /** `conditions`. */
  readonly c: readonly CompiledCondition[]
  /** `schedule` as `[start, end)` epoch milliseconds, when the rule has one. */
  readonly w: readonly [number, number] | undefined
  /** A static rollout in buckets (`round(p * 1000)`); 100,000 means everyone. */
  readonly t: number
  /** A progressive rollout, computed at evaluation time. */
  readonly p: CompiledProgressive | undefined
  /** A fixed serve's variation. */
  readonly v: string | undefined
  /** A split's cumulative thresholds `c_i`, and the variation of each entry; `undefined` for a fixed serve. */
  readonly s: readonly number[] | undefined
  readonly sv: readonly string[]
  /** `experiment`. */
  readonly x: string | undefined
  /** The results it serves, built on first use and then shared: the fixed one, or one per split entry. */
  r: Result | Result[] | undefined
}

/** What a rule or the fallthrough serves: both are {@link CompiledRule}s. @internal */
export type CompiledServe = CompiledRule

/** A compiled prerequisite. @internal */
export interface CompiledPrerequisite {
  /** The flag key, the variations that let the flag go on, the index in `prerequisites`. */
  readonly f: string
  readonly v: readonly string[]
  readonly i: number
  /** The `PREREQUISITE_FAILED` result naming it, built on first use. */
  r: Result | undefined
}

/**
 * One flag of a compiled snapshot. Descriptive fields are filled in as far as the raw flag allows
 * even when it is invalid, so tooling can show them.
 *
 * @internal
 */
export interface CompiledFlag {
  readonly key: string
  /** False when the flag has validation errors: it evaluates to `ERROR` / `INVALID_FLAG`. */
  readonly valid: boolean
  /**
   * Its errors, with paths (`flags.<key>…`) and the problem's code in place of a message: the words
   * are `validateSnapshot`'s (tools word these with `explain(flag.issues)` of validationMessages.ts).
   */
  readonly errors: readonly ValidationError[]
  /** The same problems as codes. */
  readonly issues: readonly Issue[]
  /** The declared type; `undefined` when it is not one of the four types. */
  readonly type: FlagType | undefined
  readonly enabled: boolean
  /** Variation key → value: the snapshot's own object (read with `Object.hasOwn`), or `{}`. */
  readonly variations: Readonly<Record<string, JsonValue>>
  readonly offVariation: string
  /** `salt`, defaulting to the flag key. */
  readonly salt: string
  /** `bucketBy`, defaulting to `"userId"`. */
  readonly bucketBy: string
  readonly sticky: boolean
  readonly clientSide: boolean
  readonly description: string | undefined
  readonly tags: readonly string[]
  /** Its index in snapshot order, and whether some flag names it as a prerequisite. */
  readonly n: number
  readonly dep: boolean
  /** `bucketBy` as a path. */
  readonly b: AttributePath
  /** `schedule` as `[start, end)` epoch milliseconds, when the flag has one. */
  readonly w: readonly [number, number] | undefined
  /** `prerequisites`. */
  readonly q: readonly CompiledPrerequisite[]
  /** `rules`, then the fallthrough. */
  readonly r: readonly CompiledRule[]
  /** Built on first use: the results serving `offVariation`, by reason. */
  off: { [reason: string]: Result | undefined } | undefined
}

/**
 * A validated, indexed snapshot, cached per snapshot object.
 *
 * @internal The client runtime reads it; end users call `evaluate` and `validateSnapshot`.
 */
export interface CompiledSnapshot {
  /** False when the top level is invalid: every flag evaluates to `ERROR` / `INVALID_SNAPSHOT`. */
  readonly valid: boolean
  /** Top-level errors (empty when `valid`). */
  readonly errors: readonly ValidationError[]
  /** Every error: top-level, then per flag in snapshot order, then segments. */
  readonly allErrors: readonly ValidationError[]
  /** The same problems as `allErrors`, as codes (for `validateSnapshot`'s messages). */
  readonly issues: readonly Issue[]
  readonly revision: string | undefined
  readonly environment: string | undefined
  /** Flag keys in snapshot order (empty when the top level is invalid). */
  readonly flagKeys: readonly string[]
  /** Compiled flags by key, in snapshot order. */
  readonly flags: ReadonlyMap<string, CompiledFlag>
  /** Keys of invalid flags, in snapshot order. */
  readonly invalidFlags: readonly string[]
}
