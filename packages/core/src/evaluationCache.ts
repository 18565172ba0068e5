/**
 * What the client's per-flag evaluation cache (in `vexilClient.ts`) compares results with, and the
 * typed stand-ins of its reads: a result that changes identity re-renders whatever shows it.
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
