/**
 * `toVexilContext`: an OpenFeature evaluation context → a Vexil context (SPEC §2).
 */
import type { Context, JsonValue } from '@vexil/core'
import type { EvaluationContext, EvaluationContextValue } from '@openfeature/web-sdk'

/**
 * Converts an OpenFeature context. Every attribute is kept (so rules may read `targetingKey` too);
 * `targetingKey` also becomes `userId` unless the context sets `userId` itself, because `userId` is
 * what Vexil buckets and identifies events by. `Date` values become ISO strings, which the
 * `before`/`after` operators read as dates.
 *
 * @param context - an OpenFeature evaluation context
 * @returns a plain Vexil context
 */
export function toVexilContext(context: EvaluationContext): Context {
  const out: Context = {}
  for (const [key, value] of Object.entries(context)) {
    if (value !== undefined) out[key] = toJson(value)
  }
  if (out.userId === undefined && typeof context.targetingKey === 'string' && context.targetingKey !== '') out.userId = context.targetingKey
  return out
}

/**
 * A context or tracking value as JSON: dates as ISO strings, `undefined` members dropped.
 *
 * @param value - an OpenFeature context or tracking value
 */
export function toJson(value: EvaluationContextValue): JsonValue {
  if (value === null || typeof value !== 'object') return value
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString()
  if (Array.isArray(value)) return value.map(toJson)
  const out: Record<string, JsonValue> = {}
  for (const [k, v] of Object.entries(value)) if (v !== undefined) out[k] = toJson(v)
  return out
}
