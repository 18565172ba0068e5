// Per-metric half of analyzeExperiment: turns one metric's aggregates into a VariantResult per variant.
import tQuantile from '@stdlib/stats-base-dists-t-quantile'
import { chanceToBeatControl } from './chanceToBeatControl'
import type { MetricInput, MetricResult, VariantExposure, VariantResult } from './experimentTypes'
import { clampProbability, finiteOrNull, phi, symmetricInterval, zCritical } from './math'
import { mixtureSprt } from './msprt'
import { twoProportionPower } from './power'
import { twoProportionTest } from './twoProportionTest'
import type { Interval } from './types'
import { welchTTest } from './welchTTest'

/** Resolved options shared by every metric. @internal */
export interface MetricSettings {
  /** Significance level. */
  readonly alpha: number
  /** Relative effect for `power`. */
  readonly mde: number
  /** GrowthBook's `N*`. */
  readonly sequentialTuning: number
  /** Which p-value decides `significant`. */
  readonly decision: 'sequential' | 'fixed'
  /** Previous always-valid p-values of this metric, by variant key. */
  readonly previous: Readonly<Record<string, number>>
}

/** Per-unit summary of one variant on one metric. */
interface Moments {
  readonly n: number
  readonly conversions: number | null
  readonly mean: number | null
  readonly variance: number | null
}

/** The comparison fields of a {@link VariantResult}, all `null` for the control. */
type Comparison = Pick<
  VariantResult,
  | 'pValue'
  | 'absoluteLift'
  | 'absoluteLiftCi'
  | 'relativeLift'
  | 'relativeLiftCi'
  | 'power'
  | 'chanceToBeatControl'
  | 'sequentialPValue'
  | 'sequentialCi'
  | 'significant'
>

const NO_COMPARISON: Comparison = {
  pValue: null,
  absoluteLift: null,
  absoluteLiftCi: null,
  relativeLift: null,
  relativeLiftCi: null,
  power: null,
  chanceToBeatControl: null,
  sequentialPValue: null,
  sequentialCi: null,
  significant: false,
}

function nonNegativeCount(x: number | undefined): number {
  return x !== undefined && Number.isFinite(x) && x > 0 ? x : 0
}

function moments(metric: MetricInput, variant: VariantExposure): Moments {
  const n = nonNegativeCount(variant.units)
  if (metric.kind === 'conversion') {
    const converters = nonNegativeCount(metric.variants[variant.key]?.converters)
    const p = n > 0 && converters <= n ? converters / n : null
    return { n, conversions: converters, mean: p, variance: p === null ? null : p * (1 - p) }
  }
  const agg = metric.variants[variant.key]
  const sum = agg && Number.isFinite(agg.sum) ? agg.sum : 0
  const sumSquares = agg && Number.isFinite(agg.sumSquares) ? agg.sumSquares : 0
  const conversions = agg?.converters === undefined ? null : nonNegativeCount(agg.converters)
  const mean = n > 0 ? sum / n : null
  // Running sums lose digits to cancellation when the variance is tiny next to the mean; a slightly
  // negative result is that rounding, not data, so it is clamped to 0.
  const variance = n >= 2 ? Math.max(0, (sumSquares - (sum * sum) / n) / (n - 1)) : null
  return { n, conversions, mean, variance }
}

/** Interval of a variant's own rate or mean. */
function meanInterval(metric: MetricInput, m: Moments, alpha: number): Interval | null {
  if (m.mean === null) return null
  if (metric.kind === 'conversion') {
    // Wilson score: unlike Wald it is not a zero-width [0, 0] at 0% and stays inside [0, 1].
    const z = zCritical(alpha)
    const z2n = (z * z) / m.n
    const centre = (m.mean + z2n / 2) / (1 + z2n)
    const half = ((z / (1 + z2n)) * Math.sqrt((m.mean * (1 - m.mean)) / m.n + z2n / (4 * m.n)))
    return [Math.max(0, Math.min(centre - half, m.mean)), Math.min(1, Math.max(centre + half, m.mean))]
  }
  if (m.variance === null || m.n < 2) return null
  return symmetricInterval(m.mean, tQuantile(1 - alpha / 2, m.n - 1) * Math.sqrt(m.variance / m.n))
}

/**
 * Normal-approximation power of a two-sided test to detect `delta` with standard error `se`, counting
 * only rejections in the effect's direction, as `powerTwoProportions` does.
 */
