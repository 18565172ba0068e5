/**
 * Local evaluation (SPEC §4): the steps in order, over a compiled snapshot. Pure apart from reading
 * the clock when `now` is not given, and calling the injected sticky store. Never throws.
 */
import { fastBucket } from './bucketing'
import type { CompiledFlag, CompiledRule, CompiledSnapshot, Result } from './compiledTypes'
import { compileSnapshot } from './compileSnapshot'
import { isPlainObject, matchAll, read, unitOf } from './conditions'
import { has, isKey, isObject, own, roundHalfUp } from './snapshotChecks'
import type { EvaluateOptions, EvaluationResult, Reason, StickyAssignment, StickyStore } from './types'

/** Numbers `evaluateAll` calls, so that each reads an attribute once (see `read`). */
let runs = 0

/** One evaluation (or `evaluateAll`): its snapshot, context and options, and what it has learnt. */
interface Run {
  readonly s: CompiledSnapshot
  readonly c: object
  /** The `evaluateAll` call's number, for `read` (0 for a single evaluation). */
  readonly g: number
  /** `options.now` when it is a finite number, else the clock once first needed. */
  t: number | undefined
  /** `options.default`, `options.overrides`, `options.sticky` (checked where they are used). */
  d: unknown
  o: EvaluateOptions['overrides']
  k: StickyStore | undefined
  /** Flags evaluated without the sticky store (as prerequisites are), by key. */
  m: Map<string, Result> | undefined
}

/** Sets `ruleId` and `experiment` when they apply (keys, never empty): SPEC §4 has them absent, not undefined. */
function fill<T extends Partial<StickyAssignment>>(target: T, ruleId?: string, experiment?: string): T {
  if (ruleId) target.ruleId = ruleId
  if (experiment) target.experiment = experiment
  return target
}

/** A result serving variation `v`. */
const serve = (f: CompiledFlag, v: string, reason: Reason, ruleId?: string, experiment?: string): Result =>
  fill({ flagKey: f.key, value: f.variations[v], variation: v, reason, inExperiment: !!experiment }, ruleId, experiment)

/** The `offVariation` result for `reason`, built on first use and shared, so frozen (as every result kept on the compiled flag). */
const off = (f: CompiledFlag, reason: Reason): Result => ((f.off ??= {})[reason] ??= Object.freeze(serve(f, f.offVariation, reason)))

/** Whether now is in a `[start, end)` window (always, without one). */
function within(run: Run, window: readonly [number, number] | undefined): boolean {
  let t
  return !window || ((t = run.t ??= Date.now()) >= window[0] && t < window[1])
}

/** Whether `v` is a key of the flag's variations. */
const isVariation = (f: CompiledFlag, v: unknown): v is string => typeof v == 'string' && has.call(f.variations, v)

/** A `{ variation }` override naming an existing variation, or a `{ value }` one (SPEC §4 step 2). */
function overridden(f: CompiledFlag, overrides: object): Result | undefined {
  try {
    // Own properties only: a polluted prototype must not override every flag.
    const override = own(overrides, f.key) ?? {}
    const variation = own(override, 'variation')
    const value = own(override, 'value')
    // An override naming a variation that does not exist is ignored, whatever its `value`.
    if (variation !== undefined) return isVariation(f, variation) ? serve(f, variation, 'OVERRIDE') : undefined
    if (value !== undefined) return { flagKey: f.key, value, reason: 'OVERRIDE', inExperiment: false }
  } catch {
    // A getter that throws: no override.
  }
  return undefined
}

/** The assignment kept for the unit, served with reason `STICKY` while its variation exists. */
function kept(f: CompiledFlag, store: StickyStore, unit: string): Result | undefined {
  try {
    const { variation, ruleId, experiment } = (store.get(f.key, unit, f.salt) ?? {}) as Record<string, unknown>
    // Stored data may predate validation or be tampered with: a field that is not a key (SPEC §1)
    // would make the server reject the exposure carrying it, so it is dropped, not sent.
    if (isVariation(f, variation)) return serve(f, variation, 'STICKY', isKey(ruleId) ? ruleId : undefined, isKey(experiment) ? experiment : undefined)
  } catch {
    // A store that throws, or an assignment whose getters throw: nothing kept.
  }
  return undefined
}

/** Serves `rule`'s split to the unit, and keeps the assignment of a sticky flag. */
function split(f: CompiledFlag, rule: CompiledRule, unit: string, sticky: StickyStore | undefined): Result {
  const b = fastBucket(f.salt, '.', unit)
  const thresholds = rule.s as readonly number[]
  let i = 0
  while (i < thresholds.length - 1 && b >= (thresholds[i] as number)) i++
  const variation = rule.sv[i] as string
  if (f.sticky && sticky) {
    try {
      sticky.set(f.key, unit, f.salt, fill({ variation }, rule.id, rule.x))
    } catch {
      // A store that fails to write is ignored (SPEC §4).
    }
  }
  return (((rule.r ??= []) as Result[])[i] ??= Object.freeze(serve(f, variation, 'SPLIT', rule.id, rule.x)))
}

