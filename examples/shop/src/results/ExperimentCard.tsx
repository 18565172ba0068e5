import type { ReactNode } from 'react'
import type { MetricResult } from '@vexil/stats'
import { CiChart } from './CiChart'
import { formatCount, formatLift, formatMean, formatP, formatPEquals, formatPercent } from './format'
import type { ExperimentResultsView } from './resultsTypes'

/** One running experiment: verdict, traffic check, and per metric a chart and the numbers behind it. */
export function ExperimentCard({ results }: { results: ExperimentResultsView }): ReactNode {
  const { experiment, analysis } = results
  const { srm, recommendation } = analysis
  return (
    <article className="experiment" data-testid={`experiment-${experiment.key}`}>
      <header className="experiment-head">
        <div>
          <h2>{experiment.name}</h2>
          <p className="muted">
            <code>{experiment.key}</code> · flag <code>{experiment.flag}</code> · {results.environment} ·{' '}
            <span className="pill pill-running">{experiment.status}</span>
            {experiment.startedAt && <> · since {experiment.startedAt.slice(0, 16).replace('T', ' ')} UTC</>}
          </p>
          <p className="hypothesis">{experiment.hypothesis}</p>
        </div>
        <div className="units" data-testid="total-units">
          <strong>{formatCount(analysis.totalUnits)}</strong>
          <span>users exposed</span>
        </div>
      </header>

      {srm.mismatch ? (
        <div className="alert alert-danger" data-testid="srm-warning" role="alert">
          <strong>Sample ratio mismatch.</strong> Users are not split as configured (χ² test, {formatPEquals(srm.pValue)}): observed{' '}
          {srm.observed.map(formatCount).join(' / ')}, expected {srm.expected?.map((e) => formatCount(Math.round(e))).join(' / ') ?? '–'}.
          Assignment or logging is broken; do not trust these results.
        </div>
      ) : (
        <div className="alert alert-ok" data-testid="srm-ok">
          Traffic split as configured (sample ratio check, {formatPEquals(srm.pValue)}).
        </div>
      )}
      {results.unexpectedVariations.length > 0 && (
        <div className="alert alert-warn">
          Exposures to variations the split no longer serves:{' '}
          {results.unexpectedVariations.map((u) => `${u.key} (${formatCount(u.units)})`).join(', ')}.
        </div>
      )}
      {/* With a broken split the warning above is the verdict; saying it twice adds nothing. */}
      {recommendation.status !== 'srm' && (
        <div className={`verdict verdict-${recommendation.status}`} data-testid="recommendation">
          {recommendation.message}
        </div>
      )}

      {analysis.metrics.map((metric) => (
        <MetricBlock key={metric.key} metric={metric} primary={metric.key === recommendation.metricKey} />
      ))}
    </article>
  )
}

function MetricBlock({ metric, primary }: { metric: MetricResult; primary: boolean }): ReactNode {
  const rate = metric.kind === 'conversion'
  return (
    <section className="metric" data-testid={`metric-${metric.key}`}>
      <h3>
        {metric.key} {primary && <span className="pill">primary</span>}
        <span className="muted small"> · {rate ? 'conversion rate' : 'mean per user'} with 95% confidence interval</span>
      </h3>
      <CiChart metric={metric} />
      <p className="chart-legend muted small">
        Dot: observed value · bar: 95% confidence interval · dashed line: control. Green or red only once a
        difference is significant (always-valid sequential test, safe to check every day).
      </p>
      <table className="results-table">
        <thead>
          <tr>
            <th>Variation</th>
            <th>Users</th>
            <th>{rate ? 'Converted' : 'Paying'}</th>
            <th>{rate ? 'Rate' : 'Mean'} (95% CI)</th>
            <th>Lift vs control</th>
            <th>p-value</th>
            <th>Chance to beat control</th>
          </tr>
        </thead>
        <tbody>
          {metric.variants.map((v) => (
            <tr key={v.variantKey} data-testid={`row-${metric.key}-${v.variantKey}`} className={v.significant ? 'significant' : undefined}>
              <th scope="row">
                {v.variantKey} {v.isControl && v.variantKey !== 'control' && <span className="muted small">control</span>}
              </th>
              <td>{formatCount(v.sampleSize)}</td>
              <td data-testid="conversions">{v.conversions === null ? '–' : formatCount(v.conversions)}</td>
              <td>
                <strong>{formatMean(v.mean, metric.kind)}</strong>
                {v.ci && (
                  <span className="muted small">
                    {' '}
                    [{formatMean(v.ci[0], metric.kind)}, {formatMean(v.ci[1], metric.kind)}]
                  </span>
                )}
              </td>
              <td className={v.significant ? liftTone(v.relativeLift, metric.higherIsBetter) : undefined}>
                {v.isControl ? '' : formatLift(v.relativeLift)}
                {v.relativeLiftCi && (
                  <span className="muted small">
                    {' '}
                    [{formatLift(v.relativeLiftCi[0])}, {formatLift(v.relativeLiftCi[1])}]
                  </span>
                )}
              </td>
              <td>{v.isControl ? '' : formatP(v.pValue)}</td>
              <td>{v.isControl ? '' : <Chance value={v.chanceToBeatControl} />}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  )
}

/** Colour only for significant lifts: a green +28 % that is noise is how people ship noise. */
function liftTone(lift: number | null, higherIsBetter: boolean): string | undefined {
  if (lift === null || lift === 0) return undefined
  return lift > 0 === higherIsBetter ? 'up' : 'down'
}

/** The probability as a number and a small bar, so 51 % and 97 % look as different as they are. */
function Chance({ value }: { value: number | null }): ReactNode {
  if (value === null) return '–'
  return (
    <span className="chance">
      <span className="chance-bar" aria-hidden="true">
        <span style={{ width: `${Math.round(value * 100)}%` }} />
      </span>
      {formatPercent(value)}
    </span>
  )
}
