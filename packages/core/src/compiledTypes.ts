/**
 * The shapes of a compiled snapshot: what {@link compileSnapshot} builds once per snapshot object so
 * that evaluation does no parsing, no validation and little allocation.
 *
 * @internal Used by the engine and the client runtime; not a public API.
 */
import type { HashPrefix } from './bucketing'
import type { SemVer } from './semver'
import type { EvaluationResult, FlagType, JsonValue, ValidationError } from './types'

/** Operator codes; small integers keep the matcher's `switch` a jump table. */
export const Op = {
  in: 0,
  notIn: 1,
  contains: 2,
  startsWith: 3,
  endsWith: 4,
  matches: 5,
  gt: 6,
  gte: 7,
  lt: 8,
  lte: 9,
  before: 10,
  after: 11,
  semverEq: 12,
  semverGt: 13,
  semverGte: 14,
  semverLt: 15,
  semverLte: 16,
  exists: 17,
} as const

/** Up to this many `in` / `notIn` values are scanned: cheaper than a `Set` to build, keep and query. */
export const SMALL_LIST = 8

/**
 * A compiled condition. Attribute and segment conditions share one shape so the matcher's call
 * sites stay monomorphic.
 *
 * @internal
 */
export interface CompiledCondition {
  /** The segment of a segment condition, else `undefined`. */
  readonly segment: CompiledSegment | undefined
  /** The attribute path split on `.`; `undefined` when a step is a forbidden name (always missing). */
  readonly path: readonly string[] | undefined
  /** One of {@link Op}. */
  readonly op: number
  readonly negate: boolean
  /**
   * The operands read as a list: `in` / `notIn` values as written, `contains` / `startsWith` /
   * `endsWith` strings, or `matches` pattern strings (checked by compiling them at validation).
   */
  readonly values: readonly unknown[]
  /**
   * The single operand: `in` / `notIn` values as a `Set` for lists longer than {@link SMALL_LIST},
   * the `gt`…`lte` bound or `before` / `after` epoch milliseconds, the `semver*` version, or the
   * `matches` patterns compiled without flags (stateless, so shared safely), built by the evaluator
   * on first use (most conditions of a big snapshot never run, and a kept `RegExp` is ~200 bytes).
   * One untyped field rather than one per kind keeps a condition small (a 10,000-flag snapshot holds
   * tens of thousands) and boxes a number only in conditions that have one.
   */
  operand: ReadonlySet<unknown> | number | SemVer | readonly RegExp[] | undefined
}

/** A compiled segment. @internal */
export interface CompiledSegment {
  readonly key: string
  readonly valid: boolean
  readonly errors: readonly ValidationError[]
  readonly include: ReadonlySet<string>
  readonly exclude: ReadonlySet<string>
  /** The `bucketBy` path; `undefined` when it names a forbidden step. */
  readonly bucketPath: readonly string[] | undefined
  readonly conditions: readonly CompiledCondition[]
}

/** A compiled serve (a rule's or the fallthrough's). @internal */
export interface CompiledServe {
  /** True for a split. */
  readonly isSplit: boolean
  /** The rule id, `undefined` for the fallthrough. */
  readonly ruleId: string | undefined
  readonly experiment: string | undefined
  /** Fixed serve: the variation key served. */
  readonly variation: string
  /**
   * Fixed serve: the frozen result (`TARGETING_MATCH` or `DEFAULT`), built by the evaluator on first
   * use, then kept (most rules of a big snapshot serve no given context).
   */
  fixed: EvaluationResult<unknown> | undefined
  /** Split: cumulative thresholds `c_i` in buckets. */
  readonly thresholds: readonly number[]
  /** Split: the variation key of each entry. */
  readonly splitVariations: readonly string[]
  /** Split: the prebuilt, frozen `SPLIT` result of each entry. */
  readonly splitResults: readonly EvaluationResult<unknown>[]
}

/** A progressive rollout with parsed dates. @internal */
export interface CompiledProgressive {
  readonly from: number
  readonly to: number
  readonly start: number
  readonly end: number
}

/**
 * A schedule's bounds in epoch ms, `[start, end)`; `-Infinity` / `Infinity` for a missing bound. Its
 * own object, present only on scheduled flags and rules, so the unscheduled majority carry neither
 * the fields nor their boxed numbers. @internal
 */
export interface CompiledSchedule {
  readonly start: number
  readonly end: number
}

/** A compiled rule. @internal */
export interface CompiledRule {
  readonly id: string
  /** The rule's schedule; `undefined` when it has none. */
  readonly schedule: CompiledSchedule | undefined
  readonly conditions: readonly CompiledCondition[]
  /** Static rollout in buckets (`round(p * 1000)`); 100,000 means everyone. */
  readonly threshold: number
  /** Progressive rollout, computed at evaluation time. */
  readonly progressive: CompiledProgressive | undefined
  readonly serve: CompiledServe
}

/** A compiled prerequisite. @internal */
export interface CompiledPrerequisite {
  readonly flag: string
  readonly variations: ReadonlySet<string>
  /** The frozen `PREREQUISITE_FAILED` result naming this prerequisite. */
  readonly failed: EvaluationResult<unknown>
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
  /** This flag's validation errors (paths start with `flags.<key>`). */
  readonly errors: readonly ValidationError[]
  /** The declared type; `undefined` when it is not one of the four types. */
  readonly type: FlagType | undefined
  readonly enabled: boolean
  /** Variation key → value (a copy of the snapshot's `variations` that inherits nothing). */
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
  /** @internal Evaluation data below. */
  readonly bucketPath: readonly string[] | undefined
  /** The flag's schedule; `undefined` when it has none. */
  readonly schedule: CompiledSchedule | undefined
  readonly prerequisites: readonly CompiledPrerequisite[]
  readonly rules: readonly CompiledRule[]
  readonly fallthrough: CompiledServe
  /**
   * Built on first use by the evaluator, then kept (most flags of a big snapshot never need them,
   * and not building them keeps compiling cheap): the hash states of `salt + ".rollout."` and
   * `salt + "."`, and the results served with `offVariation` (`DISABLED`, `OFF_SCHEDULE`, and
   * `DEFAULT` for a fallthrough split without a unit).
   */
  rolloutPrefix: HashPrefix | undefined
  splitPrefix: HashPrefix | undefined
  disabledResult: EvaluationResult<unknown> | undefined
  offScheduleResult: EvaluationResult<unknown> | undefined
  noUnitResult: EvaluationResult<unknown> | undefined
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
  /** Every error: top-level, then per flag in snapshot order, then unused invalid segments. */
  readonly allErrors: readonly ValidationError[]
  readonly revision: string | undefined
  readonly environment: string | undefined
  /** Flag keys in snapshot order (empty when the top level is invalid). */
  readonly flagKeys: readonly string[]
  /** Compiled flags by key. */
  readonly flags: ReadonlyMap<string, CompiledFlag>
  /** Compiled segments by key. */
  readonly segments: ReadonlyMap<string, CompiledSegment>
  /** Keys of invalid flags, in snapshot order. */
  readonly invalidFlags: readonly string[]
}
