/**
 * Validates and compiles one flag (SPEC §1): its fields, schedule, rules, serves and splits.
 * Checks that need other flags (prerequisite targets, cycles) are done by `compileSnapshot`.
 *
 * @internal
 */
import type {
  CompiledFlag,
  CompiledPrerequisite,
  CompiledProgressive,
  CompiledRule,
  CompiledServe,
} from './compiledTypes'
import { hashPrefix } from './bucketing'
import type { SegmentLookup } from './compileConditions'
import { compileConditionList } from './compileConditions'
import { splitPath } from './conditions'
import { parseSnapshotDate } from './dates'
import {
  child,
  describe,
  isKey,
  isObject,
  Issues,
  KEY_RULE,
  own,
  PERCENT_RULE,
  percentToBuckets,
} from './snapshotChecks'
import type { EvaluationResult, FlagType, JsonValue, Reason, ValidationError } from './types'

/** A flag under construction: the compiled fields are written once, by this module and `compileSnapshot`. */
export type MutableFlag = { -readonly [K in keyof CompiledFlag]: CompiledFlag[K] }

/** A prerequisite as written, kept for the cross-flag checks. */
export interface RawPrerequisite {
  readonly flag: string
  readonly variations: readonly string[]
  readonly path: string
}

const FLAG_TYPES: ReadonlySet<string> = new Set(['boolean', 'string', 'number', 'json'])
const ALL = 100_000

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
const NO_STRINGS: readonly string[] = []
const NO_RESULTS: readonly EvaluationResult<unknown>[] = []
const NO_ERRORS: readonly ValidationError[] = []
const NO_PREREQUISITES: readonly CompiledPrerequisite[] = []

function valueFitsType(type: FlagType | undefined, value: unknown): boolean {
  switch (type) {
    case 'boolean':
      return typeof value === 'boolean'
    case 'string':
      return typeof value === 'string'
    case 'number':
      return typeof value === 'number' && Number.isFinite(value)
    case 'json':
      return value !== undefined && typeof value !== 'function' && typeof value !== 'symbol' && typeof value !== 'bigint'
    default:
      return true
  }
}

/** Parses an optional schedule into `[start, end)` epoch milliseconds. */
function compileSchedule(raw: unknown, path: string, issues: Issues): [number, number] {
  if (raw === undefined) return [-Infinity, Infinity]
  if (!isObject(raw)) {
    issues.add(path, `a schedule must be an object with "start" and/or "end", not ${describe(raw)}`)
    return [-Infinity, Infinity]
  }
  const bound = (name: 'start' | 'end', absent: number): number => {
    const value = own(raw, name)
    if (value === undefined) return absent
    const ms = parseSnapshotDate(value)
    if (ms === undefined) {
      issues.add(`${path}.${name}`, `must be a date like 2026-11-21T10:00:00Z or 2026-11-21, not ${describe(value)}`)
      return absent
    }
    return ms
  }
  const start = bound('start', -Infinity)
  const end = bound('end', Infinity)
  if (start >= end) issues.add(path, '"start" must be before "end"')
  return [start, end]
}

function compileRollout(raw: unknown, path: string, issues: Issues): [number, CompiledProgressive | undefined] {
  if (raw === undefined) return [ALL, undefined]
  if (typeof raw === 'number') {
    const buckets = percentToBuckets(raw)
    if (buckets === undefined) issues.add(path, `rollout ${PERCENT_RULE}`)
    return [buckets ?? ALL, undefined]
  }
  if (!isObject(raw)) {
    issues.add(path, `rollout must be a percentage or { from, to, start, end }, not ${describe(raw)}`)
    return [ALL, undefined]
  }
  const from = own(raw, 'from')
  const to = own(raw, 'to')
  if (percentToBuckets(from) === undefined) issues.add(`${path}.from`, PERCENT_RULE)
  if (percentToBuckets(to) === undefined) issues.add(`${path}.to`, PERCENT_RULE)
  const start = parseSnapshotDate(own(raw, 'start'))
  const end = parseSnapshotDate(own(raw, 'end'))
  if (start === undefined) issues.add(`${path}.start`, 'needs a date like 2026-11-21T10:00:00Z or 2026-11-21')
  if (end === undefined) issues.add(`${path}.end`, 'needs a date like 2026-11-21T10:00:00Z or 2026-11-21')
  if (start !== undefined && end !== undefined && end <= start) issues.add(path, '"end" must be after "start"')
  return [ALL, { from: from as number, to: to as number, start: start ?? 0, end: end ?? 1 }]
}

interface ServeInput {
  readonly flagKey: string
  readonly variations: Readonly<Record<string, JsonValue>>
  readonly issues: Issues
  readonly ruleId: string | undefined
  readonly experiment: unknown
  readonly experimentPath: string
}

