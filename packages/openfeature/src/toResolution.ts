/**
 * `toResolution`: a Vexil evaluation result → OpenFeature resolution details, with reasons and
 * error codes mapped.
 */
import { ErrorCode, StandardResolutionReasons } from '@openfeature/web-sdk'
import type { FlagMetadata, ResolutionDetails, ResolutionReason } from '@openfeature/web-sdk'
import type { EvaluationResult, Reason } from '@vexil/core'

/**
 * Vexil's reason → OpenFeature's. `OVERRIDE` (a QA override) is `STATIC`: nothing was evaluated;
 * `STICKY` (a kept split assignment) is `CACHED`. `OFF_SCHEDULE` and `PREREQUISITE_FAILED` serve the
 * off variation, exactly what a disabled flag serves, so they are `DISABLED`; the Vexil reason stays
 * in the flag metadata as `vexilReason`.
 */
export const REASONS: Readonly<Record<Reason, ResolutionReason>> = {
  OVERRIDE: StandardResolutionReasons.STATIC,
  DISABLED: StandardResolutionReasons.DISABLED,
  OFF_SCHEDULE: StandardResolutionReasons.DISABLED,
  PREREQUISITE_FAILED: StandardResolutionReasons.DISABLED,
  STICKY: StandardResolutionReasons.CACHED,
  TARGETING_MATCH: StandardResolutionReasons.TARGETING_MATCH,
  SPLIT: StandardResolutionReasons.SPLIT,
  DEFAULT: StandardResolutionReasons.DEFAULT,
  ERROR: StandardResolutionReasons.ERROR,
}

/** What a resolution needs to know about the client besides the result. */
export interface ResolutionContext {
  /** The current snapshot's revision; `undefined` while the client has no snapshot. */
  revision: string | undefined
  /** Why the flag is invalid, for `INVALID_FLAG` (its first validation error). */
  flagError?: string
}

/**
 * Builds the resolution details of a successful result (`reason` other than `ERROR`).
 *
 * @param result - the client's result for the flag
 * @param context - the snapshot's revision
 */
export function toResolution<T>(result: EvaluationResult, context: ResolutionContext): ResolutionDetails<T> {
  const details: ResolutionDetails<T> = {
    value: result.value as T,
    reason: REASONS[result.reason] ?? StandardResolutionReasons.UNKNOWN,
    flagMetadata: metadata(result, context),
  }
  if (result.variation !== undefined) details.variant = result.variation
  return details
}

/**
 * Builds the resolution details of a failure: the caller's default, reason `ERROR` and the
 * OpenFeature error code that fits. `FLAG_NOT_FOUND` and `TYPE_MISMATCH` map one to one; a flag or
 * snapshot that failed validation is a `PARSE_ERROR` (its configuration could not be used); no
 * snapshot yet is `PROVIDER_NOT_READY`; anything else is `GENERAL`.
 *
 * @param result - the client's result (reason `ERROR`), or a synthetic one for a type mismatch
 * @param defaultValue - the caller's default
 * @param context - the snapshot's revision and the flag's validation error
 */
export function toErrorResolution<T>(result: EvaluationResult, defaultValue: T, context: ResolutionContext): ResolutionDetails<T> {
  const [errorCode, errorMessage] = errorOf(result, context)
  return { value: defaultValue, reason: StandardResolutionReasons.ERROR, errorCode, errorMessage, flagMetadata: metadata(result, context) }
}

function errorOf(result: EvaluationResult, context: ResolutionContext): [ErrorCode, string] {
  const key = result.flagKey
  if (context.revision === undefined) return [ErrorCode.PROVIDER_NOT_READY, 'the Vexil client has no snapshot yet']
  switch (result.errorCode) {
    case 'FLAG_NOT_FOUND':
      return [ErrorCode.FLAG_NOT_FOUND, `flag "${key}" is not in snapshot revision ${context.revision}`]
    case 'TYPE_MISMATCH':
      return [ErrorCode.TYPE_MISMATCH, `flag "${key}" does not have the requested type`]
    case 'INVALID_FLAG':
      return [ErrorCode.PARSE_ERROR, `flag "${key}" is invalid${context.flagError ? `: ${context.flagError}` : ''}`]
    case 'INVALID_SNAPSHOT':
      return [ErrorCode.PARSE_ERROR, 'the snapshot is invalid']
    default:
      return [ErrorCode.GENERAL, `flag "${key}" could not be evaluated`]
  }
}

function metadata(result: EvaluationResult, context: ResolutionContext): FlagMetadata {
  const m: FlagMetadata = { vexilReason: result.reason, inExperiment: result.inExperiment }
  if (context.revision !== undefined) m.revision = context.revision
  if (result.ruleId !== undefined) m.ruleId = result.ruleId
  if (result.experiment !== undefined) m.experiment = result.experiment
  if (result.prerequisite !== undefined) m.prerequisite = result.prerequisite
  if (result.errorCode !== undefined) m.vexilErrorCode = result.errorCode
  return m
}
