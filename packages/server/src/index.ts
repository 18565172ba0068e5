// @vexil/server: the reference flag service.
export { createServer, startServer } from './server'
export type { VexilServer, RunningServer } from './server'
export {
  DEFAULT_ADMIN_TOKEN,
  DEFAULT_ENVIRONMENTS,
  defaultBrowserKey,
  defaultServerKey,
} from './options'
export type { ServerOptions, EnvironmentOptions, SeedMode, ResolvedOptions } from './options'
export { REVISION_EVENT } from './sse/streamHub'
export { FLAG_KINDS, EXPERIMENT_CONCLUSIONS } from './model'
export type {
  FlagKind,
  FlagDocument,
  SegmentDocument,
  ExperimentDocument,
  ExperimentStatus,
  ExperimentConclusion,
  Metric,
  MetricType,
  Versioned,
  HistoryEntry,
  AuditEntry,
  EnvironmentInfo,
  DocumentKind,
} from './model'
export type { ImportResult, FlagsFile } from './services/flagsFile'
export type { IngestResult, RejectedEvent } from './services/eventService'
export type { ExperimentResults, ResultsMetric } from './services/resultsService'
export type { ChangeError } from './services/catalog'
