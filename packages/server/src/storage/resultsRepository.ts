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
  units: number
  converters: number
  conversions: number
  value_sum: number
  value_sq: number
  count_sq: number
}

/** Creates the repository. */
export function createResultsRepository(db: Db): ResultsRepository {
  // Keyed by unit so that the per-unit GROUP BY below walks it in order instead of sorting it, and
  // the conversion lookups it drives arrive in index order.
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
  const perUnit = (column: 'user_id' | 'device_id', bucketBy: string): string => `
    SELECT f.variation AS variation, COUNT(c.ts) AS cnt, TOTAL(c.value) AS val
    FROM temp.first_exposure f
    LEFT JOIN conversions c
      ON c.environment = @environment AND c.event = @event AND c.${column} = f.unit AND c.ts >= f.first_ts
    WHERE f.bucket_by = '${bucketBy}'
    GROUP BY f.bucket_by, f.unit`
  const aggregate = db.prepare<[{ environment: string; event: string }], Row>(
    `WITH per_unit AS (
       ${perUnit('user_id', 'userId')}
       UNION ALL
       ${perUnit('device_id', 'deviceId')}
       UNION ALL
       SELECT variation, 0, 0 FROM temp.first_exposure WHERE bucket_by NOT IN ('userId', 'deviceId')
     )
     SELECT variation, COUNT(*) AS units, SUM(cnt > 0) AS converters, SUM(cnt) AS conversions,
       TOTAL(val) AS value_sum, TOTAL(val * val) AS value_sq, TOTAL(cnt * cnt) AS count_sq
     FROM per_unit GROUP BY variation ORDER BY variation`,
  )
  const run = db.transaction((environment: string, experiment: string, events: string[]) => {
    clear.run()
    fill.run(environment, experiment)
    const out = new Map<string, VariationAggregate[]>()
    for (const event of new Set(events)) {
      out.set(
        event,
        aggregate.all({ environment, event }).map((r) => ({
          variation: r.variation,
          units: r.units,
          converters: r.converters,
          conversions: r.conversions,
          valueSum: r.value_sum,
          valueSumSquares: r.value_sq,
          countSumSquares: r.count_sq,
        })),
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
