import { DEFAULT_ALPHA, clampProbability, finiteOrNull, isValidAlpha, phi, zCritical } from './math'

/** Input of {@link powerTwoProportions}, as in the `power_two_proportions` vectors. */
export interface PowerTwoProportionsInput {
  /** Control conversion rate, in (0, 1). */
  readonly baseline_rate: number
  /** Relative lift to detect, e.g. 0.1 for +10%. */
  readonly mde_relative: number
  /** Units in each arm. */
  readonly n_per_arm: number
  /**
   * Two-sided significance level.
   * @default 0.05
   */
  readonly alpha?: number
}

/** Result of {@link powerTwoProportions}. */
export interface PowerTwoProportionsResult {
  /** Probability of rejecting H0 in the direction of the effect (inverse of the sample-size formula). */
  readonly power: number | null
  /** `power` plus the small probability of rejecting in the wrong direction (statsmodels' two-sided power). */
  readonly powerStrictTwoTailed: number | null
}

/**
 * Power of the pooled two-proportion z-test for arms of any sizes, with the null SE from the size-weighted
 * pooled rate. With equal arms this is exactly the vectors' formula; `analyzeExperiment` uses the
 * unequal form for lopsided splits.
 * @internal
 */
export function twoProportionPower(
  p1: number,
  p2: number,
  n1: number,
  n2: number,
  alpha: number,
): PowerTwoProportionsResult {
  if (
    !isValidAlpha(alpha) ||
    ![p1, p2, n1, n2].every(Number.isFinite) ||
    p1 < 0 ||
    p1 > 1 ||
    p2 < 0 ||
    p2 > 1 ||
    n1 <= 0 ||
    n2 <= 0
  ) {
    return { power: null, powerStrictTwoTailed: null }
  }
  const pbar = (n1 * p1 + n2 * p2) / (n1 + n2)
  const se0 = Math.sqrt(pbar * (1 - pbar) * (1 / n1 + 1 / n2))
  const se1 = Math.sqrt((p1 * (1 - p1)) / n1 + (p2 * (1 - p2)) / n2)
  const delta = Math.abs(p2 - p1)
  // With no spread under the alternative the test outcome is certain: it rejects iff there is an effect.
  if (se1 === 0) {
    const certain = delta > 0 ? 1 : 0
    return { power: certain, powerStrictTwoTailed: certain }
  }
  const zc = zCritical(alpha)
  const power = phi((delta - zc * se0) / se1)
  const wrongWay = phi((-delta - zc * se0) / se1)
  return {
    power: finiteOrNull(clampProbability(power)),
    powerStrictTwoTailed: finiteOrNull(clampProbability(power + wrongWay)),
  }
}

/**
 * Power of the two-sided pooled two-proportion z-test with `n_per_arm` units per arm to detect a relative
 * lift of `mde_relative` over `baseline_rate`.
 */
export function powerTwoProportions(input: PowerTwoProportionsInput): PowerTwoProportionsResult {
  const p1 = input.baseline_rate
  const p2 = p1 * (1 + input.mde_relative)
  return twoProportionPower(p1, p2, input.n_per_arm, input.n_per_arm, input.alpha ?? DEFAULT_ALPHA)
}
