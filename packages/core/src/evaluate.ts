/**
 * Local evaluation (SPEC §4): the steps in order, over a compiled snapshot. Pure apart from reading
 * the clock when `now` is not given, and calling the injected sticky store. Never throws.
 */
import { hashPrefix, prefixedBucket } from './bucketing'
import type { CompiledFlag, CompiledPrerequisite, CompiledRule, CompiledSnapshot, Result } from './compiledTypes'
import { compileSnapshot } from './compileSnapshot'
import { isPlainObject, matchAll, read, unitOf } from './conditions'
import { has, isKey, isObject, own, roundHalfUp } from './snapshotChecks'
import type { ErrorCode, EvaluateOptions, EvaluationResult, Reason, StickyAssignment, StickyStore } from './types'

const ALL = 100_000
// Stands in for a context that is not a plain object; frozen so nothing can add attributes to it.
const EMPTY_CONTEXT: object = Object.freeze(Object.create(null) as object)

/** Numbers `evaluateAll` calls, so that each reads an attribute once (see `read`). */
let runs = 0

/** One evaluation (or `evaluateAll`): its snapshot, context and options, and what it has learnt. */
interface Run {
  readonly s: CompiledSnapshot
  readonly c: object
  /** The `evaluateAll` call's number, for `read` (0 for a single evaluation). */
  readonly g: number
  /** `options.now`, or NaN until the clock is first needed. */
  t: number
  /** `options.default`, `options.overrides`, `options.sticky`. */
  d: unknown
  o: object | undefined
  k: StickyStore | undefined
  /** Variations of prerequisite flags already known (`null`: in error or without variation). */
  m: Map<string, string | null> | undefined
}

const errorResult = (flagKey: unknown, value: unknown, errorCode: ErrorCode): Result => ({
  flagKey: typeof flagKey == 'string' ? flagKey : '',
  value,
  reason: 'ERROR',
  inExperiment: false,
  errorCode,
})

/** A result serving variation `v`. */
const serving = (f: CompiledFlag, v: string, reason: Reason, experiment?: string): Result => ({
  flagKey: f.key,
  value: f.variations[v],
  variation: v,
  reason,
  inExperiment: !!experiment,
})

/** A frozen result serving variation `v`, shared by every evaluation that reaches it. */
function make(f: CompiledFlag, v: string, reason: Reason, ruleId?: string, experiment?: string, prerequisite?: string): Result {
  const result = serving(f, v, reason, experiment)
  if (ruleId !== undefined) result.ruleId = ruleId
  if (experiment) result.experiment = experiment
  if (prerequisite) result.prerequisite = prerequisite
  return Object.freeze(result)
}

/** The `offVariation` result for `reason`, built on first use. */
const off = (f: CompiledFlag, reason: Reason): Result => ((f.off ??= {})[reason] ??= make(f, f.offVariation, reason))

const now = (run: Run): number => (isNaN(run.t) ? (run.t = Date.now()) : run.t)

/** Whether now is in a `[start, end)` window. */
function within(window: readonly [number, number], run: Run): boolean {
  const t = now(run)
  return t >= window[0] && t < window[1]
}

function overridden(f: CompiledFlag, overrides: object): Result | undefined {
  try {
    const override = own(overrides, f.key)
    if (!isObject(override)) return undefined
    const variation = own(override, 'variation')
    const value = own(override, 'value')
    // An override naming a variation that does not exist is ignored (SPEC §4 step 2).
    if (variation !== undefined) {
      return typeof variation == 'string' && has.call(f.variations, variation) ? serving(f, variation, 'OVERRIDE') : undefined
    }
    return value === undefined ? undefined : { flagKey: f.key, value, reason: 'OVERRIDE', inExperiment: false }
  } catch {
    return undefined
  }
}

function kept(f: CompiledFlag, store: StickyStore, unit: string): Result | undefined {
  try {
    const assignment: unknown = store.get(f.key, unit, f.salt)
    if (typeof assignment != 'object' || !assignment) return undefined
    const { variation, ruleId, experiment } = assignment as Record<string, unknown>
    if (typeof variation != 'string' || !has.call(f.variations, variation)) return undefined
    // Stored data may predate validation or be tampered with: a field that is not a key (SPEC §1)
    // would make the server reject the exposure carrying it, so it is dropped, not sent.
    const result = serving(f, variation, 'STICKY', isKey(experiment) ? experiment : undefined)
    if (isKey(ruleId)) result.ruleId = ruleId
    if (result.inExperiment) result.experiment = experiment as string
    return result
  } catch {
    // A store that throws, or an assignment whose getters throw, holds nothing.
    return undefined
  }
}

