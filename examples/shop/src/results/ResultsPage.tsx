import type { ReactNode } from 'react'
import { ExperimentCard } from './ExperimentCard'
import type { ExperimentResultsView } from './resultsTypes'

export interface ResultsPageProps {
  experiments: readonly ExperimentResultsView[]
  /** Set when the flag service could not be asked. */
  error?: string
}

/** Every running experiment, newest data at each load (the page re-renders on the server). */
export function ResultsPage({ experiments, error }: ResultsPageProps): ReactNode {
  return (
    <div className="shop results-page">
      <header className="header">
        <a className="brand" href="/">
          <span className="brand-mark" aria-hidden="true">◆</span> Vexil Store
        </a>
        <nav className="nav">
          <a href="/">Shop</a>
          <a href="/results" aria-current="page">
            Experiment results
          </a>
        </nav>
        <span className="muted small">Refreshes every 10 s · run <code>npm run simulate</code> for traffic</span>
      </header>
      <main className="main">
        <h1 className="page-title">Experiments</h1>
        {error && (
          <div className="alert alert-danger" role="alert">
            {error}
          </div>
        )}
        {!error && experiments.length === 0 && <p className="muted">No experiment is running.</p>}
        {experiments.map((r) => (
          <ExperimentCard key={r.experiment.key} results={r} />
        ))}
      </main>
    </div>
  )
}
