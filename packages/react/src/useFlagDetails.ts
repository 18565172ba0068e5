'use client'
import type { JsonValue } from '@vexil/core'
import type { FlagDetails, FlagKey, FlagOptions, FlagResult, FlagValue } from './types'
import { useEvaluation } from './useEvaluation'

/**
 * The value of one flag and why it was served: variation, reason, rule, error code, experiment.
 * Same rules as `useFlag`; the returned object keeps its identity until the result changes.
 *
 * @param key - the flag key
 * @param defaultValue - returned when there is no usable value
 * @param options - `expose`, `suspense`
 */
export const useFlagDetails = <K extends FlagKey, D extends FlagValue<K>>(
  key: K,
  defaultValue: D,
  options?: FlagOptions,
): FlagDetails<FlagResult<K, D>> =>
  useEvaluation(key, options, defaultValue as JsonValue, (r) => ({
    value: r.value as FlagResult<K, D>,
    variation: r.variation,
    reason: r.reason,
    rule: r.ruleId,
    error: r.errorCode,
    inExperiment: r.inExperiment,
    experiment: r.experiment,
  }))
