/**
 * The service's own model: what it stores around SPEC §1 snapshots. A flag or a segment is one
 * document spanning every environment, so its metadata, history and concurrency version are shared
 * while each environment keeps its own configuration (and its own revision).
 */
import type { Flag, Segment } from '@vexil/core'

/** What a flag is for; informs clean-up and review, never evaluation. */
export type FlagKind = 'release' | 'experiment' | 'operational' | 'permission'

/** The kinds of flag, in the order the API documents them. */
export const FLAG_KINDS: readonly FlagKind[] = ['release', 'experiment', 'operational', 'permission']

/** A flag as the service stores it. */
export interface FlagDocument {
  key: string
  /** Human name; defaults to the key. */
  name: string
  description: string
  tags: string[]
  /** Who to ask about this flag (a person or a team). */
  owner: string
  kind: FlagKind
  /** `false`: never sent to browser keys. */
  clientSide: boolean
  /** Archived flags leave every snapshot but keep their history. */
  archived: boolean
  /**
   * SPEC §1 configuration per environment key. An environment without an entry does not carry the
   * flag. `description`, `tags` and `clientSide` come from the document, not from here.
   */
  environments: Record<string, Flag>
}

/** A reusable audience as the service stores it. */
export interface SegmentDocument {
  key: string
  name: string
  description: string
  archived: boolean
  /** SPEC §1 segment definition per environment key. */
  environments: Record<string, Segment>
}

/** The lifecycle of an experiment. */
export type ExperimentStatus = 'draft' | 'running' | 'paused' | 'completed' | 'archived'

/** How an experiment ended. */
export type ExperimentConclusion = 'won' | 'lost' | 'inconclusive' | 'stopped_early' | 'invalid'

/** Every conclusion, as the API accepts them. */
export const EXPERIMENT_CONCLUSIONS: readonly ExperimentConclusion[] = [
  'won',
  'lost',
  'inconclusive',
  'stopped_early',
  'invalid',
]

/** How a metric turns a unit's conversions into a number. */
export type MetricType = 'conversion' | 'revenue' | 'count'

/** One metric of an experiment, read from conversion events named `event`. */
export interface Metric {
  /** The `event` name of the conversions that feed this metric (as passed to `track()`). */
  event: string
  /**
   * `conversion`: did the unit convert at least once (a rate); `revenue`: the sum of `value` per
   * unit (a mean); `count`: how many conversions per unit (a mean).
   */
  type: MetricType
  /** Display name; defaults to the event. */
  name?: string
}

/** An experiment as the service stores it. */
export interface ExperimentDocument {
  key: string
  name: string
  /** The flag whose split carries `experiment: key`. */
  flag: string
  /** The environment whose events are analysed. */
  environment: string
  hypothesis: string
  status: ExperimentStatus
  /** ISO time the experiment first started running. */
  startedAt: string | null
  /** ISO time it was completed. */
  endedAt: string | null
  primaryMetric: Metric
  secondaryMetrics: Metric[]
  /** Minimum detectable effect, relative (0.05 = 5 % lift), used for power. */
  minimumDetectableEffect: number | null
  conclusion: ExperimentConclusion | null
  conclusionNote: string
  archived: boolean
}

/** The document kinds that have history, audit and rollback. */
export type DocumentKind = 'flag' | 'segment' | 'experiment'

/** A stored document with its concurrency version. */
export interface Versioned<D> {
  /** Increases by one on every change; `If-Match` compares to it. */
  version: number
  updatedAt: string
  updatedBy: string
  document: D
}

/** One kept version of a document (`document` is null for a deletion). */
export interface HistoryEntry<D> {
  version: number
  action: string
  actor: string
  at: string
  document: D | null
}

/** One audit entry: who did what, when, with the state before and after. */
export interface AuditEntry {
  id: number
  at: string
  actor: string
  action: string
  kind: DocumentKind | 'environment'
  key: string
  /** Environments whose revision this change bumped. */
  environments: string[]
  before: unknown
  after: unknown
}

/** An environment and its current revision. */
export interface EnvironmentInfo {
  key: string
  name: string
  revision: number
  updatedAt: string
}