/**
 * Flag `key` evaluated without the sticky store, as a prerequisite is (SPEC §4 step 5), once per
 * run. The prerequisites below it are resolved bottom-up with an explicit stack, so each flag is
 * evaluated once (diamonds stay linear) and a long chain cannot overflow the call stack: when a
 * flag is evaluated, its own prerequisites are known. Cycles cannot loop here, since flags on a
 * cycle are invalid and have no prerequisites to wait for.
 */
function resolve(run: Run, key: string): Result {
  const memo = (run.m ??= new Map())
  const pending = [key]
  while (pending.length) {
    const top = pending.at(-1) as string
    if (!memo.has(top)) {
      const f = run.s.flags.get(top)
      // A prerequisite not known yet goes first (the others follow as the flag comes back on top).
      if (f?.valid && f.q.some((p) => !memo.has(p.f) && pending.push(p.f))) continue
      memo.set(top, one(run, top, f, undefined))
    }
    pending.pop()
  }
  return memo.get(key) as Result
}

/** SPEC §4 steps 2 to 8 for a valid flag. */
function evaluateFlag(run: Run, f: CompiledFlag, sticky: StickyStore | undefined): Result {
  const override = run.o && overridden(f, run.o)
  if (override) return override
  if (!f.enabled) return off(f, 'DISABLED')
  if (!within(run, f.w)) return off(f, 'OFF_SCHEDULE')
  for (const p of f.q) {
    const variation = resolve(run, p.f).variation
    if (variation === undefined || !p.v.includes(variation)) return (p.r ??= Object.freeze({ ...serve(f, f.offVariation, 'PREREQUISITE_FAILED'), prerequisite: p.f }))
  }
  const { c, g } = run
  const unit = unitOf(read(c, f.b, g))
  const keptResult = f.sticky && sticky && unit && kept(f, sticky, unit)
  if (keptResult) return keptResult
  // The rollout bucket does not depend on the rule, so it is hashed at most once per evaluation.
  let bucket: number | undefined
  // The rules, then the fallthrough: a rule without id, conditions, schedule or rollout.
  for (const rule of f.r) {
    const p = rule.p
    const threshold = p ? roundHalfUp((p[0] + (p[1] - p[0]) * Math.min(Math.max(((run.t ??= Date.now()) - p[2]) / (p[3] - p[2]), 0), 1)) * 1000) : rule.t
    if (!within(run, rule.w) || !matchAll(rule.c, c, g) || (threshold < 100_000 && (!unit || (bucket ??= fastBucket(f.salt, '.rollout.', unit)) >= threshold))) continue
    if (!rule.s) return (rule.r ??= Object.freeze(serve(f, rule.v as string, rule.id ? 'TARGETING_MATCH' : 'DEFAULT', rule.id))) as Result
    if (unit) return split(f, rule, unit, sticky)
  }
  // A fallthrough split without a unit.
  return off(f, 'DEFAULT')
}

/** SPEC §4 step 1, then the steps of a valid flag. */
function one(run: Run, flagKey: unknown, f: CompiledFlag | undefined, sticky: StickyStore | undefined): Result {
  try {
    if (run.s.valid && f?.valid) return evaluateFlag(run, f, sticky)
  } catch {
    // Defensive: nothing in a snapshot, context or options is known to get here.
  }
  return {
    flagKey: typeof flagKey == 'string' ? flagKey : '',
    value: run.d,
    reason: 'ERROR',
    inExperiment: false,
    errorCode: !run.s.valid ? 'INVALID_SNAPSHOT' : f ? 'INVALID_FLAG' : 'FLAG_NOT_FOUND',
  }
}

function start(snapshot: unknown, context: unknown, options: unknown, g: number): Run {
  let d, now, o, k
  try {
    if (options) ({ default: d, now, overrides: o, sticky: k } = options as EvaluateOptions)
  } catch {
    // Options whose getters throw count as absent.
  }
  return { s: compileSnapshot(snapshot), c: isPlainObject(context) ? context : {}, g, t: Number.isFinite(now) ? now : undefined, d, o, k, m: undefined }
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
  const run = start(snapshot, context, options, 0)
  return one(run, flagKey, run.s.flags.get(flagKey), run.k)
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
  const run = start(snapshot, context, options, ++runs)
  const out = Object.create(null) as Record<string, Result>
  if (run.s.valid) {
    run.s.flags.forEach((f, key) => {
      const result = (out[key] = one(run, key, f, run.k))
      // A prerequisite's result, as its dependants ask for it (without a sticky store).
      if (f.dep && !(f.sticky && run.k)) (run.m ??= new Map()).set(key, result)
    })
  } else {
    try {
      const flags = own(snapshot as object, 'flags')
      if (isObject(flags)) for (const key of Object.keys(flags)) out[key] = one(run, key, undefined, undefined)
    } catch {
      // An unreadable snapshot has no keys to report.
    }
  }
  return out
}
