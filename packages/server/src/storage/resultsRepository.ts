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

interface Row {
  variation: string
  converters: number
  conversions: number
  value_sum: number
  value_sq: number
  count_sq: number
}

/** Creates the repository. */
export function createResultsRepository(db: Db): ResultsRepository {
  // Keyed by unit: the conversion-driven join below walks conversions in (unit, ts) index order
  // and finds each unit's first exposure here with an in-order primary-key lookup.
  db.exec(`CREATE TEMP TABLE IF NOT EXISTS first_exposure (
    bucket_by TEXT NOT NULL, unit TEXT NOT NULL, variation TEXT NOT NULL, first_ts INTEGER NOT NULL,
    PRIMARY KEY (bucket_by, unit)) WITHOUT ROWID`)
  const clear = db.prepare('DELETE FROM temp.first_exposure')
  // SQLite returns the bare column `variation` from the row that holds MIN(ts): the first exposure.
  const fill = db.prepare(
    `INSERT INTO temp.first_exposure (bucket_by, unit, variation, first_ts)
     SELECT bucket_by, unit, variation, MIN(ts) FROM exposures
     WHERE environment = ? AND experiment = ? GROUP BY bucket_by, unit`,
  )
  const unitsPerVariation = db.prepare<[], { variation: string; units: number }>(
    'SELECT variation, COUNT(*) AS units FROM temp.first_exposure GROUP BY variation',
  )
  // Driven by the conversions (usually far fewer than exposed units): only units that converted
  // after their first exposure appear; the others add 0 to every sum, so they need no row.
  const perUnit = (column: 'user_id' | 'device_id', bucketBy: string): string => `
    SELECT f.variation AS variation, COUNT(*) AS cnt, TOTAL(c.value) AS val
    FROM conversions c
    JOIN temp.first_exposure f ON f.bucket_by = '${bucketBy}' AND f.unit = c.${column}
    WHERE c.environment = @environment AND c.event = @event AND c.${column} IS NOT NULL AND c.ts >= f.first_ts
    GROUP BY c.${column}`
  const aggregate = db.prepare<[{ environment: string; event: string }], Row>(
    `WITH per_unit AS (
       ${perUnit('user_id', 'userId')}
       UNION ALL
       ${perUnit('device_id', 'deviceId')}
     )
     SELECT variation, COUNT(*) AS converters, SUM(cnt) AS conversions,
       TOTAL(val) AS value_sum, TOTAL(val * val) AS value_sq, TOTAL(cnt * cnt) AS count_sq
     FROM per_unit GROUP BY variation`,
  )
  const run = db.transaction((environment: string, experiment: string, events: string[]) => {
    clear.run()
    fill.run(environment, experiment)
    const units = unitsPerVariation.all().sort((a, b) => (a.variation < b.variation ? -1 : a.variation > b.variation ? 1 : 0))
    const out = new Map<string, VariationAggregate[]>()
    for (const event of new Set(events)) {
      const sums = new Map(aggregate.all({ environment, event }).map((r) => [r.variation, r]))
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
    clear.run()
    return out
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
      return run(environment, experiment, events.length > 0 ? events : [''])
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