function compileServe(raw: unknown, path: string, input: ServeInput): CompiledServe {
  const { flagKey, variations, issues, ruleId } = input
  const has = (key: string): boolean => Object.prototype.hasOwnProperty.call(variations, key)
  let experiment: string | undefined
  const serve: { -readonly [K in keyof CompiledServe]: CompiledServe[K] } = {
    isSplit: false,
    ruleId,
    experiment: undefined,
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
        const at = `${path}.split[${i}]`
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
    serve.fixed = makeResult(flagKey, variation, variations[variation], ruleId === undefined ? 'DEFAULT' : 'TARGETING_MATCH', ruleId)
  }
  return serve
}

function compileRule(raw: unknown, path: string, ctx: FlagContext, ids: Set<string>): CompiledRule | undefined {
  const { issues } = ctx
  if (!isObject(raw)) {
    issues.add(path, `a rule must be an object, not ${describe(raw)}`)
    return undefined
  }
  const id = own(raw, 'id')
  if (!isKey(id)) issues.add(`${path}.id`, `rule id must be ${KEY_RULE}`)
  else if (ids.has(id)) issues.add(`${path}.id`, `rule id "${id}" is used twice in this flag; make it unique`)
  else ids.add(id)
  const ruleId = typeof id === 'string' ? id : ''
  const conditions = compileConditionList(own(raw, 'conditions'), `${path}.conditions`, issues, ctx.segments, ctx.segmentExists)
  const [start, end] = compileSchedule(own(raw, 'schedule'), `${path}.schedule`, issues)
  const [threshold, progressive] = compileRollout(own(raw, 'rollout'), `${path}.rollout`, issues)
  const rawServe = own(raw, 'serve')
  if (rawServe === undefined) issues.add(`${path}.serve`, 'a rule needs "serve": { "variation": key } or { "split": [...] }')
  const serve = compileServe(rawServe ?? {}, `${path}.serve`, {
    flagKey: ctx.key,
    variations: ctx.variations,
    issues,
    ruleId,
    experiment: own(raw, 'experiment'),
    experimentPath: `${path}.experiment`,
  })
  return { id: ruleId, timed: start !== -Infinity || end !== Infinity, start, end, conditions, threshold, progressive, serve }
}

interface FlagContext {
  readonly key: string
  readonly issues: Issues
  readonly variations: Readonly<Record<string, JsonValue>>
  readonly segments: SegmentLookup
  readonly segmentExists: (key: string) => boolean
}

function optionalBoolean(raw: Record<string, unknown>, name: string, fallback: boolean, path: string, issues: Issues): boolean {
  const value = own(raw, name)
  if (value === undefined) return fallback
  if (typeof value === 'boolean') return value
  issues.add(`${path}.${name}`, 'must be true or false')
  return fallback
}

function optionalName(raw: Record<string, unknown>, name: string, fallback: string, path: string, issues: Issues): string {
  const value = own(raw, name)
  if (value === undefined) return fallback
  if (typeof value === 'string' && value !== '') return value
  issues.add(`${path}.${name}`, `must be a non-empty string, not ${describe(value)}`)
  return fallback
}

function compileVariations(raw: unknown, type: FlagType | undefined, path: string, issues: Issues): Record<string, JsonValue> {
  const out: Record<string, JsonValue> = Object.create(null) as Record<string, JsonValue>
  if (!isObject(raw)) {
    issues.add(path, `"variations" must be an object of key → value, not ${describe(raw)}`)
    return out
  }
  const keys = Object.keys(raw)
  if (keys.length === 0) issues.add(path, 'needs at least one variation')
  for (const k of keys) {
    const value = raw[k]
    if (!isKey(k)) issues.add(child(path, k), `variation key must be ${KEY_RULE}`)
    if (!valueFitsType(type, value)) issues.add(child(path, k), `value ${describe(value)} is not a ${type} (the flag's type)`)
    out[k] = value as JsonValue
  }
  return out
}

function compilePrerequisites(raw: unknown, path: string, issues: Issues): RawPrerequisite[] {
  if (raw === undefined) return []
  if (!Array.isArray(raw)) {
    issues.add(path, `"prerequisites" must be an array, not ${describe(raw)}`)
    return []
  }
  const out: RawPrerequisite[] = []
  raw.forEach((entry: unknown, i) => {
    const at = `${path}[${i}]`
    if (!isObject(entry)) return issues.add(at, `must be { flag, variations }, not ${describe(entry)}`)
    const flag = own(entry, 'flag')
    const variations = own(entry, 'variations')
    if (typeof flag !== 'string' || flag === '') issues.add(`${at}.flag`, 'must name a flag')
    let list: string[] = []
    if (!Array.isArray(variations) || variations.length === 0) {
      issues.add(`${at}.variations`, 'must be a non-empty array of variation keys')
    } else {
      list = variations.filter((v): v is string => typeof v === 'string')
      if (list.length !== variations.length) issues.add(`${at}.variations`, 'variation keys must be strings')
    }
    if (typeof flag === 'string') out.push({ flag, variations: list, path: at })
  })
  return out
}

/** The result of compiling one flag, before the cross-flag checks. */
export interface FlagBuild {
  readonly flag: MutableFlag
  readonly issues: Issues
  readonly prerequisites: readonly RawPrerequisite[]
}

