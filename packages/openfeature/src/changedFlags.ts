/**
 * `changedFlags`: which flags' results differ between two `evaluateAll()` views of a client.
 */
import type { EvaluationResult } from '@vexil/core'

type Results = Readonly<Record<string, EvaluationResult>>

/**
 * The keys whose result changed, appeared or disappeared. The client keeps a result's identity until
 * that flag's result changes, so identity is the test.
 *
 * @param before - the previous `evaluateAll()`
 * @param after - the current `evaluateAll()`
 * @returns the keys, those of `after` first, in its order
 */
export function changedFlags(before: Results, after: Results): string[] {
  if (before === after) return []
  const keys = Object.keys(after).filter((k) => before[k] !== after[k])
  for (const k of Object.keys(before)) if (!(k in after)) keys.push(k)
  return keys
}
