import { DEFAULT_ALPHA, armMoments, finiteOrNull, isValidAlpha, symmetricInterval, zCritical } from './math'
import type { Arm, Interval } from './types'

/** One look at the data: cumulative totals per arm at that moment. */
export interface MsprtLook {
  /** `{ n, conversions }` for a conversion metric, `{ n, mean, variance }` for a continuous one. */
  readonly control: Arm
  /** Same shape as `control`. */
  readonly treatment: Arm
}

/** Input of {@link msprt}, as in the `msprt_normal` vectors. */
export interface MsprtInput {
  /** Variance of the normal mixing distribution, on the scale of the absolute difference. */
  readonly tau2: number
  /**
   * Difference of means under H0.
   * @default 0
   */
  readonly theta0?: number
  /**
   * Significance level of the always-valid test and intervals.
   * @default 0.05
   */
  readonly alpha?: number
  /** Looks in time order; each holds cumulative data, not increments. */
  readonly looks: readonly MsprtLook[]
}

/** The test's state after one look. Fields are `null` when that look's data is unusable. */
export interface MsprtLookResult {
  /** `m_T - m_C`. */
  readonly absDiff: number | null
  /** Variance of `absDiff`: `v_T/n_T + v_C/n_C` (conversions use `p(1 - p)`). */
  readonly V: number | null
  /** Log of the mixture likelihood ratio. */
  readonly logLambda: number | null
  /** The mixture likelihood ratio; `null` when it overflows a double (use `logLambda`). */
  readonly lambda: number | null
  /** `min(1, 1/lambda)`. */
  readonly pValueThisLook: number | null
  /** Running minimum of `pValueThisLook` over this and all earlier looks: safe to peek at. */
  readonly pValueAlwaysValid: number | null
  /** Always-valid interval of `absDiff` at level `1 - alpha` (this look only, not intersected with earlier ones). */
  readonly ci95AlwaysValidAbsDiff: Interval | null
  /** The ordinary normal interval of `absDiff`, to show how much wider the always-valid one is. */
  readonly fixedHorizonCi95ForComparison: Interval | null
}

/** Result of {@link msprt}: one entry per look, same order. */
export interface MsprtResult {
  /** Per-look results, input order. */
  readonly looks: readonly MsprtLookResult[]
}

/**
 * The mSPRT statistic at one look, from the estimate `d`, its variance `V` and the mixing variance `tau2`.
 * Log space throughout: `Lambda` overflows for large z long before the p-value stops being meaningful.
 * @internal
 */
export function mixtureSprt(
  d: number,
  V: number,
  tau2: number,
  theta0: number,
  alpha: number,
): { logLambda: number; pValue: number; ci: Interval | null } | null {
  if (!(V > 0) || !(tau2 > 0) || !Number.isFinite(d) || !Number.isFinite(V)) return null
  const logLambda = 0.5 * Math.log(V / (V + tau2)) + (tau2 * (d - theta0) ** 2) / (2 * V * (V + tau2))
  if (!Number.isFinite(logLambda)) return null
  const pValue = Math.min(1, Math.exp(-logLambda))
  const halfWidth = Math.sqrt(((V * (V + tau2)) / tau2) * (-2 * Math.log(alpha) + Math.log((V + tau2) / V)))
  return { logLambda, pValue, ci: symmetricInterval(d, halfWidth) }
}

/**
 * Always-valid sequential test of the difference in means (normal-mixture mSPRT, Johari et al. 2017): the
 * p-value and interval stay valid however often the results are looked at, unlike a fixed-horizon test.
 *
 * Feed every look so far; the always-valid p-value is the running minimum. A look with unusable data
 * (an empty arm, zero variance) has `null` fields and leaves the running minimum unchanged.
 */
export function msprt(input: MsprtInput): MsprtResult {
  const alpha = input.alpha ?? DEFAULT_ALPHA
  const theta0 = input.theta0 ?? 0
  const usable = isValidAlpha(alpha) && Number.isFinite(theta0) && Number.isFinite(input.tau2) && input.tau2 > 0
  let running = 1
  const looks = input.looks.map((look): MsprtLookResult => {
    const c = armMoments(look.control)
    const t = armMoments(look.treatment)
    const d = c && t ? t.mean - c.mean : null
    const V = c && t ? finiteOrNull(t.variance / t.n + c.variance / c.n) : null
    const stat = usable && d !== null && V !== null ? mixtureSprt(d, V, input.tau2, theta0, alpha) : null
    if (stat) running = Math.min(running, stat.pValue)
    return {
      absDiff: d,
      V,
      logLambda: stat ? stat.logLambda : null,
      lambda: stat ? finiteOrNull(Math.exp(stat.logLambda)) : null,
      pValueThisLook: stat ? stat.pValue : null,
      pValueAlwaysValid: stat ? running : null,
      ci95AlwaysValidAbsDiff: stat ? stat.ci : null,
      fixedHorizonCi95ForComparison:
        d !== null && V !== null && isValidAlpha(alpha) ? symmetricInterval(d, zCritical(alpha) * Math.sqrt(V)) : null,
    }
  })
  return { looks }
}