/**
 * Validates and compiles one flag. Its `valid` is provisional until `compileSnapshot` has checked
 * prerequisites and cycles.
 */
export function compileFlag(key: string, raw: unknown, segments: SegmentLookup, segmentExists: (key: string) => boolean): FlagBuild {
  const issues = new Issues()
  const path = child('flags', key)
  if (!isKey(key)) issues.add(path, `flag key must be ${KEY_RULE}`)
  const r: Record<string, unknown> = isObject(raw) ? raw : {}
  if (!isObject(raw)) issues.add(path, `a flag must be an object, not ${describe(raw)}`)
  const rawType = own(r, 'type')
  const type = typeof rawType === 'string' && FLAG_TYPES.has(rawType) ? (rawType as FlagType) : undefined
  if (type === undefined) issues.add(`${path}.type`, 'must be "boolean", "string", "number" or "json"')
  const enabled = own(r, 'enabled')
  if (typeof enabled !== 'boolean') issues.add(`${path}.enabled`, 'needs "enabled": true or false')
  const variations = compileVariations(own(r, 'variations'), type, `${path}.variations`, issues)
  const offVariation = own(r, 'offVariation')
  if (typeof offVariation !== 'string' || !Object.prototype.hasOwnProperty.call(variations, offVariation)) {
    issues.add(`${path}.offVariation`, `needs "offVariation", a key of "variations", not ${describe(offVariation)}`)
  }
  const off = typeof offVariation === 'string' ? offVariation : ''
  const offValue = variations[off]
  const salt = optionalName(r, 'salt', key, path, issues)
  const bucketBy = optionalName(r, 'bucketBy', 'userId', path, issues)
  const sticky = optionalBoolean(r, 'sticky', false, path, issues)
  const clientSide = optionalBoolean(r, 'clientSide', true, path, issues)
  const description = own(r, 'description')
  if (description !== undefined && typeof description !== 'string') issues.add(`${path}.description`, 'must be a string')
  const rawTags = own(r, 'tags')
  const tags = Array.isArray(rawTags) ? rawTags.filter((t): t is string => typeof t === 'string') : NO_STRINGS
  if (rawTags !== undefined && (!Array.isArray(rawTags) || tags.length !== rawTags.length)) {
    issues.add(`${path}.tags`, 'must be an array of strings')
  }
  const [start, end] = compileSchedule(own(r, 'schedule'), `${path}.schedule`, issues)
  const prerequisites = compilePrerequisites(own(r, 'prerequisites'), `${path}.prerequisites`, issues)
  const ctx: FlagContext = { key, issues, variations, segments, segmentExists }
  const rawRules = own(r, 'rules')
  let rules: CompiledRule[] = []
  if (rawRules !== undefined && !Array.isArray(rawRules)) issues.add(`${path}.rules`, `"rules" must be an array, not ${describe(rawRules)}`)
  if (Array.isArray(rawRules)) {
    const ids = new Set<string>()
    rules = new Array<CompiledRule>(rawRules.length)
    let count = 0
    for (let i = 0; i < rawRules.length; i++) {
      const rule = compileRule(rawRules[i], `${path}.rules[${i}]`, ctx, ids)
      if (rule !== undefined) rules[count++] = rule
    }
    // Only an invalid flag drops a rule, and an invalid flag is never evaluated.
    rules.length = count
  }
  const rawFallthrough = own(r, 'fallthrough')
  if (rawFallthrough === undefined) issues.add(`${path}.fallthrough`, 'needs "fallthrough": { "variation": key } or { "split": [...] }')
  const fallthrough = compileServe(rawFallthrough ?? {}, `${path}.fallthrough`, {
    flagKey: key,
    variations,
    issues,
    ruleId: undefined,
    experiment: isObject(rawFallthrough) ? own(rawFallthrough, 'experiment') : undefined,
    experimentPath: `${path}.fallthrough.experiment`,
  })
  const flag: MutableFlag = {
    key,
    valid: issues.count === 0,
    errors: issues.count === 0 ? NO_ERRORS : issues.list,
    type,
    enabled: enabled === true,
    variations,
    offVariation: off,
    salt,
    bucketBy,
    sticky,
    clientSide,
    description: typeof description === 'string' ? description : undefined,
    tags,
    bucketPath: splitPath(bucketBy),
    timed: start !== -Infinity || end !== Infinity,
    start,
    end,
    prerequisites: NO_PREREQUISITES,
    rules,
    fallthrough,
    rolloutPrefix: hashPrefix(`${salt}.rollout.`),
    splitPrefix: hashPrefix(`${salt}.`),
    disabledResult: makeResult(key, off, offValue, 'DISABLED'),
    offScheduleResult: makeResult(key, off, offValue, 'OFF_SCHEDULE'),
    noUnitResult: makeResult(key, off, offValue, 'DEFAULT'),
  }
  return { flag, issues, prerequisites }
}
