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
export { bucket } from './bucketing'
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
