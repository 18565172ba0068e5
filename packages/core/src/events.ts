/**
 * Builds the events of SPEC §5: exposures (once per flag, variation, unit and experiment per
 * session) and conversions; the event queue makes the summaries of evaluation counts.
 */
import type { Context, EvaluationResult, JsonValue } from './types'
import type { VexilEvent } from './clientTypes'
import type { Environment } from './environment'
import { VexilError } from './errors'

/** Options of `track()`. */
export interface TrackOptions {
  /** A numeric value (revenue, duration); ignored unless finite. */
  value?: number
  /** Free-form JSON attributes of the conversion, sent as they are (e.g. `{ plan: 'pro' }`). */
  properties?: Record<string, JsonValue>
}

/** Builds an exposure event, or returns undefined when the result is none or was already exposed. */
export type ExposureBuilder = (
  result: EvaluationResult,
  context: Context,
  revision: string,
  bucketBy: string,
  unit: string,
) => VexilEvent | undefined

/** Distinct exposures remembered per session; beyond it the oldest may be sent again. */
const MAX_SEEN = 10_000

/** `t` (epoch ms) as an ISO 8601 string. */
export const iso = (t: number): string => new Date(t).toISOString()

/**
 * An event made now from `fields`, with a new id and the context's `userId` / `deviceId` when
 * strings. A field that is `undefined` or `null` (an optional one the result or call has not) is
 * left out, not sent empty.
 */
const event = (env: Environment, context: Context, fields: object): VexilEvent => {
  const e: Record<string, unknown> = { id: env.uuid(), timestamp: iso(env.now()), ...fields }
  for (const k of ['userId', 'deviceId']) if (typeof context[k] == 'string') e[k] = context[k]
  for (const k in e) if (e[k] == null) delete e[k]
  return e as VexilEvent
}

/** Creates the exposure builder of one client session, which remembers what it exposed. */
export function createExposures(env: Environment): ExposureBuilder {
  const seen = new Set<string>()
  return (r, context, revision, bucketBy, unit) => {
    if (!r.inExperiment || r.reason == 'OVERRIDE' || r.variation === undefined) return undefined
    const key = JSON.stringify([r.flagKey, r.variation, unit, r.experiment])
    if (seen.has(key)) return undefined
    seen.add(key)
    if (seen.size > MAX_SEEN) seen.delete(seen.values().next().value!)
    return event(env, context, {
      type: 'exposure',
      flag: r.flagKey,
      variation: r.variation,
      reason: r.reason,
      rule: r.ruleId,
      experiment: r.experiment,
      bucketBy,
      unit,
      revision,
    })
  }
}

/**
 * The conversion event of one `track()` call. Its `properties` are copied as the JSON they will be
 * sent as: a later change to the app's object must not change the event, and what JSON cannot
 * write (a cycle, a BigInt) must not stop the queue. Such properties are left out and reported;
 * the conversion itself still counts.
 */
export const conversion = (env: Environment, name: string, context: Context, o: TrackOptions | undefined, report: (e: VexilError) => void): VexilEvent => {
  let properties: unknown
  try {
    // Falsy properties (`false`, `''`, `0`), and what writes as nothing (a function), are none.
    const json = o?.properties ? JSON.stringify(o.properties) : undefined
    properties = json && JSON.parse(json)
  } catch (e) {
    report(new VexilError('INVALID_EVENT', `track("${name}"): properties left out (${e})`))
  }
  return event(env, context, {
    type: 'conversion',
    event: name,
    value: Number.isFinite(o?.value) ? o!.value : undefined,
    properties,
  })
}

/** One line of a summary: how many evaluations of a flag served a variation. */
export type Count = Extract<VexilEvent, { type: 'summary' }>['counts'][number]
