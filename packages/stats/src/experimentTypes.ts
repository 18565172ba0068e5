/**
 * Input and output shapes of {@link analyzeExperiment}: aggregates in (what one SQL `GROUP BY variant`
 * returns), chart-ready results out. All fields are plain JSON; `null` means "undefined for this data".
 */
import type { Interval } from './types'

/** One variant's exposure count and intended share of traffic. */
export interface VariantExposure {
  /** The variation key, as in the flag's split. */
  readonly key: string
  /** Intended share of traffic, on any positive scale (`50`/`50` and `0.5`/`0.5` are the same). Must be > 0. */
  readonly weight: number
  /** Distinct units (users, devices…) exposed to the variant: the denominator of every metric. */
  readonly units: number
}

/** Aggregates of a conversion metric for one variant. */
export interface ConversionAggregate {
  /** Exposed units that converted at least once. */
  readonly converters: number
}

/** Aggregates of a continuous metric (revenue, count) for one variant, summed per unit first. */
export interface ValueAggregate {
  /** Sum over exposed units of each unit's value (units without events contribute 0). */
  readonly sum: number
  /** Sum over exposed units of each unit's value squared. */
  readonly sumSquares: number
  /** Units with a non-zero value, shown as `conversions` when given. */
  readonly converters?: number
}

/** Fields every metric has. */
interface MetricInputBase {
  /** Metric key, echoed in the results. */
  readonly key: string
  /**
   * Whether an increase is good news; decides the `direction` of a significant result.
   * @default true
   */
  readonly higherIsBetter?: boolean
}

/** A binary metric: did the unit convert. Analysed with the two-proportion z-test. */
export interface ConversionMetricInput extends MetricInputBase {
  /** Discriminant: a binary metric. */
  readonly kind: 'conversion'
  /** Aggregates by variant key. A variant left out had no converters. */
  readonly variants: Readonly<Record<string, ConversionAggregate>>
}

/** A continuous metric: mean value per exposed unit. Analysed with Welch's t-test. */
export interface ValueMetricInput extends MetricInputBase {
  /** `revenue` and `count` are analysed the same way; the kind is echoed for formatting. */
  readonly kind: 'revenue' | 'count'
  /** Aggregates by variant key. A variant left out had no events (sum 0). */
  readonly variants: Readonly<Record<string, ValueAggregate>>
}

/** One metric's aggregates. */
export type MetricInput = ConversionMetricInput | ValueMetricInput

/** The kinds of metric {@link analyzeExperiment} understands. */
export type MetricKind = MetricInput['kind']

/** Tuning of {@link analyzeExperiment}; every field has a default. */
export interface AnalyzeExperimentOptions {
  /**
   * Two-sided significance level; all intervals are at level `1 - alpha`.
   * @default 0.05
   */
  readonly alpha?: number
  /**
   * SRM p-value threshold below which the split is considered broken.
   * @default 0.001
   */
  readonly srmThreshold?: number
  /**
   * Relative effect that `power` is computed for (0.05 = a 5% lift over control).
   * @default 0.05
   */
  readonly minimumDetectableEffect?: number
  /**
   * Total units at which the sequential confidence sequence is tightest (GrowthBook's tuning parameter
   * `N*`); sets the mSPRT mixing variance to `rho^2 * N * V`, which scales with the metric by itself.
   * @default 5000
   */
  readonly sequentialTuning?: number
  /**
   * Always-valid p-values returned by the previous analysis, by metric key then variant key. The
   * sequential p-value is the running minimum over looks, so the caller (which stores results) passes
   * them back; without them each analysis counts as the first look.
   */
  readonly previousSequentialPValues?: Readonly<Record<string, Readonly<Record<string, number>>>>
  /**
   * Which p-value decides `significant`. `'sequential'` stays valid however often the results page is
   * refreshed; `'fixed'` is only valid when the results are read once, at a sample size fixed in advance.
   * @default 'sequential'
   */
  readonly decision?: 'sequential' | 'fixed'
}

/** Input of {@link analyzeExperiment}. */
export interface AnalyzeExperimentInput {
  /** Every variant, control included, with exposures and intended weights. */
  readonly variants: readonly VariantExposure[]
  /**
   * Key of the control variant.
   * @default the first variant
   */
  readonly controlKey?: string
  /** Metrics to analyse, in display order. */
  readonly metrics: readonly MetricInput[]
  /**
   * Metric whose results drive the recommendation.
   * @default the first metric
   */
  readonly primaryMetric?: string
  /** Significance level, SRM threshold, MDE for power, sequential tuning and decision rule. */
  readonly options?: AnalyzeExperimentOptions
}

