/**
 * The shapes of SPEC v1: the rules snapshot (§1), the evaluation context (§2) and the evaluation
 * result (§4). Shared by the engine, the client runtime and every adapter.
 */

/** A JSON value, as carried by `json` flags, overrides and event properties. */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue }

/** The value type a flag declares. */
export type FlagType = 'boolean' | 'string' | 'number' | 'json'

/** A time window; `start` is inclusive, `end` exclusive. Either bound may be absent. */
export interface Schedule {
  /** RFC 3339 date-time with offset, or `YYYY-MM-DD` (midnight UTC). */
  start?: string
  /** RFC 3339 date-time with offset, or `YYYY-MM-DD` (midnight UTC). */
  end?: string
}

/** A rollout percentage that moves from `from` to `to` linearly between `start` and `end`. */
export interface ProgressiveRollout {
  /** The percentage (0 to 100, at most three decimals) at `start` and before it. */
  from: number
  /** The percentage (0 to 100, at most three decimals) at `end` and after it. */
  to: number
  /** When the percentage starts moving from `from`: an RFC 3339 date-time with offset, or `YYYY-MM-DD`. */
  start: string
  /** When the percentage reaches `to`; after `start`. Same date formats as `start`. */
  end: string
}

/** The operators of SPEC §3. */
export type Operator =
  | 'in'
  | 'notIn'
  | 'contains'
  | 'startsWith'
  | 'endsWith'
  | 'matches'
  | 'gt'
  | 'gte'
  | 'lt'
  | 'lte'
  | 'before'
  | 'after'
  | 'semverEq'
  | 'semverGt'
  | 'semverGte'
  | 'semverLt'
  | 'semverLte'
  | 'exists'

/** A condition on one context attribute. */
export interface AttributeCondition {
  /** Dotted path into the context, e.g. `company.plan`. */
  attribute: string
  /** How the attribute is compared to `values` (SPEC §3); a missing or null attribute never matches. */
  op: Operator
  /**
   * The operands: non-empty for every op but `exists` (which ignores it). `in`/`notIn` and the string ops
   * take any of them; `gt`…`lte`, `before`/`after` and `semver*` read only `values[0]`.
   */
  values?: Array<string | number | boolean>
  /**
   * Inverts the final result, after the missing-attribute rule (so a missing attribute matches). @default false
   */
  negate?: boolean
}

/** A condition that a reusable segment matches. */
export interface SegmentCondition {
  /** The key of a segment in the snapshot's `segments`; a missing or invalid one makes the flag invalid. */
  segment: string
  /** Matches when the unit is not in the segment instead. @default false */
  negate?: boolean
}

/** One condition of a rule or a segment. */
export type Condition = AttributeCondition | SegmentCondition

/** A reusable audience. */
export interface Segment {
  /** Units (values of `bucketBy`) that are always in, whatever `exclude` and `conditions` say. */
  include?: string[]
  /** Units that are always out, unless also in `include`. */
  exclude?: string[]
  /** The attribute that `include`/`exclude` compare to. @default "userId" */
  bucketBy?: string
  /**
   * Matches the units in neither list when all match; none means only `include` matches.
   * May not name other segments. @default []
   */
  conditions?: Condition[]
}

/** One weighted arm of a split. */
export interface SplitEntry {
  /** The variation key this arm serves; must exist in the flag's `variations`. */
  variation: string
  /** A percentage, 0 to 100, at most three decimals. */
  weight: number
}

/** What a rule or the fallthrough serves: a fixed variation or a split. */
export type Serve =
  | {
      /** The variation key served to everyone the rule (or the fallthrough) reaches. */
      variation: string
    }
  | {
      /**
       * Weighted arms: the unit's hash picks one, so each unit keeps its arm while the weights stay.
       * Units without a `bucketBy` value skip a rule's split; the fallthrough's serves `offVariation`.
       */
      split: SplitEntry[]
    }

/** The fallthrough: a serve that may carry an experiment when it splits. */
export type Fallthrough = Serve & {
  /** Allowed only with a split: evaluations it serves (reason `SPLIT`) are exposures of this experiment. */
  experiment?: string
}

