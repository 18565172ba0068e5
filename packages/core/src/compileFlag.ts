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
  CompiledSchedule,
} from './compiledTypes'
import type { SegmentLookup } from './compileConditions'
import { compileServe, NO_STRINGS } from './compileServe'
import { compileConditionList } from './compileConditions'
import { splitPath } from './conditions'
import { parseSnapshotDate } from './dates'
import {
  child,
  describe,
  isKey,
  isObject,
  Issues,
  item,
  KEY_RULE,
  own,
  PERCENT_RULE,
  paths,
  percentToBuckets,
  sub,
} from './snapshotChecks'
import type { FlagType, JsonValue, ValidationError } from './types'

const NO_ERRORS: readonly ValidationError[] = []
const NO_PREREQUISITES: readonly CompiledPrerequisite[] = []

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

/** Parses an optional schedule into `[start, end)` epoch milliseconds; `undefined` when it bounds nothing. */
function compileSchedule(raw: unknown, path: string, issues: Issues): CompiledSchedule | undefined {
  if (raw === undefined) return undefined
  if (!isObject(raw)) {
    issues.add(path, `a schedule must be an object with "start" and/or "end", not ${describe(raw)}`)
    return undefined
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
  return start === -Infinity && end === Infinity ? undefined : { start, end }
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
  const conditions = compileConditionList(own(raw, 'conditions'), sub(path, '.conditions'), issues, ctx.segments, ctx.segmentExists)
  const schedule = compileSchedule(own(raw, 'schedule'), sub(path, '.schedule'), issues)
  const [threshold, progressive] = compileRollout(own(raw, 'rollout'), sub(path, '.rollout'), issues)
  const rawServe = own(raw, 'serve')
  if (rawServe === undefined) issues.add(`${path}.serve`, 'a rule needs "serve": { "variation": key } or { "split": [...] }')
  const serve = compileServe(rawServe ?? {}, sub(path, '.serve'), {
    flagKey: ctx.key,
    variations: ctx.variations,
    issues,
    ruleId,
    experiment: own(raw, 'experiment'),
    experimentPath: sub(path, '.experiment'),
  })
  return { id: ruleId, schedule, conditions, threshold, progressive, serve }
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

// The prototype of every variations copy: an empty null-prototype object, so a copy inherits
// nothing (no `toString`, no `__proto__` setter) as with `Object.create(null)`, but V8 keeps it in
// fast mode, where `Object.create(null)` starts in dictionary mode (about 200 bytes more a flag).
const NO_INHERITED: object = Object.freeze(Object.create(null) as object)

function compileVariations(raw: unknown, type: FlagType | undefined, path: string, issues: Issues): Record<string, JsonValue> {
  const out = Object.create(NO_INHERITED) as Record<string, JsonValue>
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
    const at = item(path, i)
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
  // The cross-flag checks, made later, report errors under this flag's prerequisite paths.
  if (isObject(raw) && own(raw, 'prerequisites') !== undefined) paths.on = true
  const path = paths.on ? child('flags', key) : ''
  if (!isKey(key)) issues.add(path, `flag key must be ${KEY_RULE}`)
  const r: Record<string, unknown> = isObject(raw) ? raw : {}
  if (!isObject(raw)) issues.add(path, `a flag must be an object, not ${describe(raw)}`)
  const rawType = own(r, 'type')
  const type = typeof rawType === 'string' && FLAG_TYPES.has(rawType) ? (rawType as FlagType) : undefined
  if (type === undefined) issues.add(`${path}.type`, 'must be "boolean", "string", "number" or "json"')
  const enabled = own(r, 'enabled')
  if (typeof enabled !== 'boolean') issues.add(`${path}.enabled`, 'needs "enabled": true or false')
  const variations = compileVariations(own(r, 'variations'), type, sub(path, '.variations'), issues)
  const offVariation = own(r, 'offVariation')
  if (typeof offVariation !== 'string' || !Object.hasOwn(variations, offVariation)) {
    issues.add(`${path}.offVariation`, `needs "offVariation", a key of "variations", not ${describe(offVariation)}`)
  }
  const off = typeof offVariation === 'string' ? offVariation : ''
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
  const schedule = compileSchedule(own(r, 'schedule'), sub(path, '.schedule'), issues)
  const prerequisites = compilePrerequisites(own(r, 'prerequisites'), sub(path, '.prerequisites'), issues)
  const ctx: FlagContext = { key, issues, variations, segments, segmentExists }
  const rawRules = own(r, 'rules')
  let rules: CompiledRule[] = []
  if (rawRules !== undefined && !Array.isArray(rawRules)) issues.add(`${path}.rules`, `"rules" must be an array, not ${describe(rawRules)}`)
  if (Array.isArray(rawRules)) {
    const ids = new Set<string>()
    rules = new Array<CompiledRule>(rawRules.length)
    let count = 0
    const rulesPath = sub(path, '.rules')
    for (let i = 0; i < rawRules.length; i++) {
      const rule = compileRule(rawRules[i], item(rulesPath, i), ctx, ids)
      if (rule !== undefined) rules[count++] = rule
    }
    // Only an invalid flag drops a rule, and an invalid flag is never evaluated.
    rules.length = count
  }
  const rawFallthrough = own(r, 'fallthrough')
  if (rawFallthrough === undefined) issues.add(`${path}.fallthrough`, 'needs "fallthrough": { "variation": key } or { "split": [...] }')
  const fallthrough = compileServe(rawFallthrough ?? {}, sub(path, '.fallthrough'), {
    flagKey: key,
    variations,
    issues,
    ruleId: undefined,
    experiment: isObject(rawFallthrough) ? own(rawFallthrough, 'experiment') : undefined,
    experimentPath: sub(path, '.fallthrough.experiment'),
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
    schedule,
    prerequisites: NO_PREREQUISITES,
    rules,
    fallthrough,
    rolloutPrefix: undefined,
    splitPrefix: undefined,
    disabledResult: undefined,
    offScheduleResult: undefined,
    noUnitResult: undefined,
  }
  return { flag, issues, prerequisites }
}
