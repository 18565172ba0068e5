/** Number formats of the results page: fixed locale, so the server's output is stable. */
import type { MetricKind } from '@vexil/stats'

const en = 'en-US'

/** A rate as a percentage, a mean as a number (revenue with a euro sign). */
export function formatMean(value: number | null, kind: MetricKind): string {
  if (value === null) return '–'
  if (kind === 'conversion') return `${(value * 100).toLocaleString(en, { maximumFractionDigits: 2 })}%`
  if (kind === 'revenue') return `€${value.toLocaleString(en, { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`
  return value.toLocaleString(en, { maximumFractionDigits: 3 })
}

/** A relative lift with its sign: `+12.3%`. */
export function formatLift(value: number | null): string {
  if (value === null) return '–'
  const pct = (value * 100).toLocaleString(en, { maximumFractionDigits: 1 })
  return value > 0 ? `+${pct}%` : `${pct}%`
}

/** A p-value the way statisticians write it: small ones as `< 0.001`. */
export function formatP(value: number | null): string {
  if (value === null) return '–'
  return value < 0.001 ? '< 0.001' : value.toFixed(3)
}

/** `p = 0.042` or `p < 0.001`, for prose. */
export function formatPEquals(value: number | null): string {
  if (value === null) return 'p = –'
  return value < 0.001 ? 'p < 0.001' : `p = ${value.toFixed(3)}`
}

export function formatPercent(value: number | null): string {
  return value === null ? '–' : `${(value * 100).toLocaleString(en, { maximumFractionDigits: 1 })}%`
}

export function formatCount(value: number): string {
  return value.toLocaleString(en)
}