/** A targeting rule. */
export interface Rule {
  /** Unique within the flag. */
  id: string
  /** All must match for the rule to serve; an empty list matches everyone. @default [] */
  conditions?: Condition[]
  /** The rule is skipped outside this window (none: always in); the flag's own `schedule` still applies. */
  schedule?: Schedule
  /** Percentage of matching units, or a progressive rollout. @default 100 */
  rollout?: number | ProgressiveRollout
  /** What the rule serves: a fixed variation (reason `TARGETING_MATCH`) or a split (reason `SPLIT`). */
  serve: Serve
  /** When set (only on a split), evaluations served by this rule are experiment exposures. */
  experiment?: string
}

/** A flag that must serve one of `variations` for this flag to be evaluated. */
export interface Prerequisite {
  /** The key of the flag that is evaluated first, with the same context and no sticky store. */
  flag: string
  /**
   * Variation keys of `flag` that let this flag go on; any other, or an error, serves `offVariation`
   * with reason `PREREQUISITE_FAILED`.
   */
  variations: string[]
}

/** A flag definition (SPEC §1). */
export interface Flag {
  /** The type of every variation value, and of the defaults the client's typed reads accept. */
  type: FlagType
  /** `false` is the kill switch: `offVariation` is served. */
  enabled: boolean
  /** Variation key → value (of `type`); at least one. */
  variations: Record<string, JsonValue>
  /** The variation served when the flag is disabled, off schedule or a prerequisite fails. */
  offVariation: string
  /** @default the flag key */
  salt?: string
  /** @default "userId" */
  bucketBy?: string
  /** Keep split assignments in the sticky store. @default false */
  sticky?: boolean
  /** Outside this window the flag serves `offVariation` with reason `OFF_SCHEDULE`; none: always in. */
  schedule?: Schedule
  /** Flags that must serve one of the listed variations first, checked in order. @default [] */
  prerequisites?: Prerequisite[]
  /** Targeting rules, tried in order; the first that matches serves. @default [] */
  rules?: Rule[]
  /** What is served when no rule matches. */
  fallthrough: Fallthrough
  /** `false` keeps the flag out of browser snapshots and bootstrap payloads. @default true */
  clientSide?: boolean
  /** Informational; shown by the devtools, never used by evaluation. */
  description?: string
  /** Informational labels, for search in tools; never used by evaluation. */
  tags?: string[]
}

/** A rules snapshot: one JSON document per environment. */
export interface Snapshot {
  /** The format version; a client rejects a snapshot whose version it does not know. */
  schemaVersion: 1
  /** Opaque; changes on every change. */
  revision: string
  /** The environment the snapshot is for, e.g. `production`; non-empty. */
  environment: string
  /** When the service built the snapshot (ISO date-time); informational, never validated. */
  generatedAt?: string
  /** Reusable audiences by key, named by segment conditions. @default {} */
  segments?: Record<string, Segment>
  /** Flag definitions by flag key. */
  flags: Record<string, Flag>
}

/** The evaluation context: identities plus any attributes rules may read. */
export interface Context {
  /** The signed-in user: the default `bucketBy` attribute, copied into exposure and conversion events. */
  userId?: string
  /** The device or anonymous visitor, for flags that bucket by it; copied into exposures and conversions. */
  deviceId?: string
  [attribute: string]: unknown
}

/** Why a flag has its value. */
export const Reason = {
  /** A QA override (SPEC §6) served the value; it wins over everything but a missing or invalid flag. */
  OVERRIDE: 'OVERRIDE',
  /** The flag is switched off (`enabled: false`, the kill switch): `offVariation` is served. */
  DISABLED: 'DISABLED',
  /** Now is outside the flag's `schedule`: `offVariation` is served. */
  OFF_SCHEDULE: 'OFF_SCHEDULE',
  /**
   * A prerequisite did not serve one of its listed variations: `offVariation` is served and
   * `prerequisite` names the one that failed.
   */
  PREREQUISITE_FAILED: 'PREREQUISITE_FAILED',
  /** An assignment kept in the sticky store was served (a `sticky` flag's earlier split). */
  STICKY: 'STICKY',
  /** A rule that serves a fixed variation matched; `ruleId` names it. */
  TARGETING_MATCH: 'TARGETING_MATCH',
  /** A split (of a rule or of the fallthrough) picked the variation from the unit's hash. */
  SPLIT: 'SPLIT',
  /**
   * No rule served: the fallthrough's fixed variation, or `offVariation` when it splits and the unit is missing.
   */
  DEFAULT: 'DEFAULT',
  /** The flag could not be evaluated: `value` is the caller's default and `errorCode` says why. */
  ERROR: 'ERROR',
} as const
/** Why a flag has its value. */
export type Reason = (typeof Reason)[keyof typeof Reason]

