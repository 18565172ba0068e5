/**
 * Local evaluation (SPEC §4): the steps in order, over a compiled snapshot. Pure apart from reading
 * the clock when `now` is not given, and calling the injected sticky store. Never throws.
 */
import { hashPrefix, prefixedBucket } from './bucketing'
import { makeResult } from './compileServe'
import type { CompiledFlag, CompiledProgressive, CompiledServe, CompiledSnapshot } from './compiledTypes'
import { compileSnapshot } from './compileSnapshot'
import { isPlainObject, matchAll, readPath, unitOf } from './conditions'
import { isKey, isObject, own, roundHalfUp } from './snapshotChecks'
import type { ErrorCode, EvaluateOptions, EvaluationResult, Reason, StickyAssignment, StickyStore } from './types'

const ALL = 100_000
const hasOwn = Object.prototype.hasOwnProperty
// Stands in for a context that is not a plain object; frozen so nothing can add attributes to it.
const EMPTY_CONTEXT: object = Object.freeze(Object.create(null) as object)

/** The state shared by one evaluation and the prerequisites it evaluates. */
interface Run {
  readonly snapshot: CompiledSnapshot
  readonly context: object
  /** `options.now`, or NaN until the clock is first needed. */
  now: number
  readonly overrides: object | undefined
  readonly sticky: StickyStore | undefined
  /** Prerequisite variations already computed (`null`: in error or without variation). */
  memo: Map<string, string | null> | undefined
}

function errorResult(flagKey: unknown, value: unknown, errorCode: ErrorCode): EvaluationResult<unknown> {
  return {
    flagKey: typeof flagKey === 'string' ? flagKey : '',
    value,
    reason: 'ERROR',
    inExperiment: false,
    errorCode,
  }
}

/** A result serving `offVariation`; built on first use and kept on the compiled flag. */
function offResult(flag: CompiledFlag, reason: Reason): EvaluationResult<unknown> {
  return makeResult(flag.key, flag.offVariation, flag.variations[flag.offVariation], reason)
}

function nowOf(run: Run): number {
  if (Number.isNaN(run.now)) run.now = Date.now()
  return run.now
}

function progressiveThreshold(p: CompiledProgressive, now: number): number {
  const t = (now - p.start) / (p.end - p.start)
  const clamped = t < 0 ? 0 : t > 1 ? 1 : t
  return roundHalfUp((p.from + (p.to - p.from) * clamped) * 1000)
}

function overrideResult(flag: CompiledFlag, overrides: object): EvaluationResult<unknown> | undefined {
  try {
    if (!hasOwn.call(overrides, flag.key)) return undefined
    const override: unknown = (overrides as Record<string, unknown>)[flag.key]
    if (!isObject(override)) return undefined
    const variation = own(override, 'variation')
    if (variation !== undefined) {
      // An override naming a variation that does not exist is ignored (SPEC §4 step 2).
      if (typeof variation !== 'string' || !hasOwn.call(flag.variations, variation)) return undefined
      return { flagKey: flag.key, value: flag.variations[variation], variation, reason: 'OVERRIDE', inExperiment: false }
    }
    if (!hasOwn.call(override, 'value')) return undefined
    const value = override['value']
    if (value === undefined) return undefined
    return { flagKey: flag.key, value, reason: 'OVERRIDE', inExperiment: false }
  } catch {
    return undefined
  }
}

function stickyResult(flag: CompiledFlag, store: StickyStore, unit: string): EvaluationResult<unknown> | undefined {
  try {
    const assignment: unknown = store.get(flag.key, unit, flag.salt)
    if (typeof assignment !== 'object' || assignment === null) return undefined
    const { variation, ruleId, experiment } = assignment as Record<string, unknown>
    if (typeof variation !== 'string' || !hasOwn.call(flag.variations, variation)) return undefined
    const result: EvaluationResult<unknown> = {
      flagKey: flag.key,
      value: flag.variations[variation],
      variation,
      reason: 'STICKY',
      inExperiment: isKey(experiment),
    }
    // Stored data may predate validation or be tampered with: a field that is not a key (SPEC §1)
    // would make the server reject the exposure carrying it, so it is dropped, not sent.
    if (isKey(ruleId)) result.ruleId = ruleId
    if (isKey(experiment)) result.experiment = experiment
    return result
  } catch {
    // A store that throws, or an assignment whose getters throw, holds nothing.
    return undefined
  }
}

