import { DEFAULT_ALPHA, finiteOrNull, isValidAlpha, isValidBinomialArm, normalPValue, symmetricInterval, zCritical } from './math'
import type { BinomialArm, Interval } from './types'

/** Input of {@link twoProportionTest}, as in the `two_proportion_ztest` vectors. */
export interface TwoProportionTestInput {
  /** Control arm: units and converters. */
  readonly control: BinomialArm
  /** Treatment arm: units and converters. */
  readonly treatment: BinomialArm
  /**
   * Two-sided significance level; the `ci95*` intervals are at level `1 - alpha`.
   * @default 0.05
   */
  readonly alpha?: number
}

/** Result of {@link twoProportionTest}. Differences are treatment − control. */
export interface TwoProportionTestResult {
  /** `x_C / n_C`. */
  readonly controlRate: number | null
  /** `x_T / n_T`. */
  readonly treatmentRate: number | null
  /** `p_T - p_C`. */
  readonly absDiff: number | null
  /** `(p_T - p_C) / p_C`; `null` when the control rate is 0. */
  readonly relLift: number | null
  /** Conversions over units of both arms together. */
  readonly pooledRate: number | null
  /** Standard error of the difference under H0 (pooled rate). */
  readonly sePooled: number | null
  /** `absDiff / sePooled`; 0 when `sePooled` is 0 (both arms at 0% or both at 100%). */
  readonly z: number | null
  /** Two-sided p-value of the pooled z-test; 1 when `sePooled` is 0. */
  readonly pValueTwoSided: number | null
  /** Standard error of the difference without pooling (for the interval). */
  readonly seUnpooled: number | null
  /** Wald interval of `absDiff` from the unpooled standard error, no continuity correction. */
  readonly ci95AbsDiff: Interval | null
  /** Delta-method standard error of `relLift`; `null` when the control rate is 0. */
  readonly seRelLiftDelta: number | null
  /** Delta-method interval of `relLift`; `null` when the control rate is 0. */
  readonly ci95RelLiftDelta: Interval | null
}

const UNDEFINED_RESULT: TwoProportionTestResult = {
  controlRate: null,
  treatmentRate: null,
  absDiff: null,
  relLift: null,
  pooledRate: null,
  sePooled: null,
  z: null,
  pValueTwoSided: null,
  seUnpooled: null,
  ci95AbsDiff: null,
  seRelLiftDelta: null,
  ci95RelLiftDelta: null,
}

/**
 * Two-proportion z-test of treatment against control: pooled-SE p-value, unpooled Wald interval of the
 * absolute difference and delta-method interval of the relative lift.
 *
 * The p-value and the interval use different standard errors on purpose (they match statsmodels and
 * GrowthBook respectively), so at the margin `p < alpha` can coexist with an interval touching 0.
 * An arm with no units, or inconsistent counts, gives a result with every field `null`.
 */
export function twoProportionTest(input: TwoProportionTestInput): TwoProportionTestResult {
  const { control, treatment } = input
  const alpha = input.alpha ?? DEFAULT_ALPHA
  if (!isValidBinomialArm(control) || !isValidBinomialArm(treatment) || !isValidAlpha(alpha)) {
    return UNDEFINED_RESULT
  }
  const nC = control.n
  const nT = treatment.n
  const pC = control.conversions / nC
  const pT = treatment.conversions / nT
  const absDiff = pT - pC
  const pooledRate = (control.conversions + treatment.conversions) / (nC + nT)
  const sePooled = Math.sqrt(pooledRate * (1 - pooledRate) * (1 / nC + 1 / nT))
  // Zero pooled SE means both arms sit at 0% or both at 100%: no evidence of a difference at all.
  const z = sePooled > 0 ? absDiff / sePooled : 0
  const pValueTwoSided = sePooled > 0 ? normalPValue(z) : 1
  const zc = zCritical(alpha)
  const seUnpooled = Math.sqrt((pC * (1 - pC)) / nC + (pT * (1 - pT)) / nT)

  let relLift: number | null = null
  let seRelLiftDelta: number | null = null
  let ci95RelLiftDelta: Interval | null = null
  if (pC > 0) {
    relLift = absDiff / pC
    seRelLiftDelta = finiteOrNull(
      Math.sqrt((pT * (1 - pT)) / (nT * pC * pC) + (pC * (1 - pC) * pT * pT) / (nC * pC ** 4)),
    )
    ci95RelLiftDelta = seRelLiftDelta === null ? null : symmetricInterval(relLift, zc * seRelLiftDelta)
  }

  return {
    controlRate: pC,
    treatmentRate: pT,
    absDiff,
    relLift,
    pooledRate,
    sePooled,
    z,
    pValueTwoSided,
    seUnpooled,
    ci95AbsDiff: symmetricInterval(absDiff, zc * seUnpooled),
    seRelLiftDelta,
    ci95RelLiftDelta,
  }
}
