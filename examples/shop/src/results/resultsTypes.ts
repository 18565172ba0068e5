/**
 * The part of `GET /v1/experiments/:key/results` (packages/server README, "Results") that the page
 * draws. Declared here rather than imported from @vexil/server so the shop's bundle graph never
 * reaches the service's code.
 */
import type { ExperimentAnalysis } from '@vexil/stats'

export interface ExperimentSummary {
  key: string
  name: string
  flag: string
  environment: string
  hypothesis: string
  status: string
  startedAt: string | null
  primaryMetric: { event: string; type: string; name?: string }
}

export interface ExperimentResultsView {
  experiment: ExperimentSummary
  environment: string
  generatedAt: string
  variants: Array<{ key: string; weight: number; units: number }>
  unexpectedVariations: Array<{ key: string; units: number }>
  metrics: Array<{ key: string; event: string; type: string; name?: string }>
  analysis: ExperimentAnalysis
}
