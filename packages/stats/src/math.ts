// Internal numeric helpers shared by the statistics modules; not part of the public API.
import normalCdf from '@stdlib/stats-base-dists-normal-cdf'
import normalQuantile from '@stdlib/stats-base-dists-normal-quantile'
import type { Arm, BinomialArm, Interval, SummaryArm } from './types'

/** The default two-sided significance level. */
export const DEFAULT_ALPHA = 0.05

/** Standard normal CDF. */
export function phi(x: number): number {
  return normalCdf(x, 0, 1)
}

/** Standard normal quantile. */
export function phiInverse(p: number): number {
  return normalQuantile(p, 0, 1)
}

/** `z_{1 - alpha/2}`, the two-sided critical value. */
export function zCritical(alpha: number): number {
  return phiInverse(1 - alpha / 2)
}

/** Two-sided normal p-value, computed from the lower tail so tiny p-values keep their precision. */
export function normalPValue(z: number): number {
  return clampProbability(2 * phi(-Math.abs(z)))
}

/** Maps anything that is not a finite number to `null`, so `NaN` and `Infinity` never leak out. */
export function finiteOrNull(x: number): number | null {
  return Number.isFinite(x) ? x : null
}

/** `[x - h, x + h]`, or `null` when either bound is not finite. */
export function symmetricInterval(x: number, halfWidth: number): Interval | null {
  const lower = x - halfWidth
  const upper = x + halfWidth
  return Number.isFinite(lower) && Number.isFinite(upper) && halfWidth >= 0 ? [lower, upper] : null
}

/** Clamps into `[0, 1]`: CDF differences can stray a few ulps outside. */
export function clampProbability(p: number): number {
  return Math.min(1, Math.max(0, p))
}

/** Whether `alpha` is a usable significance level. */
export function isValidAlpha(alpha: number): boolean {
  return Number.isFinite(alpha) && alpha > 0 && alpha < 1
}

/** Whether a binomial arm is internally consistent (integers are not required: weighted counts happen). */
export function isValidBinomialArm(arm: BinomialArm): boolean {
  return (
    Number.isFinite(arm.n) &&
    Number.isFinite(arm.conversions) &&
    arm.n > 0 &&
    arm.conversions >= 0 &&
    arm.conversions <= arm.n
  )
}

/** Whether a summary arm has finite fields, `n > 0` and a non-negative variance. */
export function isValidSummaryArm(arm: SummaryArm): boolean {
  return (
    Number.isFinite(arm.n) &&
    Number.isFinite(arm.mean) &&
    Number.isFinite(arm.variance) &&
    arm.n > 0 &&
    arm.variance >= 0
  )
}

/** Narrows an {@link Arm} to the binomial shape. */
export function isBinomialArm(arm: Arm): arm is BinomialArm {
  return 'conversions' in arm
}

/**
 * Mean and per-observation variance of an arm, or `null` when the arm is unusable. Conversions use the
 * MLE variance `p(1 - p)`, as the mSPRT and GrowthBook's proportion statistic do.
 */
export function armMoments(arm: Arm): { n: number; mean: number; variance: number } | null {
  if (isBinomialArm(arm)) {
    if (!isValidBinomialArm(arm)) return null
    const p = arm.conversions / arm.n
    return { n: arm.n, mean: p, variance: p * (1 - p) }
  }
  return isValidSummaryArm(arm) ? { n: arm.n, mean: arm.mean, variance: arm.variance } : null
}
