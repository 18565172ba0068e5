/**
 * Validates and compiles what a rule or the fallthrough serves: a fixed variation or a split with
 * cumulative thresholds, and the frozen results they give.
 *
 * @internal
 */
import type { CompiledServe } from './compiledTypes'
import { describe, isKey, isObject, Issues, item, KEY_RULE, own, PERCENT_RULE, percentToBuckets, sub } from './snapshotChecks'
import type { EvaluationResult, JsonValue, Reason } from './types'

/** Builds a frozen result with only the fields that are present. */
export function makeResult(
  flagKey: string,
  variation: string | undefined,
  value: unknown,
  reason: Reason,
  ruleId?: string,
  experiment?: string,
  prerequisite?: string,
): EvaluationResult<unknown> {
  // One literal per combination, so each result holds its fields in-object (no property backing
  // store), which matters when a 10,000-flag snapshot prebuilds tens of thousands of them.
  let result: EvaluationResult<unknown>
  if (variation === undefined) result = { flagKey, value, reason, inExperiment: false }
  else if (prerequisite !== undefined) result = { flagKey, value, variation, reason, inExperiment: false, prerequisite }
  else if (ruleId === undefined && experiment === undefined) result = { flagKey, value, variation, reason, inExperiment: false }
  else if (experiment === undefined) result = { flagKey, value, variation, reason, inExperiment: false, ruleId: ruleId as string }
  else if (ruleId === undefined) result = { flagKey, value, variation, reason, inExperiment: true, experiment }
  else result = { flagKey, value, variation, reason, inExperiment: true, ruleId, experiment }
  return Object.freeze(result)
}

const NO_NUMBERS: readonly number[] = []
/** Shared by every fixed serve (and flags without tags). */
export const NO_STRINGS: readonly string[] = []
const NO_RESULTS: readonly EvaluationResult<unknown>[] = []

/** What a serve needs from its flag and rule. */
export interface ServeInput {
  readonly flagKey: string
  readonly variations: Readonly<Record<string, JsonValue>>
  readonly issues: Issues
  readonly ruleId: string | undefined
  readonly experiment: unknown
  readonly experimentPath: string
}

/** Validates and compiles a serve; `experiment` is checked here because it is allowed only on a split. */
export function compileServe(raw: unknown, path: string, input: ServeInput): CompiledServe {
  const { flagKey, variations, issues, ruleId } = input
  const has = (key: string): boolean => Object.hasOwn(variations, key)
  let experiment: string | undefined
  const serve: { -readonly [K in keyof CompiledServe]: CompiledServe[K] } = {
    isSplit: false,
    ruleId,
    experiment: undefined,
    variation: '',
    fixed: undefined,
    thresholds: NO_NUMBERS,
    splitVariations: NO_STRINGS,
    splitResults: NO_RESULTS,
  }
  if (!isObject(raw)) {
    issues.add(path, `must be { "variation": key } or { "split": [...] }, not ${describe(raw)}`)
    return serve
  }
  const variation = own(raw, 'variation')
  const split = own(raw, 'split')
  if (variation !== undefined && split !== undefined) issues.add(path, 'give either "variation" or "split", not both')
  if (variation === undefined && split === undefined) issues.add(path, 'needs "variation" (a fixed variation) or "split"')
  if (split !== undefined) {
    serve.isSplit = true
    if (!Array.isArray(split) || split.length === 0) {
      issues.add(`${path}.split`, 'must be a non-empty array of { variation, weight }')
    } else {
      let total = 0
      const thresholds = new Array<number>(split.length)
      const keys = new Array<string>(split.length)
      for (let i = 0; i < split.length; i++) {
        const entry: unknown = split[i]
        const at = item(sub(path, '.split'), i)
        thresholds[i] = total
        keys[i] = ''
        if (!isObject(entry)) {
          issues.add(at, `must be { variation, weight }, not ${describe(entry)}`)
          continue
        }
        const v = own(entry, 'variation')
        if (typeof v !== 'string' || !has(v)) issues.add(`${at}.variation`, `variation ${describe(v)} is not in "variations"`)
        const w = percentToBuckets(own(entry, 'weight'))
        if (w === undefined) issues.add(`${at}.weight`, `weight ${PERCENT_RULE}`)
        total += w ?? 0
        thresholds[i] = total
        keys[i] = typeof v === 'string' ? v : ''
      }
      if (total < 99_999 || total > 100_001) {
        issues.add(`${path}.split`, `weights add up to ${total / 1000}; make them add up to 100`)
      }
      serve.thresholds = thresholds
      serve.splitVariations = keys
    }
  } else if (variation !== undefined) {
    if (typeof variation !== 'string' || !has(variation)) {
      issues.add(`${path}.variation`, `variation ${describe(variation)} is not in "variations"`)
    }
  }
  if (input.experiment !== undefined) {
    if (!serve.isSplit) {
      issues.add(input.experimentPath, '"experiment" is allowed only where a split is served; remove it or serve a split')
    } else if (!isKey(input.experiment)) {
      issues.add(input.experimentPath, `experiment key must be ${KEY_RULE}`)
    } else {
      experiment = input.experiment
    }
  }
  serve.experiment = experiment
  if (serve.isSplit) {
    serve.splitResults = serve.splitVariations.map((v) =>
      makeResult(flagKey, v, variations[v], 'SPLIT', ruleId, experiment),
    )
  } else if (typeof variation === 'string') {
    serve.variation = variation
  }
  return serve
}