/** The result of a fixed serve, built on its first use. */
function fixedResult(flag: CompiledFlag, serve: CompiledServe): EvaluationResult<unknown> {
  const v = serve.variation
  return makeResult(flag.key, v, flag.variations[v], serve.ruleId === undefined ? 'DEFAULT' : 'TARGETING_MATCH', serve.ruleId)
}

function serveSplit(flag: CompiledFlag, serve: CompiledServe, unit: string, sticky: StickyStore | undefined): EvaluationResult<unknown> {
  const b = prefixedBucket((flag.splitPrefix ??= hashPrefix(`${flag.salt}.`)), unit)
  const thresholds = serve.thresholds
  const last = thresholds.length - 1
  let i = 0
  while (i < last && b >= (thresholds[i] as number)) i++
  const result = serve.splitResults[i] as EvaluationResult<unknown>
  if (flag.sticky && sticky !== undefined) {
    const assignment: StickyAssignment = { variation: serve.splitVariations[i] as string }
    if (serve.ruleId !== undefined) assignment.ruleId = serve.ruleId
    if (serve.experiment !== undefined) assignment.experiment = serve.experiment
    try {
      sticky.set(flag.key, unit, flag.salt, assignment)
    } catch {
      // A store that fails to write is ignored (SPEC §4).
    }
  }
  return result
}

/** The variation a prerequisite flag serves, or `null` (error, or a `{ value }` override). */
function prerequisiteVariation(run: Run, key: string): string | null {
  let memo = run.memo
  if (memo === undefined) memo = run.memo = new Map()
  const known = memo.get(key)
  if (known !== undefined) return known
  // Resolves the prerequisites below `key` bottom-up with an explicit stack, so each flag is
  // evaluated once (diamonds stay linear) and a long chain cannot overflow the call stack: when a
  // flag is evaluated, its own prerequisites are already in the memo. Cycles cannot loop here,
  // since flags on a cycle are invalid and resolve to null at once.
  const pending: string[] = [key]
  while (pending.length > 0) {
    const top = pending[pending.length - 1] as string
    if (memo.has(top)) {
      pending.pop()
      continue
    }
    const flag = run.snapshot.flags.get(top)
    if (flag === undefined || !flag.valid) {
      memo.set(top, null)
      pending.pop()
      continue
    }
    let waiting = false
    for (const p of flag.prerequisites) {
      if (!memo.has(p.flag)) {
        pending.push(p.flag)
        waiting = true
      }
    }
    if (waiting) continue
    pending.pop()
    memo.set(top, evaluateFlag(run, flag, undefined).variation ?? null)
  }
  return memo.get(key) ?? null
}

/** SPEC §4 steps 2 to 8 for a valid flag. */
function evaluateFlag(run: Run, flag: CompiledFlag, sticky: StickyStore | undefined): EvaluationResult<unknown> {
  if (run.overrides !== undefined) {
    const overridden = overrideResult(flag, run.overrides)
    if (overridden !== undefined) return overridden
  }
  if (!flag.enabled) return (flag.disabledResult ??= offResult(flag, 'DISABLED'))
  const schedule = flag.schedule
  if (schedule !== undefined) {
    const now = nowOf(run)
    if (now < schedule.start || now >= schedule.end) return (flag.offScheduleResult ??= offResult(flag, 'OFF_SCHEDULE'))
  }
  const prerequisites = flag.prerequisites
  for (let i = 0; i < prerequisites.length; i++) {
    const p = prerequisites[i] as (typeof prerequisites)[number]
    const variation = prerequisiteVariation(run, p.flag)
    if (variation === null || !p.variations.has(variation)) return p.failed
  }
  const context = run.context
  const unit = unitOf(readPath(context, flag.bucketPath))
  if (flag.sticky && sticky !== undefined && unit !== undefined) {
    const kept = stickyResult(flag, sticky, unit)
    if (kept !== undefined) return kept
  }
  const rules = flag.rules
  // The rollout bucket does not depend on the rule, so it is hashed at most once per evaluation.
  let rolloutBucket = -1
  for (let i = 0; i < rules.length; i++) {
    const rule = rules[i] as (typeof rules)[number]
    const window = rule.schedule
    if (window !== undefined) {
      const now = nowOf(run)
      if (now < window.start || now >= window.end) continue
    }
    if (!matchAll(rule.conditions, context)) continue
    const threshold = rule.progressive === undefined ? rule.threshold : progressiveThreshold(rule.progressive, nowOf(run))
    if (threshold < ALL) {
      if (unit === undefined) continue
      if (rolloutBucket < 0) rolloutBucket = prefixedBucket((flag.rolloutPrefix ??= hashPrefix(`${flag.salt}.rollout.`)), unit)
      if (rolloutBucket >= threshold) continue
    }
    const serve = rule.serve
    if (!serve.isSplit) return (serve.fixed ??= fixedResult(flag, serve))
    if (unit === undefined) continue
    return serveSplit(flag, serve, unit, sticky)
  }
  const fallthrough = flag.fallthrough
  if (!fallthrough.isSplit) return (fallthrough.fixed ??= fixedResult(flag, fallthrough))
  if (unit === undefined) return (flag.noUnitResult ??= offResult(flag, 'DEFAULT'))
  return serveSplit(flag, fallthrough, unit, sticky)
}

