/**
 * Builds the events of SPEC §5: exposures (once per flag, variation, unit and experiment per
 * session), conversions, and summary counts of evaluations for flag usage.
 */
import type { Context, EvaluationResult, JsonValue } from './types'
import type { VexilEvent } from './clientTypes'
import type { Environment } from './environment'

/** Options of `track()`. */
export interface TrackOptions {
  /** A numeric value (revenue, duration); ignored unless finite. */
  value?: number
  /** Free-form JSON attributes of the conversion, sent as they are (e.g. `{ plan: 'pro' }`). */
  properties?: Record<string, JsonValue>
}

/** What an exposure needs beyond the result. */
export interface ExposureInfo {
  revision: string
  bucketBy: string
  unit: string
}

/** Event factory of one client session. */
export interface EventFactory {
  /** An exposure event, or undefined when this one was already recorded this session. */
  exposure(result: EvaluationResult, context: Context, info: ExposureInfo): VexilEvent | undefined
  conversion(event: string, context: Context, options?: TrackOptions): VexilEvent
  /** Counts one evaluation for the next summary. */
  count(flag: string, variation: string | undefined): void
  /** Whether counts wait for a summary. */
  hasCounts(): boolean
  /** The summary since the last one, or undefined when nothing was counted. */
  summary(): VexilEvent | undefined
}

/** Distinct exposures remembered per session; beyond it the oldest may be sent again. */
const MAX_SEEN = 10_000

const ids = (c: Context): { userId?: string; deviceId?: string } => {
  const o: { userId?: string; deviceId?: string } = {}
  if (typeof c.userId === 'string') o.userId = c.userId
  if (typeof c.deviceId === 'string') o.deviceId = c.deviceId
  return o
}

/** Creates the event factory of one client. */
export function createEventFactory(env: Environment): EventFactory {
  const seen = new Set<string>()
  let counts = new Map<string, number>()
  let start = env.now()
  const iso = (t = env.now()): string => new Date(t).toISOString()

  return {
    exposure(r, context, info) {
      if (!r.inExperiment || r.reason === 'OVERRIDE' || r.variation === undefined) return undefined
      const key = JSON.stringify([r.flagKey, r.variation, info.unit, r.experiment])
      if (seen.has(key)) return undefined
      seen.add(key)
      if (seen.size > MAX_SEEN) seen.delete(seen.values().next().value!)
      const e: VexilEvent = {
        type: 'exposure',
        id: env.uuid(),
        timestamp: iso(),
        ...ids(context),
        flag: r.flagKey,
        variation: r.variation,
        reason: r.reason,
        bucketBy: info.bucketBy,
        unit: info.unit,
        revision: info.revision,
      }
      if (r.ruleId !== undefined) e.rule = r.ruleId
      if (r.experiment !== undefined) e.experiment = r.experiment
      return e
    },
    conversion(event, context, o) {
      const e: VexilEvent = { type: 'conversion', id: env.uuid(), timestamp: iso(), ...ids(context), event }
      if (typeof o?.value === 'number' && Number.isFinite(o.value)) e.value = o.value
      if (o?.properties) e.properties = o.properties
      return e
    },
    count(flag, variation) {
      const k = flag + '\n' + (variation ?? '')
      counts.set(k, (counts.get(k) ?? 0) + 1)
    },
    hasCounts: () => counts.size > 0,
    summary() {
      if (!counts.size) return undefined
      const end = env.now()
      const e: VexilEvent = {
        type: 'summary',
        id: env.uuid(),
        start: iso(start),
        end: iso(end),
        counts: [...counts].map(([k, count]) => {
          const i = k.indexOf('\n')
          return { flag: k.slice(0, i), variation: k.slice(i + 1), count }
        }),
      }
      counts = new Map()
      start = end
      return e
    },
  }
}
