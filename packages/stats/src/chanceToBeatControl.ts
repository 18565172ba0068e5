import betaCdf from '@stdlib/stats-base-dists-beta-cdf'
import betaln from '@stdlib/math-base-special-betaln'
import { clampProbability, finiteOrNull, isValidBinomialArm } from './math'
import type { BetaParameters, BinomialArm } from './types'

/** Input of {@link chanceToBeatControl}, as in the `bayesian_chance_to_beat_control` vectors. */
export interface ChanceToBeatControlInput {
  /** Control arm; `n = 0` is allowed (its posterior is the prior). */
  readonly control: BinomialArm
  /** Treatment arm; `n = 0` is allowed. */
  readonly treatment: BinomialArm
  /**
   * Beta prior shared by both arms.
   * @default { alpha: 1, beta: 1 }
   */
  readonly prior?: BetaParameters
}

/** Result of {@link chanceToBeatControl}. */
export interface ChanceToBeatControlResult {
  /** `Beta(prior.alpha + x_C, prior.beta + n_C - x_C)`. */
  readonly posteriorControl: BetaParameters | null
  /** `Beta(prior.alpha + x_T, prior.beta + n_T - x_T)`. */
  readonly posteriorTreatment: BetaParameters | null
  /** `P(p_T > p_C)` under the posteriors, unrounded. */
  readonly chanceToBeatControl: number | null
}

// Above this many series terms (about 30 ms) the posteriors are so concentrated that quadrature agrees to
// ~1e-11 in constant time.
const MAX_SERIES_TERMS = 20_000
const QUADRATURE_PANELS = 4000

/**
 * `P(X > Y)` for `X ~ Beta(aX, bX)`, `Y ~ Beta(aY, bY)` with integer `aX`, by the closed-form series
 * (Evan Miller): `sum_{i<aX} B(aY+i, bY+bX) / ((bX+i) B(1+i, bX) B(aY, bY))`, each term in log space.
 */
function seriesProbability(aX: number, bX: number, aY: number, bY: number): number {
  const base = betaln(aY, bY)
  let sum = 0
  for (let i = 0; i < aX; i++) {
    sum += Math.exp(betaln(aY + i, bY + bX) - Math.log(bX + i) - betaln(1 + i, bX) - base)
  }
  return sum
}

/**
 * `P(X > Y) = ∫ f_X(x) F_Y(x) dx` by composite Simpson over the bulk of X (mean ± 12 sd), for shapes
 * where the series is unavailable (non-integer) or too long. Needs `aX, bX >= 1` so the density is bounded.
 */
function quadratureProbability(aX: number, bX: number, aY: number, bY: number): number | null {
  if (aX < 1 || bX < 1) return null
  const mean = aX / (aX + bX)
  const sd = Math.sqrt((aX * bX) / ((aX + bX) ** 2 * (aX + bX + 1)))
  const lo = Math.max(0, mean - 12 * sd)
  const hi = Math.min(1, mean + 12 * sd)
  const logNorm = betaln(aX, bX)
  const integrand = (x: number): number => {
    if (x <= 0 || x >= 1) {
      const density = x <= 0 ? (aX === 1 ? Math.exp(-logNorm) : 0) : bX === 1 ? Math.exp(-logNorm) : 0
      return density * betaCdf(x, aY, bY)
    }
    const logDensity = (aX - 1) * Math.log(x) + (bX - 1) * Math.log1p(-x) - logNorm
    return Math.exp(logDensity) * betaCdf(x, aY, bY)
  }
  const h = (hi - lo) / QUADRATURE_PANELS
  let sum = integrand(lo) + integrand(hi)
  for (let i = 1; i < QUADRATURE_PANELS; i++) sum += (i % 2 === 1 ? 4 : 2) * integrand(lo + i * h)
  return finiteOrNull((sum * h) / 3)
}

/** `P(X > Y)` for independent Beta variables, choosing the cheapest exact method. */
export function probabilityBetaGreater(x: BetaParameters, y: BetaParameters): number | null {
  const xInt = Number.isInteger(x.alpha)
  const yInt = Number.isInteger(y.alpha)
  // P(X > Y) = 1 - P(Y > X) (ties have probability 0), so sum over whichever alpha is smaller.
  const useX = xInt && (!yInt || x.alpha <= y.alpha)
  const terms = useX ? x.alpha : yInt ? y.alpha : Infinity
  let p: number | null
  if (terms <= MAX_SERIES_TERMS) {
    p = useX
      ? seriesProbability(x.alpha, x.beta, y.alpha, y.beta)
      : 1 - seriesProbability(y.alpha, y.beta, x.alpha, x.beta)
  } else {
    p = quadratureProbability(x.alpha, x.beta, y.alpha, y.beta)
  }
  return p === null ? null : finiteOrNull(clampProbability(p))
}

/**
 * Bayesian chance that the treatment's conversion rate beats the control's: `P(p_T > p_C)` with independent
 * Beta priors (uniform by default) updated by the observed conversions. Exact (closed-form series) for
 * integer prior alphas; otherwise by quadrature. Invalid arms or priors give `null` fields.
 *
 * Zero units in an arm is valid here: its posterior is the prior.
 */
export function chanceToBeatControl(input: ChanceToBeatControlInput): ChanceToBeatControlResult {
  const prior = input.prior ?? { alpha: 1, beta: 1 }
  const validArm = (arm: BinomialArm): boolean => arm.n === 0 ? arm.conversions === 0 : isValidBinomialArm(arm)
  const validPrior =
    Number.isFinite(prior.alpha) && Number.isFinite(prior.beta) && prior.alpha > 0 && prior.beta > 0
  if (!validPrior || !validArm(input.control) || !validArm(input.treatment)) {
    return { posteriorControl: null, posteriorTreatment: null, chanceToBeatControl: null }
  }
  const posterior = (arm: BinomialArm): BetaParameters => ({
    alpha: prior.alpha + arm.conversions,
    beta: prior.beta + arm.n - arm.conversions,
  })
  const posteriorControl = posterior(input.control)
  const posteriorTreatment = posterior(input.treatment)
  return {
    posteriorControl,
    posteriorTreatment,
    chanceToBeatControl: probabilityBetaGreater(posteriorTreatment, posteriorControl),
  }
}
