/**
 * The results query. Everything heavy happens in SQL: each unit's first exposure to the experiment
 * (its variation is the one it saw first), then its conversions for a metric that happened at or
 * after that first exposure, then sums per variation. Node receives one row per variation.
 *
 * A conversion belongs to a unit through the attribute the flag buckets by: `userId` units match
 * conversions' `userId`, `deviceId` units their `deviceId`. Units bucketed by any other attribute
 * count as exposed with no conversions, since conversion events carry only those two identities.
 */
import type { Db } from './database'

/** Sums of one metric over the units of one variation. */
export interface VariationAggregate {
  variation: string
  /** Units whose first exposure was to this variation. */
  units: number
  /** Units with at least one qualifying conversion. */
  converters: number
  /** Qualifying conversions. */
  conversions: number
  /** Σ per-unit value sum, and Σ of its square (for the variance of a revenue metric). */
  valueSum: number
  valueSumSquares: number
  /** Σ of the per-unit conversion count squared (for the variance of a count metric). */
  countSumSquares: number
}

/** Runs the aggregation for one experiment. */
export interface ResultsRepository {
  /**
   * Aggregates for each metric event, all read in one transaction so they see the same data.
   * The map is keyed by event name.
   */
  aggregate(environment: string, experiment: string, events: string[]): Map<string, VariationAggregate[]>
  /** Changes whenever an exposure or a conversion is stored (the highest row ids). */
  watermark(): string
  /** The lowest sequential p-value seen so far, by metric then variation. */
  sequentialPValues(environment: string, experiment: string): Record<string, Record<string, number>>
  /** Keeps the lower of the stored and the given p-values. */
  saveSequentialPValues(environment: string, experiment: string, values: Record<string, Record<string, number>>): void
}

/** The statements of the aggregation, shared with the worker that runs them off the event loop. */
export const RESULTS_SQL = {
  // Keyed by unit: the conversion-driven join walks conversions in (unit, ts) index order and finds
  // each unit's first exposure here with an in-order primary-key lookup.
  create: `CREATE TEMP TABLE IF NOT EXISTS first_exposure (
    bucket_by TEXT NOT NULL, unit TEXT NOT NULL, variation TEXT NOT NULL, first_ts INTEGER NOT NULL,
    PRIMARY KEY (bucket_by, unit)) WITHOUT ROWID`,
  clear: 'DELETE FROM temp.first_exposure',
  // SQLite returns the bare column `variation` from the row that holds MIN(ts): the first exposure.
  fill: `INSERT INTO temp.first_exposure (bucket_by, unit, variation, first_ts)
     SELECT bucket_by, unit, variation, MIN(ts) FROM exposures
     WHERE environment = ? AND experiment = ? GROUP BY bucket_by, unit`,
  units: 'SELECT variation, COUNT(*) AS units FROM temp.first_exposure GROUP BY variation',
  // Driven by the conversions (usually far fewer than exposed units): only units that converted
  // after their first exposure appear; the others add 0 to every sum, so they need no row.
  aggregate: `WITH per_unit AS (
       ${perUnit('user_id', 'userId')}
       UNION ALL
       ${perUnit('device_id', 'deviceId')}
     )
     SELECT variation, COUNT(*) AS converters, SUM(cnt) AS conversions,
       TOTAL(val) AS value_sum, TOTAL(val * val) AS value_sq, TOTAL(cnt * cnt) AS count_sq
     FROM per_unit GROUP BY variation`,
} as const

function perUnit(column: 'user_id' | 'device_id', bucketBy: string): string {
  return `
    SELECT f.variation AS variation, COUNT(*) AS cnt, TOTAL(c.value) AS val
    FROM conversions c
    JOIN temp.first_exposure f ON f.bucket_by = '${bucketBy}' AND f.unit = c.${column}
    WHERE c.environment = @environment AND c.event = @event AND c.${column} IS NOT NULL AND c.ts >= f.first_ts
    GROUP BY c.${column}`
}

/** What the statements return, before {@link combineAggregates}. @internal */
export interface RawAggregates {
  units: Array<{ variation: string; units: number }>
  sums: Record<string, SumRow[]>
}

/** One row of the per-variation sums. @internal */
export interface SumRow {
  variation: string
  converters: number
  conversions: number
  value_sum: number
  value_sq: number
  count_sq: number
}

/** Joins unit counts and sums into one aggregate per variation and event. @internal */
export function combineAggregates(raw: RawAggregates): Map<string, VariationAggregate[]> {
  const units = [...raw.units].sort((a, b) => (a.variation < b.variation ? -1 : a.variation > b.variation ? 1 : 0))
  const out = new Map<string, VariationAggregate[]>()
  for (const [event, rows] of Object.entries(raw.sums)) {
    const sums = new Map(rows.map((r) => [r.variation, r]))
    out.set(
      event,
      units.map(({ variation, units: n }) => {
        const r = sums.get(variation)
        return {
          variation,
          units: n,
          converters: r?.converters ?? 0,
          conversions: r?.conversions ?? 0,
          valueSum: r?.value_sum ?? 0,
          valueSumSquares: r?.value_sq ?? 0,
          countSumSquares: r?.count_sq ?? 0,
        }
      }),
    )
  }
  return out
}

/** Creates the repository. */
export function createResultsRepository(db: Db): ResultsRepository {
  db.exec(RESULTS_SQL.create)
  const clear = db.prepare(RESULTS_SQL.clear)
  const fill = db.prepare(RESULTS_SQL.fill)
  const unitsPerVariation = db.prepare<[], { variation: string; units: number }>(RESULTS_SQL.units)
  const aggregate = db.prepare<[{ environment: string; event: string }], SumRow>(RESULTS_SQL.aggregate)
  const run = db.transaction((environment: string, experiment: string, events: string[]): RawAggregates => {
    clear.run()
    fill.run(environment, experiment)
    const units = unitsPerVariation.all()
    const sums: Record<string, SumRow[]> = {}
    for (const event of events) sums[event] = aggregate.all({ environment, event })
    clear.run()
    return { units, sums }
  })
  const selectP = db.prepare<[string, string], { metric: string; variation: string; p_value: number }>(
    'SELECT metric, variation, p_value FROM sequential_p_values WHERE environment = ? AND experiment = ?',
  )
  const upsertP = db.prepare(
    `INSERT INTO sequential_p_values (environment, experiment, metric, variation, p_value) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT DO UPDATE SET p_value = MIN(p_value, excluded.p_value)`,
  )
  const saveP = db.transaction((environment: string, experiment: string, values: Record<string, Record<string, number>>) => {
    for (const [metric, byVariation] of Object.entries(values)) {
      for (const [variation, p] of Object.entries(byVariation)) upsertP.run(environment, experiment, metric, variation, p)
    }
  })
  const maxExposure = db.prepare<[], { n: number | null }>('SELECT MAX(rowid) AS n FROM exposures')
  const maxConversion = db.prepare<[], { n: number | null }>('SELECT MAX(rowid) AS n FROM conversions')
  return {
    watermark: () => `${maxExposure.get()?.n ?? 0}:${maxConversion.get()?.n ?? 0}`,
    aggregate(environment, experiment, events) {
      return combineAggregates(run(environment, experiment, [...new Set(events.length > 0 ? events : [''])]))
    },
    sequentialPValues(environment, experiment) {
      const out: Record<string, Record<string, number>> = {}
      for (const row of selectP.all(environment, experiment)) (out[row.metric] ??= {})[row.variation] = row.p_value
      return out
    },
    saveSequentialPValues(environment, experiment, values) {
      saveP(environment, experiment, values)
    },
  }
}
