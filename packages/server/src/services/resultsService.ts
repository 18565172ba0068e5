/**
 * Experiment results: SQL aggregates per variation (see the results repository), the intended
 * split read from the flag's current configuration, and `@vexil/stats`' `analyzeExperiment` for
 * the statistics and the SRM check.
 */
import type { Flag, SplitEntry } from '@vexil/core'
import { analyzeExperiment } from '@vexil/stats'
import type { ExperimentAnalysis, MetricInput, VariantExposure } from '@vexil/stats'
import { badRequest } from '../errors'
import type { ExperimentDocument, Metric } from '../model'
import { combineAggregates } from '../storage/resultsRepository'
import type { VariationAggregate } from '../storage/resultsRepository'
import type { ResultsWorkers } from '../storage/resultsWorker'
import type { Store } from '../storage/store'
import type { Catalog } from './catalog'

/** A metric as the results name it. */
export interface ResultsMetric extends Metric {
  /** The key in `analysis.metrics`. */
  key: string
}

/** What `GET /v1/experiments/:key/results` returns. */
export interface ExperimentResults {
  /** The experiment as stored. */
  experiment: ExperimentDocument
  /** The environment whose events were analysed: the experiment's, or the `?environment=` asked for. */
  environment: string
  /** ISO time the results were computed (they are reused until an event or a document changes). */
  generatedAt: string
  /** Milliseconds spent in the query and the analysis. */
  durationMs: number
  /** The split the SRM check compares against, with units exposed per variation. */
  variants: VariantExposure[]
  /** Variations that units were exposed to but the current split does not serve. */
  unexpectedVariations: Array<{
    /** The variation key seen in exposures. */
    key: string
    /** Units whose first exposure was to it; they are left out of the analysis. */
    units: number
  }>
  /** The primary metric then the secondary ones, each with the key it has in `analysis` and `aggregates`. */
  metrics: ResultsMetric[]
  /** Raw per-variation sums per metric key, for auditing the statistics. */
  aggregates: Record<string, VariationAggregate[]>
  /**
   * `analyzeExperiment`'s output: per metric and variation the estimates and tests, the SRM check and a
   * recommendation.
   */
  analysis: ExperimentAnalysis
}

/** Finds the split that carries `experiment`, in the rules or the fallthrough. */
export function experimentSplit(flag: Flag | undefined, experiment: string): SplitEntry[] | undefined {
  if (!flag) return undefined
  const serves = [...(flag.rules ?? []).map((r) => ({ serve: r.serve, experiment: r.experiment })), {
    serve: flag.fallthrough,
    experiment: flag.fallthrough?.experiment,
  }]
  for (const s of serves) {
    if (s.experiment === experiment && s.serve && 'split' in s.serve) return s.serve.split
  }
  return undefined
}

function metricKeys(doc: ExperimentDocument): ResultsMetric[] {
  const seen = new Set<string>()
  return [doc.primaryMetric, ...doc.secondaryMetrics].map((m) => {
    let key = m.name ?? m.event
    if (seen.has(key)) key = `${key}:${m.type}`
    seen.add(key)
    return { ...m, key }
  })
}

/**
 * Computes results. The SQL runs in a worker thread when the database is a file (see
 * `ResultsWorkers`), on the event loop otherwise. An answer is reused while nothing it depends on
 * changed (no new event, same experiment and flag versions), and concurrent requests for the same
 * state share one computation: a results page that polls costs nothing between events.
 */
export class ResultsService {
  readonly #store: Store
  readonly #catalog: Catalog
  readonly #workers: ResultsWorkers | undefined
  readonly #cache = new Map<string, { stamp: string; results: ExperimentResults }>()
  readonly #inflight = new Map<string, Promise<ExperimentResults>>()

  constructor(store: Store, catalog: Catalog, workers?: ResultsWorkers) {
    this.#store = store
    this.#catalog = catalog
    this.#workers = workers
  }

  /** Stops aggregations still running (for shutdown). */
  close(): Promise<void> {
    return this.#workers?.close() ?? Promise.resolve()
  }

