/**
 * The results page: the shop's server asks the flag service (with the admin token, which stays on
 * the server) for every running experiment's results and renders them as HTML. No client script:
 * it is a report, refreshed by the browser every 10 seconds.
 */
import type { ServerResponse } from 'node:http'
import { renderToString } from 'react-dom/server'
import { ResultsPage } from '../src/results/ResultsPage'
import type { ExperimentResultsView, ExperimentSummary } from '../src/results/resultsTypes'
import { Document } from './Document'

async function getJson<T>(url: string, adminToken: string): Promise<T> {
  const response = await fetch(url, { headers: { authorization: `Bearer ${adminToken}` } })
  if (!response.ok) throw new Error(`${url} answered ${response.status}`)
  return (await response.json()) as T
}

/** Results of every running experiment, in the order the service lists them. */
export async function runningExperiments(flagServiceUrl: string, adminToken: string): Promise<ExperimentResultsView[]> {
  const { experiments } = await getJson<{ experiments: ExperimentSummary[] }>(`${flagServiceUrl}/v1/experiments`, adminToken)
  return Promise.all(
    experiments
      .filter((e) => e.status === 'running')
      .map((e) => getJson<ExperimentResultsView>(`${flagServiceUrl}/v1/experiments/${encodeURIComponent(e.key)}/results`, adminToken)),
  )
}

export async function renderResults(res: ServerResponse, flagServiceUrl: string, adminToken: string, css: readonly string[]): Promise<void> {
  let experiments: ExperimentResultsView[] = []
  let error: string | undefined
  try {
    experiments = await runningExperiments(flagServiceUrl, adminToken)
  } catch (e) {
    error = `The flag service could not be reached: ${(e as Error).message}`
  }
  const html = renderToString(
    <Document title="Experiment results · Vexil Store" css={css} refreshSeconds={10}>
      <ResultsPage experiments={experiments} {...(error !== undefined && { error })} />
    </Document>,
  )
  res.writeHead(error ? 502 : 200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' })
  res.end(`<!DOCTYPE html>${html}`)
}