function normalPower(delta: number, se: number, alpha: number): number | null {
  if (!(se > 0)) return null
  return finiteOrNull(clampProbability(phi(Math.abs(delta) / se - zCritical(alpha))))
}

function compare(metric: MetricInput, c: Moments, t: Moments, key: string, s: MetricSettings): Comparison {
  if (c.mean === null || t.mean === null || c.variance === null || t.variance === null) return NO_COMPARISON
  const conversion = metric.kind === 'conversion'
  let fixed: Pick<Comparison, 'pValue' | 'absoluteLift' | 'absoluteLiftCi' | 'relativeLift' | 'relativeLiftCi'>
  let power: number | null
  let ctb: number | null
  if (conversion) {
    const control = { n: c.n, conversions: c.conversions ?? 0 }
    const treatment = { n: t.n, conversions: t.conversions ?? 0 }
    const r = twoProportionTest({ control, treatment, alpha: s.alpha })
    fixed = {
      pValue: r.pValueTwoSided,
      absoluteLift: r.absDiff,
      absoluteLiftCi: r.ci95AbsDiff,
      relativeLift: r.relLift,
      relativeLiftCi: r.ci95RelLiftDelta,
    }
    const target = c.mean * (1 + s.mde)
    // A relative effect on a 0% baseline is no effect at all; beyond 100% it is impossible.
    power = c.mean > 0 && target <= 1 ? twoProportionPower(c.mean, target, c.n, t.n, s.alpha).power : null
    ctb = chanceToBeatControl({ control, treatment }).chanceToBeatControl
  } else {
    const r = welchTTest({
      control: { n: c.n, mean: c.mean, variance: c.variance },
      treatment: { n: t.n, mean: t.mean, variance: t.variance },
      alpha: s.alpha,
    })
    fixed = {
      pValue: r.pValueTwoSided,
      absoluteLift: r.absDiff,
      absoluteLiftCi: r.ci95AbsDiff,
      relativeLift: r.relLift,
      relativeLiftCi: r.ci95RelLiftDelta,
    }
    power = r.se === null || c.mean === 0 ? null : normalPower(s.mde * Math.abs(c.mean), r.se, s.alpha)
    ctb = r.se !== null && r.se > 0 && r.absDiff !== null ? finiteOrNull(phi(r.absDiff / r.se)) : null
  }

  // mSPRT on the absolute difference, mixing variance scaled as GrowthBook does: N * V estimates the
  // per-unit variance, so tau2 = rho^2 * N * V needs no per-metric tuning.
  const V = t.variance / t.n + c.variance / c.n
  const N = c.n + t.n
  const logTerm = -2 * Math.log(s.alpha)
  const rho2 = (logTerm + Math.log(logTerm + 1)) / s.sequentialTuning
  const seq = mixtureSprt(t.mean - c.mean, V, rho2 * N * V, 0, s.alpha)
  const previous = s.previous[key]
  const sequentialPValue =
    seq === null ? null : previous !== undefined && previous >= 0 && previous <= 1 ? Math.min(previous, seq.pValue) : seq.pValue
  const decisive = s.decision === 'sequential' ? sequentialPValue : fixed.pValue
  return {
    ...fixed,
    power,
    chanceToBeatControl: ctb,
    sequentialPValue,
    sequentialCi: seq === null ? null : seq.ci,
    significant: decisive !== null && decisive < s.alpha,
  }
}

/**
 * Results of one metric for every variant. `controlIndex` is `-1` when there is no control, in which case
 * only per-variant summaries are filled in.
 * @internal
 */
export function analyzeMetric(
  metric: MetricInput,
  variants: readonly VariantExposure[],
  controlIndex: number,
  settings: MetricSettings,
): MetricResult {
  const all = variants.map((v) => moments(metric, v))
  const control = all[controlIndex]
  return {
    key: metric.key,
    kind: metric.kind,
    higherIsBetter: metric.higherIsBetter ?? true,
    variants: variants.map((v, i): VariantResult => {
      const m = all[i] ?? { n: 0, conversions: null, mean: null, variance: null }
      const isControl = i === controlIndex
      return {
        variantKey: v.key,
        isControl,
        sampleSize: m.n,
        conversions: m.conversions,
        mean: m.mean,
        variance: m.variance,
        ci: meanInterval(metric, m, settings.alpha),
        ...(isControl || control === undefined ? NO_COMPARISON : compare(metric, control, m, v.key, settings)),
      }
    }),
  }
}
