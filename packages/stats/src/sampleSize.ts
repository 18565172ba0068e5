import { DEFAULT_ALPHA, finiteOrNull, isValidAlpha, phiInverse, zCritical } from './math'

/** Input of {@link sampleSizeTwoProportions}, as in the `sample_size_two_proportions` vectors. */
export interface SampleSizeTwoProportionsInput {
  /** Control conversion rate, in (0, 1). */
  readonly baseline_rate: number
  /** Smallest relative lift worth detecting, e.g. 0.1 for +10%; negative for a drop. */
  readonly mde_relative: number
  /**
   * Two-sided significance level.
   * @default 0.05
   */
  readonly alpha?: number
  /**
   * Probability of detecting the MDE.
   * @default 0.8
   */
  readonly power?: number
  /** Only equal allocation is supported. @default 'equal' */
  readonly allocation?: 'equal'
}

/** Result of {@link sampleSizeTwoProportions}. Every field is `null` when the input is invalid. */
export interface SampleSizeTwoProportionsResult {
  /** `baseline * (1 + mde_relative)`. */
  readonly treatmentRate: number | null
  /** `treatmentRate - baseline`. */
  readonly mdeAbsolute: number | null
  /** `z_{1 - alpha/2}`. */
  readonly zAlpha2: number | null
  /** `z_{power}`. */
  readonly zBeta: number | null
  /** Units per arm before rounding up. */
  readonly nPerArmRaw: number | null
  /** Units per arm, rounded up. */
  readonly nPerArm: number | null
  /** `2 * nPerArm`. */
  readonly nTotal: number | null
  /** Textbook variant using the unpooled SE in both terms (informational). */
  readonly altUnpooledNPerArmRaw: number | null
  /** `altUnpooledNPerArmRaw` rounded up. */
  readonly altUnpooledNPerArm: number | null
}

/**
 * Ceil that ignores floating-point dust: 13495.000000000002 units per arm means 13495, not 13496.
 * The relative slack (1e-9) is far below any meaningful difference in sample size.
 */
function ceilCount(x: number): number {
  return Math.ceil(x * (1 - 1e-12) - 1e-9)
}

/**
 * Units per arm for a two-sided pooled two-proportion z-test to detect `mde_relative` with the given power
 * (R's `power.prop.test`, statsmodels' `samplesize_proportions_2indep_onetail`). Equal allocation.
 */
export function sampleSizeTwoProportions(input: SampleSizeTwoProportionsInput): SampleSizeTwoProportionsResult {
  const alpha = input.alpha ?? DEFAULT_ALPHA
  const power = input.power ?? 0.8
  const p1 = input.baseline_rate
  const p2 = p1 * (1 + input.mde_relative)
  const valid =
    isValidAlpha(alpha) &&
    Number.isFinite(power) &&
    power > 0 &&
    power < 1 &&
    Number.isFinite(p1) &&
    p1 > 0 &&
    p1 < 1 &&
    Number.isFinite(p2) &&
    p2 >= 0 &&
    p2 <= 1 &&
    p2 !== p1 &&
    (input.allocation === undefined || input.allocation === 'equal')
  if (!valid) {
    return {
      treatmentRate: null,
      mdeAbsolute: null,
      zAlpha2: null,
      zBeta: null,
      nPerArmRaw: null,
      nPerArm: null,
      nTotal: null,
      altUnpooledNPerArmRaw: null,
      altUnpooledNPerArm: null,
    }
  }
  const za = zCritical(alpha)
  const zb = phiInverse(power)
  const pbar = (p1 + p2) / 2
  const delta2 = (p2 - p1) ** 2
  const altVariance = p1 * (1 - p1) + p2 * (1 - p2)
  const raw = finiteOrNull((za * Math.sqrt(2 * pbar * (1 - pbar)) + zb * Math.sqrt(altVariance)) ** 2 / delta2)
  const altRaw = finiteOrNull(((za + zb) ** 2 * altVariance) / delta2)
  const nPerArm = raw === null ? null : ceilCount(raw)
  return {
    treatmentRate: p2,
    mdeAbsolute: p2 - p1,
    zAlpha2: za,
    zBeta: zb,
    nPerArmRaw: raw,
    nPerArm,
    nTotal: nPerArm === null ? null : 2 * nPerArm,
    altUnpooledNPerArmRaw: altRaw,
    altUnpooledNPerArm: altRaw === null ? null : ceilCount(altRaw),
  }
}
