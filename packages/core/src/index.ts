export type {
  JsonValue,
  FlagType,
  Schedule,
  ProgressiveRollout,
  Operator,
  AttributeCondition,
  SegmentCondition,
  Condition,
  Segment,
  SplitEntry,
  Serve,
  Fallthrough,
  Rule,
  Prerequisite,
  Flag,
  Snapshot,
  Context,
  StickyAssignment,
  StickyStore,
  Override,
  EvaluateOptions,
  EvaluationResult,
  ValidationError,
} from './types'
export { Reason, ErrorCode } from './types'
// Evaluation engine (issue 2): validate, compile, evaluate, bucket.
export { evaluate, evaluateAll } from './evaluate'
export { validateSnapshot } from './validateSnapshot'
export type { SnapshotValidation, SnapshotValid, SnapshotPartlyValid, SnapshotRejected } from './validateSnapshot'
export { bucket } from './bucket'
export { compileSnapshot } from './compileSnapshot'
export { readUnit } from './conditions'
export type {
  CompiledSnapshot,
  CompiledFlag,
  CompiledSegment,
  CompiledRule,
  CompiledServe,
  CompiledCondition,
  CompiledPrerequisite,
  CompiledProgressive,
} from './compiledTypes'
// Client runtime (issue 3): createClient and its contract.
export { createClient } from './vexilClient'
export { VexilError } from './errors'
export type { VexilErrorCode } from './errors'
export { notifyManager } from './notifyManager'
export type { NotifyManager } from './notifyManager'
export { memoryStore } from './persister'
export type { KeyValueStore, PersistenceMode } from './persister'
export type { Environment, FetchLike, FetchResponse, EventSourceLike, PageEvent } from './environment'
export type { TrackOptions } from './events'
export type {
  ActivityEntry,
  ActivityListener,
  BootstrapEvaluation,
  BootstrapPayload,
  BootstrapStickyAssignment,
  ClientOptions,
  ClientState,
  ClientStatus,
  EventCounters,
  FlagInfo,
  Logger,
  ReadOptions,
  SnapshotSource,
  StoredOverride,
  VexilClient,
  VexilErrorInfo,
  VexilEvent,
  Widen,
} from './clientTypes'
