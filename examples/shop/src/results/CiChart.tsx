import type { ReactNode } from 'react'
import type { MetricResult } from '@vexil/stats'
import { formatMean } from './format'

const ROW = 34
const LEFT = 110
const RIGHT = 24
const WIDTH = 640

/** Round-ish tick values across [lo, hi]. */
function ticks(lo: number, hi: number): number[] {
  const span = hi - lo || 1
  const raw = span / 4
  const mag = 10 ** Math.floor(Math.log10(raw))
  const step = [1, 2, 2.5, 5, 10].map((m) => m * mag).find((s) => span / s <= 5) ?? raw
  const out: number[] = []
  for (let t = Math.ceil(lo / step) * step; t <= hi + step * 1e-9; t += step) out.push(Number(t.toPrecision(10)))
  return out
}

/**
 * A forest plot of one metric: per variation, the point estimate and its 95 % interval as a bar,
 * against a dashed line at the control's value. Overlap with the line reads as "not different yet"
 * at a glance, which a table of numbers does not give.
 */
export function CiChart({ metric }: { metric: MetricResult }): ReactNode {
  const rows = metric.variants
  const values = rows.flatMap((v) => [v.ci?.[0], v.ci?.[1], v.mean]).filter((x): x is number => typeof x === 'number' && Number.isFinite(x))
  const lo0 = Math.min(...values, 0)
  const hi0 = Math.max(...values, metric.kind === 'conversion' ? 0.01 : 1)
  const pad = (hi0 - lo0) * 0.08
  // Rates, revenue and counts are never negative: an interval reaching below 0 (small samples) is cut there.
  const lo = Math.max(0, lo0 - pad)
  const hi = hi0 + pad
  const axis = ticks(lo, hi)
  const x = (v: number): number => LEFT + ((Math.min(hi, Math.max(lo, v)) - lo) / (hi - lo || 1)) * (WIDTH - LEFT - RIGHT)
  const height = rows.length * ROW + 34
  const control = rows.find((r) => r.isControl)
  return (
    <svg
      className="ci-chart"
      viewBox={`0 0 ${WIDTH} ${height}`}
      role="img"
      aria-label={`${metric.key}: value and 95% confidence interval per variation`}
      data-testid={`chart-${metric.key}`}
    >
      {axis.map((t) => (
        <g key={t}>
          <line x1={x(t)} x2={x(t)} y1={6} y2={height - 24} className="grid-line" />
          <text x={x(t)} y={height - 8} textAnchor="middle" className="axis-label">
            {formatMean(t, metric.kind)}
          </text>
        </g>
      ))}
      {control?.mean != null && (
        <line x1={x(control.mean)} x2={x(control.mean)} y1={4} y2={height - 24} className="control-line" />
      )}
      {rows.map((v, i) => {
        const y = 20 + i * ROW
        const tone = v.isControl ? 'control' : v.significant ? ((v.relativeLift ?? 0) > 0) === metric.higherIsBetter ? 'better' : 'worse' : 'neutral'
        return (
          <g key={v.variantKey} className={`ci-row ci-${tone}`}>
            <text x={LEFT - 12} y={y + 4} textAnchor="end" className="row-label">
              {v.variantKey}
            </text>
            {v.ci && <line x1={x(v.ci[0])} x2={x(v.ci[1])} y1={y} y2={y} className="ci-bar" />}
            {v.ci && <line x1={x(v.ci[0])} x2={x(v.ci[0])} y1={y - 6} y2={y + 6} className="ci-cap" />}
            {v.ci && <line x1={x(v.ci[1])} x2={x(v.ci[1])} y1={y - 6} y2={y + 6} className="ci-cap" />}
            {v.mean !== null && <circle cx={x(v.mean)} cy={y} r={6} className="ci-dot" />}
            {v.mean === null && (
              <text x={LEFT + 4} y={y + 4} className="axis-label">
                no users yet
              </text>
            )}
          </g>
        )
      })}
    </svg>
  )
}
