import tCdf from '@stdlib/stats-base-dists-t-cdf'
import tQuantile from '@stdlib/stats-base-dists-t-quantile'
import { DEFAULT_ALPHA, clampProbability, finiteOrNull, isValidAlpha, isValidSummaryArm, symmetricInterval } from './math'
import type { Interval, SummaryArm } from './types'

/** Input of {@link welchTTest}, as in the `welch_ttest` vectors. */
export interface WelchTTestInput {
  /** Control arm: n, mean, unbiased variance. */
  readonly control: SummaryArm
  /** Treatment arm: n, mean, unbiased variance. */
  readonly treatment: SummaryArm
  /**
   * Two-sided significance level; the `ci95*` intervals and `tCrit975` are at level `1 - alpha`.
   * @default 0.05
   */
  readonly alpha?: number
}

/** Result of {@link welchTTest}. Differences are treatment − control. */
export interface WelchTTestResult {
  /** `m_T - m_C`. */
  readonly absDiff: number | null
  /** `(m_T - m_C) / m_C`; `null` when the control mean is 0. */
  readonly relLift: number | null
  /** `sqrt(v_T/n_T + v_C/n_C)`; `null` unless both arms have `n >= 2`. */
  readonly se: number | null
  /** `absDiff / se`; `null` when `se` is 0 or undefined. */
  readonly t: number | null
  /** Welch–Satterthwaite degrees of freedom (not rounded). */
  readonly df: number | null
  /** Two-sided p-value from Student's t at `df`. */
  readonly pValueTwoSided: number | null
  /** The `1 - alpha/2` quantile of Student's t at `df`. */
  readonly tCrit975: number | null
  /** `absDiff -/+ tCrit975 * se`. */
  readonly ci95AbsDiff: Interval | null
  /** Delta-method standard error of `relLift`. */
  readonly seRelLiftDelta: number | null
  /** `relLift -/+ tCrit975 * seRelLiftDelta` (GrowthBook's relative TwoSidedTTest). */
  readonly ci95RelLiftDelta: Interval | null
}

/**
 * Welch's unequal-variance t-test from summary statistics (n, mean, unbiased variance per arm).
 *
 * The test needs `n >= 2` in both arms and a positive standard error; otherwise only the point estimates
 * are returned and everything else is `null`. Invalid arms (non-finite fields, `n <= 0`, negative
 * variance) give every field `null`.
 */
export function welchTTest(input: WelchTTestInput): WelchTTestResult {
  const { control: c, treatment: tr } = input
  const alpha = input.alpha ?? DEFAULT_ALPHA
  if (!isValidSummaryArm(c) || !isValidSummaryArm(tr) || !isValidAlpha(alpha)) {
    return {
      absDiff: null,
      relLift: null,
      se: null,
      t: null,
      df: null,
      pValueTwoSided: null,
      tCrit975: null,
      ci95AbsDiff: null,
      seRelLiftDelta: null,
      ci95RelLiftDelta: null,
    }
  }
  const absDiff = tr.mean - c.mean
  const relLift = c.mean !== 0 ? finiteOrNull(absDiff / c.mean) : null
  const enough = c.n >= 2 && tr.n >= 2
  const qC = c.variance / c.n
  const qT = tr.variance / tr.n
  const se = enough ? finiteOrNull(Math.sqrt(qC + qT)) : null
  const defined = se !== null && se > 0
  const df = defined ? finiteOrNull((qC + qT) ** 2 / (qT ** 2 / (tr.n - 1) + qC ** 2 / (c.n - 1))) : null
  const t = defined ? finiteOrNull(absDiff / se) : null
  // Lower tail times two, by symmetry: `1 - cdf` would lose the digits of small p-values.
  const pValueTwoSided = t !== null && df !== null ? finiteOrNull(clampProbability(2 * tCdf(-Math.abs(t), df))) : null
  const tCrit975 = df !== null ? finiteOrNull(tQuantile(1 - alpha / 2, df)) : null
  const seRelLiftDelta =
    enough && c.mean !== 0
      ? finiteOrNull(Math.sqrt(tr.variance / (tr.n * c.mean ** 2) + (c.variance * tr.mean ** 2) / (c.n * c.mean ** 4)))
      : null
  return {
    absDiff,
    relLift,
    se,
    t,
    df,
    pValueTwoSided,
    tCrit975,
    ci95AbsDiff: se !== null && tCrit975 !== null ? symmetricInterval(absDiff, tCrit975 * se) : null,
    seRelLiftDelta,
    ci95RelLiftDelta:
      relLift !== null && seRelLiftDelta !== null && tCrit975 !== null
        ? symmetricInterval(relLift, tCrit975 * seRelLiftDelta)
        : null,
  }
}
