import chisquareCdf from '@stdlib/stats-base-dists-chisquare-cdf'
import { clampProbability, finiteOrNull } from './math'

/** The p-value below which a sample ratio mismatch is flagged (GrowthBook's and Eppo's default). */
export const SRM_THRESHOLD = 0.001

/** Input of {@link srmTest}, as in the `srm_chisq` vectors. */
export interface SrmTestInput {
  /** Units observed per arm. */
  readonly observed: readonly number[]
  /** Intended split per arm, same order; any positive scale (normalised by their sum). */
  readonly weights: readonly number[]
}

/** Result of {@link srmTest}. Every field is `null` when the input is invalid. */
export interface SrmTestResult {
  /** `N * w_i / sum(w)` per arm. */
  readonly expectedCounts: readonly number[] | null
  /** Pearson's chi-square statistic; 0 when there is no traffic. */
  readonly chi2: number | null
  /** `k - 1`. */
  readonly df: number | null
  /** Upper-tail chi-square p-value; 1 when there is no traffic. */
  readonly pValue: number | null
  /** Whether `pValue < 0.001`: the split is broken and the experiment's results should not be trusted. */
  readonly srmAt0001: boolean | null
}

/**
 * Sample ratio mismatch check: chi-square goodness of fit of the observed units per arm against the
 * intended weights. Needs at least two arms, equal lengths, weights > 0 and counts >= 0.
 */
export function srmTest(input: SrmTestInput): SrmTestResult {
  const { observed, weights } = input
  const k = observed.length
  const valid =
    k >= 2 &&
    weights.length === k &&
    observed.every((o) => Number.isFinite(o) && o >= 0) &&
    weights.every((w) => Number.isFinite(w) && w > 0)
  if (!valid) return { expectedCounts: null, chi2: null, df: null, pValue: null, srmAt0001: null }

  const total = observed.reduce((a, b) => a + b, 0)
  const weightSum = weights.reduce((a, b) => a + b, 0)
  const expectedCounts = weights.map((w) => (total * w) / weightSum)
  if (total === 0) {
    // No traffic is not evidence of a mismatch (GrowthBook's check_srm convention).
    return { expectedCounts, chi2: 0, df: k - 1, pValue: 1, srmAt0001: false }
  }
  let chi2 = 0
  for (let i = 0; i < k; i++) {
    const e = expectedCounts[i] ?? 0
    const o = observed[i] ?? 0
    chi2 += ((o - e) * (o - e)) / e
  }
  const pValue = finiteOrNull(clampProbability(1 - chisquareCdf(chi2, k - 1)))
  return { expectedCounts, chi2, df: k - 1, pValue, srmAt0001: pValue === null ? null : pValue < SRM_THRESHOLD }
}
