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
  /** The flag key, as in snapshots (`^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$`); cannot change. */
  key: string
  /** Human name; defaults to the key. */
  name: string
  /** What the flag does; copied into every environment's snapshot entry. Empty when not given. */
  description: string
  /** Labels for search and clean-up; copied into every environment's snapshot entry. */
  tags: string[]
  /** Who to ask about this flag (a person or a team). */
  owner: string
  /** What the flag is for (`release`, `experiment`, `operational`, `permission`). */
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
  /** The segment key that segment conditions name; cannot change. */
  key: string
  /** Human name; defaults to the key. */
  name: string
  /** Who the audience is, for people; never used by evaluation. */
  description: string
  /** Archived segments leave every snapshot but keep their history. */
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
  /** The experiment key, as carried by the split's `experiment` field and by exposure events. */
  key: string
  /** Human name; defaults to the key. */
  name: string
  /** The flag whose split carries `experiment: key`. */
  flag: string
  /** The environment whose events are analysed. */
  environment: string
  /** What the experiment expects to change and why; free text, empty when not given. */
  hypothesis: string
  /**
   * Lifecycle: draft → running ⇄ paused → completed, and archived from any status; other moves are refused (409).
   */
  status: ExperimentStatus
  /** ISO time the experiment first started running. */
  startedAt: string | null
  /** ISO time it was completed. */
  endedAt: string | null
  /** The metric the decision is made on; the analysis' recommendation is about it. */
  primaryMetric: Metric
  /** Further metrics analysed alongside (at most 20), e.g. guardrails. */
  secondaryMetrics: Metric[]
  /** Minimum detectable effect, relative (0.05 = 5 % lift), used for power. */
  minimumDetectableEffect: number | null
  /** How it ended; required to complete it, `null` until then. */
  conclusion: ExperimentConclusion | null
  /** Free-text explanation of the conclusion; empty when not given. */
  conclusionNote: string
  /** True once the status is `archived`: hidden from lists and exports, history kept. */
  archived: boolean
}

/** The document kinds that have history, audit and rollback. */
export type DocumentKind = 'flag' | 'segment' | 'experiment'

/** A stored document with its concurrency version. */
export interface Versioned<D> {
  /** Increases by one on every change; `If-Match` compares to it. */
  version: number
  /** ISO time of the last change. */
  updatedAt: string
  /** Who made the last change: the `X-Vexil-Actor` header, else `admin` (`seed` for the start-up import). */
  updatedBy: string
  /** The current document. */
  document: D
}

/** One kept version of a document (`document` is null for a deletion). */
export interface HistoryEntry<D> {
  /** The version this entry kept (1 for the creation). */
  version: number
  /**
   * What made it, e.g. `create`, `update`, `archive`, `delete`, `import`, `kill:production`, `rollback:3`.
   */
  action: string
  /** Who made it (`X-Vexil-Actor`, else `admin`). */
  actor: string
  /** ISO time of the change. */
  at: string
  /** The document as of this version; `null` for a deletion. */
  document: D | null
}

/** One audit entry: who did what, when, with the state before and after. */
export interface AuditEntry {
  /** Increasing; pass the last one as `before` to page back through the log. */
  id: number
  /** ISO time of the change. */
  at: string
  /** Who made it (`X-Vexil-Actor`, else `admin`). */
  actor: string
  /** What was done, as in {@link HistoryEntry.action}. */
  action: string
  /** The kind of document changed. */
  kind: DocumentKind | 'environment'
  /** The key of the document changed. */
  key: string
  /** Environments whose revision this change bumped. */
  environments: string[]
  /** The document before the change; `null` for a creation. */
  before: unknown
  /** The document after the change; `null` for a deletion. */
  after: unknown
}

/** An environment and its current revision. */
export interface EnvironmentInfo {
  /** The environment key, as in snapshots and client keys, e.g. `production`. */
  key: string
  /** Human name; defaults to the key. */
  name: string
  /** The current snapshot revision; increases by one with every change that touches the environment. */
  revision: number
  /** ISO time of the last revision change. */
  updatedAt: string
}
