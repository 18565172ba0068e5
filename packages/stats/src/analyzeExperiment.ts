import { analyzeMetric } from './analyzeMetric'
import type { MetricSettings } from './analyzeMetric'
import type {
  AnalyzeExperimentInput,
  ExperimentAnalysis,
  MetricResult,
  Recommendation,
  SignificantVariant,
  SrmCheck,
} from './experimentTypes'
import { DEFAULT_ALPHA, isValidAlpha } from './math'
import { SRM_THRESHOLD, srmTest } from './srmTest'

const DEFAULT_MDE = 0.05
const DEFAULT_SEQUENTIAL_TUNING = 5000

function srmCheck(input: AnalyzeExperimentInput, threshold: number): SrmCheck {
  const observed = input.variants.map((v) => v.units)
  const r = srmTest({ observed, weights: input.variants.map((v) => v.weight) })
  return {
    observed,
    expected: r.expectedCounts,
    chi2: r.chi2,
    pValue: r.pValue,
    threshold,
    mismatch: r.pValue !== null && r.pValue < threshold,
  }
}

function recommend(
  srm: SrmCheck,
  primary: MetricResult | undefined,
  controlKey: string | null,
  decision: 'sequential' | 'fixed',
): Recommendation {
  const metricKey = primary?.key ?? null
  if (srm.mismatch) {
    return {
      status: 'srm',
      message: `Sample ratio mismatch (p = ${srm.pValue?.toPrecision(2) ?? '?'}): units are not split as configured, so results are not trustworthy. Check assignment and exposure logging.`,
      metricKey,
      significantVariants: [],
    }
  }
  if (controlKey === null) {
    return { status: 'keep_running', message: 'No control variant: nothing to compare against.', metricKey, significantVariants: [] }
  }
  if (!primary) {
    return { status: 'keep_running', message: 'No metrics to analyse.', metricKey, significantVariants: [] }
  }
  const significantVariants = primary.variants
    .filter((v) => v.significant && v.absoluteLift !== null && v.absoluteLift !== 0)
    .map((v): SignificantVariant => {
      const up = (v.absoluteLift ?? 0) > 0
      return { variantKey: v.variantKey, direction: up === primary.higherIsBetter ? 'better' : 'worse' }
    })
  if (significantVariants.length === 0) {
    return {
      status: 'keep_running',
      message: `No significant difference on ${primary.key} yet: keep the experiment running.`,
      metricKey,
      significantVariants,
    }
  }
  const list = significantVariants.map((v) => `${v.variantKey} (${v.direction})`).join(', ')
  return {
    status: 'significant',
    message: `Significant on ${primary.key} (${decision === 'sequential' ? 'always-valid' : 'fixed-horizon'} test): ${list}.`,
    metricKey,
    significantVariants,
  }
}

/**
 * Analyses an experiment from per-variant aggregates: for every metric and variant the sample size,
 * conversions, rate or mean, variance and interval, and against control the p-value, absolute and relative
 * lift with intervals, power, chance to beat control and an always-valid sequential p-value; then the
 * sample ratio mismatch check and a recommendation.
 *
 * Pure and total: bad or missing data (no traffic, zero conversions, 100%, n < 2, zero variance) gives
 * `null` fields, never `NaN` or an exception. Invalid options fall back to their defaults.
 *
 * @example
 * ```ts
 * const analysis = analyzeExperiment({
 *   variants: [
 *     { key: 'control', weight: 50, units: 10_000 },
 *     { key: 'new-checkout', weight: 50, units: 10_050 },
 *   ],
 *   metrics: [
 *     { key: 'purchase', kind: 'conversion', variants: { control: { converters: 1000 }, 'new-checkout': { converters: 1150 } } },
 *     { key: 'revenue', kind: 'revenue', variants: { control: { sum: 52_000, sumSquares: 9.1e6 }, 'new-checkout': { sum: 55_000, sumSquares: 9.8e6 } } },
 *   ],
 * })
 * analysis.recommendation.status // 'significant' | 'keep_running' | 'srm'
 * ```
 */
export function analyzeExperiment(input: AnalyzeExperimentInput): ExperimentAnalysis {
  const options = input.options ?? {}
  const alpha = options.alpha !== undefined && isValidAlpha(options.alpha) ? options.alpha : DEFAULT_ALPHA
  const srmThreshold =
    options.srmThreshold !== undefined && isValidAlpha(options.srmThreshold) ? options.srmThreshold : SRM_THRESHOLD
  const mde =
    options.minimumDetectableEffect !== undefined &&
    Number.isFinite(options.minimumDetectableEffect) &&
    options.minimumDetectableEffect !== 0
      ? options.minimumDetectableEffect
      : DEFAULT_MDE
  const sequentialTuning =
    options.sequentialTuning !== undefined && Number.isFinite(options.sequentialTuning) && options.sequentialTuning > 0
      ? options.sequentialTuning
      : DEFAULT_SEQUENTIAL_TUNING
  const decision = options.decision ?? 'sequential'

  const controlKey = input.controlKey ?? input.variants[0]?.key
  const controlIndex = input.variants.findIndex((v) => v.key === controlKey)
  const metrics = input.metrics.map((metric) => {
    const settings: MetricSettings = {
      alpha,
      mde,
      sequentialTuning,
      decision,
      previous: options.previousSequentialPValues?.[metric.key] ?? {},
    }
    return analyzeMetric(metric, input.variants, controlIndex, settings)
  })
  const srm = srmCheck(input, srmThreshold)
  const primary = input.primaryMetric === undefined ? metrics[0] : metrics.find((m) => m.key === input.primaryMetric)
  const resolvedControl = controlIndex >= 0 ? (input.variants[controlIndex]?.key ?? null) : null
  return {
    controlKey: resolvedControl,
    totalUnits: input.variants.reduce((sum, v) => sum + (Number.isFinite(v.units) && v.units > 0 ? v.units : 0), 0),
    srm,
    metrics,
    recommendation: recommend(srm, primary, resolvedControl, decision),
  }
}
