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
  from: number
  to: number
  start: string
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
  op: Operator
  values?: Array<string | number | boolean>
  negate?: boolean
}

/** A condition that a reusable segment matches. */
export interface SegmentCondition {
  segment: string
  negate?: boolean
}

/** One condition of a rule or a segment. */
export type Condition = AttributeCondition | SegmentCondition

/** A reusable audience. */
export interface Segment {
  include?: string[]
  exclude?: string[]
  /** The attribute that `include`/`exclude` compare to. @default "userId" */
  bucketBy?: string
  conditions?: Condition[]
}

/** One weighted arm of a split. */
export interface SplitEntry {
  variation: string
  /** A percentage, 0 to 100, at most three decimals. */
  weight: number
}

/** What a rule or the fallthrough serves: a fixed variation or a split. */
export type Serve = { variation: string } | { split: SplitEntry[] }

/** The fallthrough: a serve that may carry an experiment when it splits. */
export type Fallthrough = Serve & { experiment?: string }

/** A targeting rule. */
export interface Rule {
  /** Unique within the flag. */
  id: string
  conditions?: Condition[]
  schedule?: Schedule
  /** Percentage of matching units, or a progressive rollout. @default 100 */
  rollout?: number | ProgressiveRollout
  serve: Serve
  /** When set (only on a split), evaluations served by this rule are experiment exposures. */
  experiment?: string
}

/** A flag that must serve one of `variations` for this flag to be evaluated. */
export interface Prerequisite {
  flag: string
  variations: string[]
}

/** A flag definition (SPEC §1). */
export interface Flag {
  type: FlagType
  /** `false` is the kill switch: `offVariation` is served. */
  enabled: boolean
  variations: Record<string, JsonValue>
  offVariation: string
  /** @default the flag key */
  salt?: string
  /** @default "userId" */
  bucketBy?: string
  /** Keep split assignments in the sticky store. @default false */
  sticky?: boolean
  schedule?: Schedule
  prerequisites?: Prerequisite[]
  rules?: Rule[]
  fallthrough: Fallthrough
  /** `false` keeps the flag out of browser snapshots and bootstrap payloads. @default true */
  clientSide?: boolean
  description?: string
  tags?: string[]
}

/** A rules snapshot: one JSON document per environment. */
export interface Snapshot {
  schemaVersion: 1
  /** Opaque; changes on every change. */
  revision: string
  environment: string
  generatedAt?: string
  segments?: Record<string, Segment>
  flags: Record<string, Flag>
}

/** The evaluation context: identities plus any attributes rules may read. */
export interface Context {
  userId?: string
  deviceId?: string
  [attribute: string]: unknown
}

/** Why a flag has its value. */
export const Reason = {
  OVERRIDE: 'OVERRIDE',
  DISABLED: 'DISABLED',
  OFF_SCHEDULE: 'OFF_SCHEDULE',
  PREREQUISITE_FAILED: 'PREREQUISITE_FAILED',
  STICKY: 'STICKY',
  TARGETING_MATCH: 'TARGETING_MATCH',
  SPLIT: 'SPLIT',
  DEFAULT: 'DEFAULT',
  ERROR: 'ERROR',
} as const
/** Why a flag has its value. */
export type Reason = (typeof Reason)[keyof typeof Reason]

/** What went wrong when the reason is `ERROR`. */
export const ErrorCode = {
  INVALID_SNAPSHOT: 'INVALID_SNAPSHOT',
  FLAG_NOT_FOUND: 'FLAG_NOT_FOUND',
  INVALID_FLAG: 'INVALID_FLAG',
  TYPE_MISMATCH: 'TYPE_MISMATCH',
} as const
/** What went wrong when the reason is `ERROR`. */
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode]

/** A kept split assignment (SPEC §4 sticky bucketing). */
export interface StickyAssignment {
  variation: string
  ruleId?: string
  experiment?: string
}

/**
 * Where sticky assignments live. Both methods are synchronous; a `get` that throws or returns
 * something that is not an assignment means "none", a `set` that throws is ignored.
 */
export interface StickyStore {
  get(flagKey: string, unit: string, salt: string): StickyAssignment | undefined
  set(flagKey: string, unit: string, salt: string, assignment: StickyAssignment): void
}

/** A QA override: force a variation, or a raw value of the flag's type. */
export type Override = { variation: string } | { value: JsonValue }

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
  flagKey: string
  value: T
  /** Absent with `ERROR` and with a `{ value }` override. */
  variation?: string
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
  path: string
  message: string
}