/** What went wrong when the reason is `ERROR`. */
export const ErrorCode = {
  /**
   * The snapshot's top level is invalid (not an object, unknown `schemaVersion`, …): every flag is in error.
   */
  INVALID_SNAPSHOT: 'INVALID_SNAPSHOT',
  /** The snapshot has no flag with this key (check the key, or whether it is `clientSide: false`). */
  FLAG_NOT_FOUND: 'FLAG_NOT_FOUND',
  /** The flag fails validation (see `validateSnapshot`); the rest of the snapshot is still used. */
  INVALID_FLAG: 'INVALID_FLAG',
  /** A typed read's default is not of the flag's `type` (client reads and hooks only, never `evaluate`). */
  TYPE_MISMATCH: 'TYPE_MISMATCH',
} as const
/** What went wrong when the reason is `ERROR`. */
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode]

/** A kept split assignment (SPEC §4 sticky bucketing). */
export interface StickyAssignment {
  /** The variation key that was served, and is served again while it exists. */
  variation: string
  /** The rule whose split assigned it; absent when the fallthrough did. */
  ruleId?: string
  /** The experiment of that split, if any: later evaluations served from this assignment are exposures. */
  experiment?: string
}

/**
 * Where sticky assignments live. Both methods are synchronous; a `get` that throws or returns
 * something that is not an assignment means "none", a `set` that throws is ignored.
 */
export interface StickyStore {
  /** The assignment last `set` for (flag key, unit, salt), or `undefined`. */
  get(flagKey: string, unit: string, salt: string): StickyAssignment | undefined
  /** Keeps `assignment` for (flag key, unit, salt), replacing any earlier one. */
  set(flagKey: string, unit: string, salt: string, assignment: StickyAssignment): void
}

/** A QA override: force a variation, or a raw value of the flag's type. */
export type Override =
  | {
      /** The variation key to serve; an override naming a variation the flag lacks is ignored. */
      variation: string
    }
  | {
      /** The value to serve as is, with no `variation` in the result; `setOverride` takes only the flag's type. */
      value: JsonValue
    }

/** Options of {@link evaluate}. */
export interface EvaluateOptions {
  /** Epoch milliseconds; anything that is not a finite number means the clock. */
  now?: number
  /** The value returned with reason `ERROR`. */
  default?: unknown
  /** Overrides by flag key; applied wherever a flag is evaluated, prerequisites included. */
  overrides?: Readonly<Record<string, Override>>
  /** Keeps split assignments of `sticky` flags. None: nothing is kept. */
  sticky?: StickyStore
}

/** The result of evaluating one flag (SPEC §4). */
export interface EvaluationResult<T = JsonValue> {
  /** The key of the evaluated flag. */
  flagKey: string
  /** The served value; the caller's default with reason `ERROR`. */
  value: T
  /** Absent with `ERROR` and with a `{ value }` override. */
  variation?: string
  /** Why the flag has this value: the step of SPEC §4 that decided. */
  reason: Reason
  /** True when this evaluation is an experiment exposure. */
  inExperiment: boolean
  /** The rule that served (or that a `STICKY` assignment recorded). */
  ruleId?: string
  /** Present exactly when `inExperiment` is true. */
  experiment?: string
  /** Present only with reason `ERROR`. */
  errorCode?: ErrorCode
  /** The failed prerequisite, only with reason `PREREQUISITE_FAILED`. */
  prerequisite?: string
}

/** One validation problem: where (`flags.x.rules[0].serve`) and what to fix. */
export interface ValidationError {
  /**
   * Where the problem is, as `flags.<key>.rules[0].serve`; empty when the snapshot itself is not an object.
   */
  path: string
  /** What is wrong and how to fix it, e.g. `weights add up to 99.5; make them add up to 100`. */
  message: string
}
