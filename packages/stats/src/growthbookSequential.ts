import { DEFAULT_ALPHA, armMoments, finiteOrNull, isValidAlpha, symmetricInterval, zCritical } from './math'
import type { Arm, Interval } from './types'

/** Input of {@link growthbookSequentialTest}, as in the `growthbook_sequential` vectors. */
export interface GrowthbookSequentialInput {
  /** `{ n, conversions }` or `{ n, mean, variance }`. */
  readonly control: Arm
  /** Same shape as `control`. */
  readonly treatment: Arm
  /**
   * Significance level.
   * @default 0.05
   */
  readonly alpha?: number
  /**
   * The total sample size at which the confidence sequence is tightest (GrowthBook's `sequentialTuningParameter`).
   * @default 5000
   */
  readonly tuning_parameter_N_star?: number
}

/** Result of {@link growthbookSequentialTest}; fields are `null` when undefined (control mean 0, empty arm). */
export interface GrowthbookSequentialResult {
  /** `(m_T - m_C) / m_C`. */
  readonly relLift: number | null
  /** Delta-method standard error of `relLift`. */
  readonly seRelLiftDelta: number | null
  /** `n_C + n_T`. */
  readonly NTotal: number | null
  /** GrowthBook's `rho`, from `N*` and `alpha`. */
  readonly rho: number | null
  /** The mSPRT mixing variance this test is equivalent to: `N rho^2 se^2`. */
  readonly equivalentTau2: number | null
  /** Log of the e-value; the p-value is `min(1, exp(-logEValue))`. */
  readonly logEValue: number | null
  /** Always-valid p-value: `min(1, 1/e)`. */
  readonly pValueSequential: number | null
  /** Confidence sequence for the relative lift at level `1 - alpha`. */
  readonly ci95SequentialRelLift: Interval | null
  /** The ordinary normal interval of the relative lift, for comparison. */
  readonly fixedHorizonCi95RelLift: Interval | null
}

/**
 * GrowthBook's sequential two-sided test (gbstats `SequentialTwoSidedTTest`, an asymptotic confidence
 * sequence after Waudby-Smith et al.) on the relative lift, for results that should agree with GrowthBook.
 * It is the normal mSPRT with `tau2 = N rho^2 se^2`, so the mixture scales itself to the metric.
 */
export function growthbookSequentialTest(input: GrowthbookSequentialInput): GrowthbookSequentialResult {
  const alpha = input.alpha ?? DEFAULT_ALPHA
  const nStar = input.tuning_parameter_N_star ?? 5000
  const c = armMoments(input.control)
  const t = armMoments(input.treatment)
  const empty: GrowthbookSequentialResult = {
    relLift: null,
    seRelLiftDelta: null,
    NTotal: null,
    rho: null,
    equivalentTau2: null,
    logEValue: null,
    pValueSequential: null,
    ci95SequentialRelLift: null,
    fixedHorizonCi95RelLift: null,
  }
  if (!c || !t || !isValidAlpha(alpha) || !Number.isFinite(nStar) || nStar <= 0) return empty
  const N = c.n + t.n
  const logTerm = -2 * Math.log(alpha)
  const rho = Math.sqrt((logTerm + Math.log(logTerm + 1)) / nStar)
  if (c.mean === 0) return { ...empty, NTotal: N, rho }
  const est = t.mean / c.mean - 1
  const se = finiteOrNull(
    Math.sqrt(t.variance / (t.n * c.mean ** 2) + (c.variance * t.mean ** 2) / (c.n * c.mean ** 4)),
  )
  if (se === null || se === 0) return { ...empty, relLift: est, seRelLiftDelta: se, NTotal: N, rho }
  const s = N * rho * rho + 1
  const halfWidth = Math.sqrt(N * se * se) * Math.sqrt((2 * s * Math.log(Math.sqrt(s) / alpha)) / (N * rho) ** 2)
  const logEValue = (rho * rho * ((est * est * N) / (se * se))) / (2 * s) - 0.5 * Math.log(s)
  return {
    relLift: est,
    seRelLiftDelta: se,
    NTotal: N,
    rho,
    equivalentTau2: N * rho * rho * se * se,
    logEValue,
    pValueSequential: Math.min(1, Math.exp(-logEValue)),
    ci95SequentialRelLift: symmetricInterval(est, halfWidth),
    fixedHorizonCi95RelLift: symmetricInterval(est, zCritical(alpha) * se),
  }
}
