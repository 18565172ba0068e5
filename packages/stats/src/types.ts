/**
 * Shared input and output shapes of the `@vexil/stats` functions.
 *
 * Inputs keep the field names of `shared/vectors/stats.json`; outputs are the vectors' expected fields in
 * camelCase (SPEC §8). `null` always means "undefined for this input" (for example a relative lift when
 * the control rate is 0); no function returns `NaN` or throws for bad data.
 */

/** A closed interval `[lower, upper]`. */
export type Interval = readonly [lower: number, upper: number]

/** One arm of a binary (converted or not) metric. */
export interface BinomialArm {
  /** Units exposed to the arm. */
  readonly n: number
  /** Units that converted at least once, `0 <= conversions <= n`. */
  readonly conversions: number
}

/** One arm of a continuous metric, as summary statistics. */
export interface SummaryArm {
  /** Units exposed to the arm. */
  readonly n: number
  /** Sample mean of the value per unit. */
  readonly mean: number
  /** Unbiased sample variance (denominator `n - 1`). */
  readonly variance: number
}

/** Either kind of arm; conversions are treated as a mean of 0/1 values with variance `p(1 - p)`. */
export type Arm = BinomialArm | SummaryArm

/** A Beta distribution's shape parameters. */
export interface BetaParameters {
  /** Prior successes plus one, or posterior successes plus the prior's alpha. */
  readonly alpha: number
  /** Prior failures plus one, or posterior failures plus the prior's beta. */
  readonly beta: number
}