  /** Results of experiment `key` from its environment's events (or `environmentOverride`'s). */
  results(key: string, environmentOverride?: string): Promise<ExperimentResults> {
    const started = performance.now()
    const stored = this.#catalog.require('experiment', key)
    const experiment = stored.document
    const environment = environmentOverride ?? experiment.environment
    if (!this.#catalog.environments.includes(environment)) throw badRequest(`unknown environment ${environment}`)
    const stamp = [
      this.#store.results.watermark(),
      stored.version,
      this.#store.flags.get(experiment.flag)?.version ?? 0,
    ].join('|')
    const cacheKey = `${environment}\u0000${key}`
    const cached = this.#cache.get(cacheKey)
    if (cached?.stamp === stamp) return Promise.resolve(cached.results)
    const flightKey = `${cacheKey}\u0000${stamp}`
    let pending = this.#inflight.get(flightKey)
    if (!pending) {
      pending = this.#compute(experiment, key, environment, started).then(
        (results) => {
          this.#inflight.delete(flightKey)
          this.#cache.set(cacheKey, { stamp, results })
          return results
        },
        (error: unknown) => {
          this.#inflight.delete(flightKey)
          throw error
        },
      )
      this.#inflight.set(flightKey, pending)
    }
    return pending
  }

  async #compute(experiment: ExperimentDocument, key: string, environment: string, started: number): Promise<ExperimentResults> {
    const metrics = metricKeys(experiment)
    const events = [...new Set(metrics.map((m) => m.event))]
    const byEvent = this.#workers
      ? combineAggregates(await this.#workers.run(environment, key, events))
      : this.#store.results.aggregate(environment, key, events)

    const units = new Map<string, number>()
    for (const rows of byEvent.values()) for (const row of rows) units.set(row.variation, row.units)
    const flag = this.#store.flags.get(experiment.flag)?.document.environments[environment]
    const split = experimentSplit(flag, key)
    const variants: VariantExposure[] = split
      ? split.filter((s) => s.weight > 0).map((s) => ({ key: s.variation, weight: s.weight, units: units.get(s.variation) ?? 0 }))
      : // Without the split (flag changed since), assume an even one over what was seen.
        [...units.entries()].map(([variation, n]) => ({ key: variation, weight: 1, units: n }))
    const known = new Set(variants.map((v) => v.key))
    const unexpectedVariations = [...units.entries()]
      .filter(([variation]) => !known.has(variation))
      .map(([variation, n]) => ({ key: variation, units: n }))

    const aggregates: Record<string, VariationAggregate[]> = {}
    const inputs: MetricInput[] = metrics.map((metric) => {
      const rows = byEvent.get(metric.event) ?? []
      aggregates[metric.key] = rows
      if (metric.type === 'conversion') {
        return {
          key: metric.key,
          kind: 'conversion',
          variants: Object.fromEntries(rows.map((r) => [r.variation, { converters: r.converters }])),
        }
      }
      return {
        key: metric.key,
        kind: metric.type,
        variants: Object.fromEntries(
          rows.map((r) => [
            r.variation,
            metric.type === 'revenue'
              ? { sum: r.valueSum, sumSquares: r.valueSumSquares, converters: r.converters }
              : { sum: r.conversions, sumSquares: r.countSumSquares, converters: r.converters },
          ]),
        ),
      }
    })
    const previous = this.#store.results.sequentialPValues(environment, key)
    const primary = metrics[0]
    const analysis = analyzeExperiment({
      variants,
      metrics: inputs,
      ...(primary ? { primaryMetric: primary.key } : {}),
      options: {
        previousSequentialPValues: previous,
        ...(experiment.minimumDetectableEffect !== null ? { minimumDetectableEffect: experiment.minimumDetectableEffect } : {}),
      },
    })
    const next: Record<string, Record<string, number>> = {}
    for (const metric of analysis.metrics) {
      for (const v of metric.variants) {
        if (v.sequentialPValue !== null) (next[metric.key] ??= {})[v.variantKey] = v.sequentialPValue
      }
    }
    this.#store.results.saveSequentialPValues(environment, key, next)
    const results: ExperimentResults = {
      experiment,
      environment,
      generatedAt: new Date().toISOString(),
      durationMs: Math.round((performance.now() - started) * 10) / 10,
      variants,
      unexpectedVariations,
      metrics,
      aggregates,
      analysis,
    }
    return results
  }
}