/** One variant's result on one metric. Comparison fields are `null` for the control itself. */
export interface VariantResult {
  /** The variant's key, as in the input. */
  readonly variantKey: string
  /** Whether this is the control (its comparison fields are then `null` and `significant` false). */
  readonly isControl: boolean
  /** Exposed units. */
  readonly sampleSize: number
  /** Converters (for continuous metrics only when the aggregates give them). */
  readonly conversions: number | null
  /** Conversion rate, or mean value per unit. */
  readonly mean: number | null
  /** Per-unit variance: `p(1 - p)` for conversions, the unbiased sample variance otherwise (`n >= 2`). */
  readonly variance: number | null
  /** Interval of `mean`: Wilson score for rates (sensible at 0% and 100%), Student t for means. */
  readonly ci: Interval | null
  /** Fixed-horizon two-sided p-value against control (pooled z-test or Welch t-test). */
  readonly pValue: number | null
  /** Treatment − control. */
  readonly absoluteLift: number | null
  /** Interval of `absoluteLift`: unpooled Wald for rates, Welch t for means. */
  readonly absoluteLiftCi: Interval | null
  /** (treatment − control) / control; `null` when the control mean is 0. */
  readonly relativeLift: number | null
  /** Delta-method interval of `relativeLift`. */
  readonly relativeLiftCi: Interval | null
  /** Power to detect `minimumDetectableEffect` at the current sample sizes. */
  readonly power: number | null
  /**
   * `P(treatment > control)`: exact Beta–Binomial (uniform priors) for conversions, normal approximation
   * of the difference (flat prior) for continuous metrics.
   */
  readonly chanceToBeatControl: number | null
  /** Always-valid (mSPRT) p-value, the running minimum with `previousSequentialPValues`. */
  readonly sequentialPValue: number | null
  /** Always-valid interval of `absoluteLift` at this look. */
  readonly sequentialCi: Interval | null
  /** Whether the decision p-value (see `options.decision`) is below `alpha`. */
  readonly significant: boolean
}

/** One metric's results, variants in input order (control included). */
export interface MetricResult {
  /** The metric's key, as in the input. */
  readonly key: string
  /** The metric's kind, as in the input. */
  readonly kind: MetricKind
  /** As in the input, defaulted. */
  readonly higherIsBetter: boolean
  /** One result per input variant, same order. */
  readonly variants: readonly VariantResult[]
}

/** The experiment-level sample ratio mismatch check. */
export interface SrmCheck {
  /** Units per variant, input order. */
  readonly observed: readonly number[]
  /** Units per variant the weights predict. */
  readonly expected: readonly number[] | null
  /** Pearson's chi-square statistic; `null` when the weights are unusable (a weight <= 0, one variant). */
  readonly chi2: number | null
  /** Goodness-of-fit p-value; 1 with no traffic. */
  readonly pValue: number | null
  /** The threshold used (`options.srmThreshold`). */
  readonly threshold: number
  /** `pValue < threshold`: assignment or logging is broken and no result should be trusted. */
  readonly mismatch: boolean
}

/** What to do with the experiment. */
export type RecommendationStatus = 'keep_running' | 'significant' | 'srm'

/** A variant that differs significantly from control on the primary metric. */
export interface SignificantVariant {
  /** The variant's key. */
  readonly variantKey: string
  /** `better` when the change goes the metric's good way (see `higherIsBetter`). */
  readonly direction: 'better' | 'worse'
}

/** The experiment-level verdict. */
export interface Recommendation {
  /**
   * `srm`: the split is broken, results are not trustworthy; `significant`: some variant differs from
   * control on the primary metric; `keep_running`: not enough evidence yet.
   */
  readonly status: RecommendationStatus
  /** A one-sentence explanation for people. */
  readonly message: string
  /** The metric the verdict is about; `null` when there are no metrics. */
  readonly metricKey: string | null
  /** Empty unless `status` is `significant`. */
  readonly significantVariants: readonly SignificantVariant[]
}

/** Result of {@link analyzeExperiment}. */
export interface ExperimentAnalysis {
  /** The control variant; `null` when `controlKey` names no variant (comparisons are then all `null`). */
  readonly controlKey: string | null
  /** Sum of exposed units over variants. */
  readonly totalUnits: number
  /** Whether traffic is split as configured. */
  readonly srm: SrmCheck
  /** One result per input metric, same order. */
  readonly metrics: readonly MetricResult[]
  /** What to do next, driven by the SRM check and the primary metric. */
  readonly recommendation: Recommendation
}