function split(f: CompiledFlag, rule: CompiledRule, unit: string, sticky: StickyStore | undefined): Result {
  const b = prefixedBucket((f.ps ??= hashPrefix(f.salt + '.')), unit)
  const thresholds = rule.s as readonly number[]
  let i = 0
  while (i < thresholds.length - 1 && b >= (thresholds[i] as number)) i++
  const variation = rule.sv[i] as string
  if (f.sticky && sticky) {
    const assignment: StickyAssignment = { variation }
    if (rule.id !== undefined) assignment.ruleId = rule.id
    if (rule.x) assignment.experiment = rule.x
    try {
      sticky.set(f.key, unit, f.salt, assignment)
    } catch {
      // A store that fails to write is ignored (SPEC §4).
    }
  }
  return (((rule.r ??= []) as Result[])[i] ??= make(f, variation, 'SPLIT', rule.id, rule.x))
}

/** The variation a prerequisite flag serves, or `null` (error, or a `{ value }` override). */
function prerequisite(run: Run, key: string): string | null {
  const memo = (run.m ??= new Map())
  const known = memo.get(key)
  if (known !== undefined) return known
  // Resolves the prerequisites below `key` bottom-up with an explicit stack, so each flag is
  // evaluated once (diamonds stay linear) and a long chain cannot overflow the call stack: when a
  // flag is evaluated, its own prerequisites are already known. Cycles cannot loop here, since
  // flags on a cycle are invalid and resolve to null at once.
  const pending = [key]
  while (pending.length) {
    const top = pending[pending.length - 1] as string
    const f = run.s.flags.get(top)
    if (!memo.has(top) && f && f.valid) {
      let waiting = false
      for (const p of f.q) if (!memo.has(p.f)) waiting = !!pending.push(p.f)
      if (waiting) continue
      memo.set(top, evaluateFlag(run, f, undefined).variation ?? null)
    }
    if (!memo.has(top)) memo.set(top, null)
    pending.pop()
  }
  return memo.get(key) ?? null
}

/** SPEC §4 steps 2 to 8 for a valid flag. */
function evaluateFlag(run: Run, f: CompiledFlag, sticky: StickyStore | undefined): Result {
  const overrides = run.o && overridden(f, run.o)
  if (overrides) return overrides
  if (!f.enabled) return off(f, 'DISABLED')
  if (f.w && !within(f.w, run)) return off(f, 'OFF_SCHEDULE')
  for (let i = 0; i < f.q.length; i++) {
    const p = f.q[i] as CompiledPrerequisite
    const variation = prerequisite(run, p.f)
    if (variation === null || !p.v.includes(variation)) return (p.r ??= make(f, f.offVariation, 'PREREQUISITE_FAILED', undefined, undefined, p.f))
  }
  const { c, g } = run
  const unit = unitOf(read(c, f.b, g))
  const keptResult = f.sticky && sticky && unit !== undefined && kept(f, sticky, unit)
  if (keptResult) return keptResult
  // The rollout bucket does not depend on the rule, so it is hashed at most once per evaluation.
  let bucket = -1
  const rules = f.r
  const last = rules.length - 1
  for (let i = 0; i < last; i++) {
    const rule = rules[i] as CompiledRule
    if ((rule.w && !within(rule.w, run)) || !matchAll(rule.c, c, g)) continue
    const p = rule.p
    const threshold = p ? roundHalfUp((p[0] + (p[1] - p[0]) * Math.min(Math.max((now(run) - p[2]) / (p[3] - p[2]), 0), 1)) * 1000) : rule.t
    if (threshold < ALL) {
      if (unit === undefined) continue
      if (bucket < 0) bucket = prefixedBucket((f.pr ??= hashPrefix(f.salt + '.rollout.')), unit)
      if (bucket >= threshold) continue
    }
    if (!rule.s) return (rule.r ??= make(f, rule.v as string, 'TARGETING_MATCH', rule.id)) as Result
    if (unit !== undefined) return split(f, rule, unit, sticky)
  }
  // The fallthrough (the last rule, without id, conditions, schedule or rollout).
  const fallthrough = rules[last] as CompiledRule
  if (!fallthrough.s) return (fallthrough.r ??= make(f, fallthrough.v as string, 'DEFAULT')) as Result
  return unit === undefined ? off(f, 'DEFAULT') : split(f, fallthrough, unit, sticky)
}

