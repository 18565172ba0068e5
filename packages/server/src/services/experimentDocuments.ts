/**
 * Experiment bodies and the status lifecycle: draft → running ⇄ paused → completed, and archived
 * from anywhere. Completing needs a conclusion, so every finished experiment says how it ended.
 */
import { badRequest, conflict } from '../errors'
import { EXPERIMENT_CONCLUSIONS } from '../model'
import type { ExperimentConclusion, ExperimentDocument, ExperimentStatus, Metric, MetricType } from '../model'
import { cloneJson, isObject, optionalEnum, optionalString, requireKey, requireObject } from './inputs'
import type { JsonObject } from './inputs'

const METRIC_TYPES: readonly MetricType[] = ['conversion', 'revenue', 'count']
/** Every experiment status. */
export const EXPERIMENT_STATUSES: readonly ExperimentStatus[] = ['draft', 'running', 'paused', 'completed', 'archived']

const TRANSITIONS: Record<ExperimentStatus, readonly ExperimentStatus[]> = {
  draft: ['running', 'archived'],
  running: ['paused', 'completed', 'archived'],
  paused: ['running', 'completed', 'archived'],
  completed: ['archived'],
  archived: [],
}

function parseMetric(value: unknown, path: string): Metric {
  if (!isObject(value)) throw badRequest(`${path} must be { event, type }`)
  const event = value.event
  if (typeof event !== 'string' || event.length === 0 || event.length > 200) {
    throw badRequest(`${path}.event must be a non-empty event name`)
  }
  const type = optionalEnum(value, 'type', METRIC_TYPES) ?? 'conversion'
  const name = optionalString(value, 'name', 200)
  return name === undefined ? { event, type } : { event, type, name }
}

function applyFields(next: ExperimentDocument, body: JsonObject, environments: readonly string[]): void {
  next.name = optionalString(body, 'name', 200) ?? next.name
  next.hypothesis = optionalString(body, 'hypothesis', 5000) ?? next.hypothesis
  next.conclusionNote = optionalString(body, 'conclusionNote', 5000) ?? next.conclusionNote
  if (body.flag !== undefined) next.flag = requireKey(body.flag, 'flag')
  const environment = optionalString(body, 'environment', 200)
  if (environment !== undefined) {
    if (!environments.includes(environment)) throw badRequest(`environment must be one of ${environments.join(', ')}`)
    next.environment = environment
  }
  if (body.primaryMetric !== undefined) next.primaryMetric = parseMetric(body.primaryMetric, 'primaryMetric')
  if (body.secondaryMetrics !== undefined) {
    if (!Array.isArray(body.secondaryMetrics) || body.secondaryMetrics.length > 20) {
      throw badRequest('secondaryMetrics must be a list of at most 20 metrics')
    }
    next.secondaryMetrics = body.secondaryMetrics.map((m, i) => parseMetric(m, `secondaryMetrics[${i}]`))
  }
  // The lifecycle sets these; an explicit value plans a start or records one that happened elsewhere.
  for (const field of ['startedAt', 'endedAt'] as const) {
    const value = body[field]
    if (value === undefined) continue
    if (value !== null && (typeof value !== 'string' || !Number.isFinite(Date.parse(value)))) {
      throw badRequest(`${field} must be an ISO 8601 date-time or null`)
    }
    next[field] = value === null ? null : new Date(value).toISOString()
  }
  if (body.minimumDetectableEffect !== undefined) {
    const mde = body.minimumDetectableEffect
    if (mde !== null && (typeof mde !== 'number' || !(mde > 0) || mde > 10)) {
      throw badRequest('minimumDetectableEffect must be a relative effect above 0 (0.05 = 5 %), or null')
    }
    next.minimumDetectableEffect = mde
  }
}

/** Builds a new experiment (status draft unless the body says otherwise). */
export function parseNewExperiment(input: unknown, environments: readonly string[], now: string): ExperimentDocument {
  const body = requireObject(input, 'experiment')
  const key = requireKey(body.key, 'key')
  if (body.flag === undefined) throw badRequest('flag is required: the flag whose split carries this experiment')
  if (body.primaryMetric === undefined) throw badRequest('primaryMetric is required, e.g. { "event": "purchase", "type": "conversion" }')
  const defaultEnv = environments.includes('production') ? 'production' : (environments[0] ?? 'production')
  const doc: ExperimentDocument = {
    key,
    name: key,
    flag: key,
    environment: defaultEnv,
    hypothesis: '',
    status: 'draft',
    startedAt: null,
    endedAt: null,
    primaryMetric: { event: '', type: 'conversion' },
    secondaryMetrics: [],
    minimumDetectableEffect: null,
    conclusion: null,
    conclusionNote: '',
    archived: false,
  }
  applyFields(doc, body, environments)
  const status = optionalEnum(body, 'status', EXPERIMENT_STATUSES)
  return status === undefined || status === 'draft' ? doc : transition(doc, status, body.conclusion, now)
}

/** Applies an update body; a `status` in it goes through the lifecycle rules. */
export function patchExperiment(
  current: ExperimentDocument,
  input: unknown,
  environments: readonly string[],
  now: string,
): ExperimentDocument {
  const body = requireObject(input, 'experiment')
  if (body.key !== undefined && body.key !== current.key) throw badRequest('key cannot be changed')
  const next = cloneJson(current)
  applyFields(next, body, environments)
  const status = optionalEnum(body, 'status', EXPERIMENT_STATUSES)
  if (status !== undefined && status !== current.status) return transition(next, status, body.conclusion, now)
  if (body.conclusion !== undefined) next.conclusion = parseConclusion(body.conclusion)
  return next
}

function parseConclusion(value: unknown): ExperimentConclusion {
  const conclusion = optionalEnum({ conclusion: value }, 'conclusion', EXPERIMENT_CONCLUSIONS)
  if (conclusion === undefined) throw badRequest(`conclusion must be one of ${EXPERIMENT_CONCLUSIONS.join(', ')}`)
  return conclusion
}

/** Moves an experiment to `status`, or explains why it cannot. */
export function transition(
  current: ExperimentDocument,
  status: ExperimentStatus,
  conclusion: unknown,
  now: string,
): ExperimentDocument {
  if (!TRANSITIONS[current.status].includes(status)) {
    throw conflict(`an experiment cannot go from ${current.status} to ${status}`, {
      allowed: TRANSITIONS[current.status],
    })
  }
  const next = cloneJson(current)
  next.status = status
  if (status === 'running' && next.startedAt === null) next.startedAt = now
  if (status === 'completed') {
    if (conclusion === undefined) {
      throw badRequest(`completing needs a conclusion: one of ${EXPERIMENT_CONCLUSIONS.join(', ')}`)
    }
    next.conclusion = parseConclusion(conclusion)
    next.endedAt = now
  } else if (conclusion !== undefined) {
    next.conclusion = parseConclusion(conclusion)
  }
  if (status === 'archived') {
    next.archived = true
    next.endedAt ??= now
  }
  return next
}