interface ReadOptions {
  fallback: unknown
  now: number
  overrides: object | undefined
  sticky: StickyStore | undefined
}

function readOptions(options: unknown): ReadOptions {
  const read: ReadOptions = { fallback: undefined, now: NaN, overrides: undefined, sticky: undefined }
  if (typeof options !== 'object' || options === null) return read
  try {
    const o = options as Record<string, unknown>
    read.fallback = o['default']
    const now = o['now']
    if (typeof now === 'number' && Number.isFinite(now)) read.now = now
    const overrides = o['overrides']
    if (typeof overrides === 'object' && overrides !== null) read.overrides = overrides
    const sticky = o['sticky']
    if (typeof sticky === 'object' && sticky !== null) {
      const store = sticky as Record<string, unknown>
      if (typeof store['get'] === 'function' && typeof store['set'] === 'function') read.sticky = sticky as StickyStore
    }
  } catch {
    // Options whose getters throw count as absent from that point on.
  }
  return read
}

function newRun(snapshot: Run['snapshot'], context: unknown, o: ReadOptions): Run {
  return {
    snapshot,
    context: isPlainObject(context) ? context : EMPTY_CONTEXT,
    now: o.now,
    overrides: o.overrides,
    sticky: o.sticky,
    memo: undefined,
  }
}

function evaluateCompiled(run: Run, flagKey: unknown, fallback: unknown): EvaluationResult<unknown> {
  const flag = typeof flagKey === 'string' ? run.snapshot.flags.get(flagKey) : undefined
  if (flag === undefined) return errorResult(flagKey, fallback, 'FLAG_NOT_FOUND')
  if (!flag.valid) return errorResult(flagKey, fallback, 'INVALID_FLAG')
  try {
    return evaluateFlag(run, flag, run.sticky)
  } catch {
    // Defensive: nothing in a snapshot, context or options is known to get here.
    return errorResult(flagKey, fallback, 'INVALID_FLAG')
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
  const o = readOptions(options)
  const compiled = compileSnapshot(snapshot)
  if (!compiled.valid) return errorResult(flagKey, o.fallback, 'INVALID_SNAPSHOT')
  const run = newRun(compiled, context, o)
  return evaluateCompiled(run, flagKey, o.fallback)
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
  const o = readOptions(options)
  const compiled = compileSnapshot(snapshot)
  const out = Object.create(null) as Record<string, EvaluationResult<unknown>>
  if (!compiled.valid) {
    try {
      const flags = isObject(snapshot) ? own(snapshot, 'flags') : undefined
      if (isObject(flags)) for (const key of Object.keys(flags)) out[key] = errorResult(key, o.fallback, 'INVALID_SNAPSHOT')
    } catch {
      // An unreadable snapshot has no keys to report.
    }
    return out
  }
  const run = newRun(compiled, context, o)
  // Walks the compiled flags (in snapshot order) rather than looking each key up again.
  for (const flag of compiled.flags.values()) {
    let result: EvaluationResult<unknown>
    if (!flag.valid) {
      result = errorResult(flag.key, o.fallback, 'INVALID_FLAG')
    } else {
      try {
        result = evaluateFlag(run, flag, run.sticky)
      } catch {
        result = errorResult(flag.key, o.fallback, 'INVALID_FLAG')
      }
    }
    out[flag.key] = result
  }
  return out
}
