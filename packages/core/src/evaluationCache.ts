/**
 * The client's per-flag evaluation cache: each flag's result keeps its identity until that flag's
 * own result changes, so a UI bound to flag B does not re-render when only flag A changed.
 */
import type { EvaluationResult, FlagType, JsonValue } from './types'
import { hasType } from './overrides'

type Result = EvaluationResult

/** What a bootstrap carries of a result beside its value, then the rest of what a UI may show of it. */
const FIELDS = ['variation', 'reason', 'ruleId', 'inExperiment', 'experiment', 'errorCode', 'prerequisite'] as const

/**
 * Two results that render the same; `served` compares only what a bootstrap carries (variation,
 * reason, value). Values are compared by identity first: a sticky or overridden result is a new
 * object each time but keeps its value's identity, so it is never serialized. A value JSON cannot
 * write (cyclic, BigInt, set by a raw override) counts as changed rather than throwing.
 */
export const sameResult = (a: Result, b: Result, served?: boolean): boolean => {
  if (a === b) return true
  if (!FIELDS.every((k, i) => (served && i > 1) || a[k] === b[k])) return false
  try {
    return Object.is(a.value, b.value) || JSON.stringify(a.value) === JSON.stringify(b.value)
  } catch {
    return false
  }
}

/** The evaluation cache of one client. */
export interface EvaluationCache {
  /** The cached result of a flag, evaluated on first use. */
  get(key: string): Result
  /** Re-evaluates every cached flag, replacing only changed results; true when any changed. */
  refresh(): boolean
  /** Results of `keys`; the same object until some result or the key list (by identity) changes. */
  all(keys: readonly string[]): Readonly<Record<string, Result>>
}

/**
 * Creates an evaluation cache over `run`, which evaluates one flag with the options `prepare` makes
 * (once per refresh, not once per flag: a refresh of 1,000 flags allocates one options object).
 */
export function createEvaluationCache<O>(run: (key: string, options: O) => Result, prepare: () => O): EvaluationCache {
  const cache = new Map<string, Result>()
  let all: Record<string, Result> | undefined
  let allKeys: readonly string[] | undefined
  const get = (key: string): Result => {
    let r = cache.get(key)
    if (!r) cache.set(key, (r = run(key, prepare())))
    return r
  }
  return {
    get,
    refresh() {
      let changed = false
      const o = prepare()
      for (const [k, old] of cache) {
        const r = run(k, o)
        if (!sameResult(old, r)) {
          cache.set(k, r)
          changed = true
          all = undefined
        }
      }
      return changed
    },
    all(keys) {
      // A new snapshot brings a new key list, possibly with new flags whose results nothing cached.
      if (!all || keys !== allKeys) {
        allKeys = keys
        // Null prototype: a snapshot's flag keyed `__proto__` (valid JSON, an invalid flag) must be an
        // own entry, not the object's prototype.
        all = Object.create(null) as Record<string, Result>
        for (const k of keys) all[k] = get(k)
      }
      return all
    },
  }
}

/** Each result's last stand-in: its value is the default it was made for. */
const typedResults = new WeakMap<Result, Result>()

/**
 * `result`, or the default in its place (reason `ERROR`; `TYPE_MISMATCH` when the flag's `type`
 * does not match the default's). Stable while the result and the default (`Object.is`) are.
 */
export function typed(r: Result, d: unknown, type: FlagType | undefined): Result {
  if (r.reason != 'ERROR' && (!type || hasType(type, d))) return r
  let c = typedResults.get(r)
  if (!c || !Object.is(c.value, d))
    typedResults.set(r, (c = { flagKey: r.flagKey, value: d as JsonValue, reason: 'ERROR', inExperiment: false, errorCode: r.errorCode ?? 'TYPE_MISMATCH' }))
  return c
}