function start(snapshot: unknown, context: unknown, options: unknown, all?: boolean): Run {
  const run: Run = {
    s: compileSnapshot(snapshot),
    c: isPlainObject(context) ? context : EMPTY_CONTEXT,
    g: all ? ++runs : 0,
    t: NaN,
    d: undefined,
    o: undefined,
    k: undefined,
    m: undefined,
  }
  if (typeof options == 'object' && options) {
    try {
      const { default: fallback, now, overrides, sticky } = options as Record<string, unknown>
      run.d = fallback
      if (typeof now == 'number' && isFinite(now)) run.t = now
      if (typeof overrides == 'object' && overrides) run.o = overrides
      const store = sticky as StickyStore
      if (typeof store == 'object' && store && typeof store.get == 'function' && typeof store.set == 'function') run.k = store
    } catch {
      // Options whose getters throw count as absent from that point on.
    }
  }
  return run
}

function evaluateOne(run: Run, flagKey: unknown, f: CompiledFlag | undefined): Result {
  if (!f) return errorResult(flagKey, run.d, 'FLAG_NOT_FOUND')
  if (!f.valid) return errorResult(flagKey, run.d, 'INVALID_FLAG')
  try {
    return evaluateFlag(run, f, run.k)
  } catch {
    // Defensive: nothing in a snapshot, context or options is known to get here.
    return errorResult(flagKey, run.d, 'INVALID_FLAG')
  }
}

/**
 * Evaluates one flag of a snapshot for a context (SPEC §4).
 *
 * Accepts any value as the snapshot and validates it itself, once per snapshot object (so a snapshot
 * must not be mutated once used). Never throws: an invalid snapshot gives `ERROR` /
 * `INVALID_SNAPSHOT`, an absent flag `FLAG_NOT_FOUND`, an invalid flag `INVALID_FLAG`, each with
 * `options.default` as the value.
 *
 * Results that depend only on the snapshot (a fixed serve, a split arm, `DISABLED`, …) are shared,
 * frozen objects: compare them by identity, never mutate them.
 *
 * @param snapshot - a rules snapshot (SPEC §1), or anything else.
 * @param flagKey - the flag to evaluate.
 * @param context - the evaluation context; anything but a plain object is treated as `{}`.
 * @param options - `now` (epoch ms; otherwise the clock), `default`, `overrides`, `sticky`.
 * @returns the value, variation, reason and experiment data.
 */
export function evaluate(
  snapshot: unknown,
  flagKey: string,
  context?: unknown,
  options?: EvaluateOptions,
): EvaluationResult<unknown> {
  const run = start(snapshot, context, options)
  if (!run.s.valid) return errorResult(flagKey, run.d, 'INVALID_SNAPSHOT')
  return evaluateOne(run, flagKey, typeof flagKey == 'string' ? run.s.flags.get(flagKey) : undefined)
}

/**
 * Evaluates every flag of a snapshot for one context, in snapshot order. Prerequisites are
 * evaluated once and shared between flags.
 *
 * @returns results by flag key (a null-prototype object); for a snapshot rejected at the top level,
 *   an `INVALID_SNAPSHOT` result for each key of its `flags` object when it has one.
 */
export function evaluateAll(
  snapshot: unknown,
  context?: unknown,
  options?: EvaluateOptions,
): Record<string, EvaluationResult<unknown>> {
  const run = start(snapshot, context, options, true)
  const out = Object.create(null) as Record<string, Result>
  if (!run.s.valid) {
    try {
      const flags = isObject(snapshot) && own(snapshot, 'flags')
      if (isObject(flags)) for (const key of Object.keys(flags)) out[key] = errorResult(key, run.d, 'INVALID_SNAPSHOT')
    } catch {
      // An unreadable snapshot has no keys to report.
    }
    return out
  }
  run.s.flags.forEach((f, key) => {
    const result = (out[key] = evaluateOne(run, key, f))
    // A prerequisite's variation, as its dependants will ask for it (without a sticky store).
    if (f.dep && !(f.sticky && run.k)) (run.m ??= new Map()).set(key, result.variation ?? null)
  })
  return out
}
