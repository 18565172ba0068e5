/**
 * Validates and compiles one flag (SPEC §1): its fields, schedule, prerequisites, rules, serves and
 * splits. Checks that need other flags (prerequisite targets, cycles) are done by `compileSnapshot`.
 *
 * @internal
 */
import type { CompiledFlag, CompiledPrerequisite, CompiledProgressive, CompiledRule } from './compiledTypes'
import { compileConditions, NONE, type SegmentLookup } from './compileConditions'
import { splitPath } from './conditions'
import { parseSnapshotDate } from './dates'
import { at, bad, isKey, isObject, own, percentToBuckets } from './snapshotChecks'
import type { FlagType, JsonValue } from './types'

/** A flag under construction: `compileSnapshot` settles `valid`, `errors` and `dep`. */
export type MutableFlag = { -readonly [K in keyof CompiledFlag]: CompiledFlag[K] }

/** The variations of a flag whose `variations` is not an object. */
export const NO_VARIATIONS: Readonly<Record<string, JsonValue>> = Object.freeze({})

const ALL = 100_000
const TYPES: readonly unknown[] = ['boolean', 'string', 'number', 'json']

const fits = (type: FlagType | undefined, value: unknown): boolean =>
  type == 'json'
    ? value !== undefined && typeof value != 'function' && typeof value != 'symbol' && typeof value != 'bigint'
    : type == 'number'
      ? typeof value == 'number' && isFinite(value)
      : !type || typeof value == type

const isString = (value: unknown): value is string => typeof value == 'string'

/** An optional field with a default: a non-empty string for a string default, else a boolean. */
function optional<T extends string | boolean>(raw: Record<string, unknown>, name: string, fallback: T): T {
  const value = own(raw, name)
  if (value === undefined) return fallback
  if (typeof fallback == 'string' ? value && isString(value) : typeof value == 'boolean') return value as T
  bad(isString(fallback) ? 'name' : 'boolean', value, name)
  return fallback
}

/** An optional schedule as `[start, end)` epoch milliseconds; `undefined` when it bounds nothing. */
function compileSchedule(raw: unknown): [number, number] | undefined {
  if (raw === undefined) return undefined
  if (!isObject(raw)) {
    bad('schedule', raw, 'schedule')
    return undefined
  }
  const [start, end] = ['start', 'end'].map((name, i) => {
    const value = own(raw, name)
    const ms = parseSnapshotDate(value)
    if (value !== undefined && ms === undefined) bad('date', value, 'schedule', name)
    return ms ?? (i ? Infinity : -Infinity)
  }) as [number, number]
  if (start >= end) bad('startEnd', 0, 'schedule')
  return start > -Infinity || end < Infinity ? [start, end] : undefined
}

/** A rollout: the static threshold in buckets, or a progressive rollout. */
function compileRollout(raw: unknown): [number, CompiledProgressive | undefined] {
  if (typeof raw == 'number' || raw === undefined) {
    const buckets = raw === undefined ? ALL : percentToBuckets(raw)
    if (buckets === undefined) bad('percent', 'rollout', 'rollout')
    return [buckets ?? ALL, undefined]
  }
  if (!isObject(raw)) {
    bad('rolloutShape', raw, 'rollout')
    return [ALL, undefined]
  }
  const [from, to, start, end] = ['from', 'to', 'start', 'end'].map((name, i) => {
    const value = own(raw, name)
    if (i < 2) {
      if (percentToBuckets(value) === undefined) bad('percent', 0, 'rollout', name)
      return value as number
    }
    const ms = parseSnapshotDate(value)
    if (ms === undefined) bad('needsDate', 0, 'rollout', name)
    return ms
  })
  if (start !== undefined && end !== undefined && end <= start) bad('endAfterStart', 0, 'rollout')
  return [ALL, [from as number, to as number, start ?? 0, end ?? 1]]
}

/**
 * Validates and compiles a rule (with `ids`, the flag's rule ids so far) or the fallthrough
 * (without): both are rules, the fallthrough one without id, conditions, schedule or rollout.
 */
function compileRule(raw: unknown, variations: object, segments: SegmentLookup, ids?: Set<string>): CompiledRule {
  let id: string | undefined
  let c: CompiledRule['c'] = NONE
  let w: CompiledRule['w']
  let t = ALL
  let p: CompiledProgressive | undefined
  let v: string | undefined
  let s: number[] | undefined
  const sv: string[] = []
  let x: string | undefined
  let serve: unknown = raw
  let experiment: unknown
  const steps = at.steps
  const depth = steps.length
  if (ids && !isObject(raw)) bad('object', ['a rule', raw])
  else {
    if (ids) {
      const rule = raw as Record<string, unknown>
      const rawId = own(rule, 'id')
      if (!isKey(rawId)) bad('key', 'rule id', 'id')
      else if (ids.has(rawId)) bad('duplicateId', rawId, 'id')
      else ids.add(rawId)
      id = typeof rawId == 'string' ? rawId : ''
      c = compileConditions(own(rule, 'conditions'), segments)
      w = compileSchedule(own(rule, 'schedule'))
      ;[t, p] = compileRollout(own(rule, 'rollout'))
      experiment = own(rule, 'experiment')
      serve = own(rule, 'serve')
      if (serve === undefined) bad('noServe', 0, 'serve')
      steps.push('serve')
    } else if (serve === undefined) bad('noFallthrough')
    else if (isObject(serve)) experiment = own(serve, 'experiment')
    if (serve !== undefined && !isObject(serve)) bad('serve', serve)
    else if (serve !== undefined) {
      const fixed = own(serve, 'variation')
      const split = own(serve, 'split')
      if (fixed !== undefined && split !== undefined) bad('serveBoth')
      else if (split === undefined) {
        if (fixed === undefined) bad('serveNeither')
        else if (typeof fixed != 'string' || !Object.hasOwn(variations, fixed)) bad('noVariation', fixed, 'variation')
        else v = fixed
      }
      if (split !== undefined) {
        s = []
        if (!Array.isArray(split) || !split.length) bad('split', 0, 'split')
        else {
          let total = 0
          split.forEach((entry: unknown, i) => {
            let key: unknown
            if (!isObject(entry)) bad('splitEntry', entry, 'split', i)
            else {
              key = own(entry, 'variation')
              const weight = percentToBuckets(own(entry, 'weight'))
              if (typeof key != 'string' || !Object.hasOwn(variations, key)) bad('noVariation', key, 'split', i, 'variation')
              if (weight === undefined) bad('percent', 'weight', 'split', i, 'weight')
              total += weight ?? 0
            }
            ;(s as number[]).push(total)
            sv.push(typeof key == 'string' ? key : '')
          })
          if (total < 99_999 || total > 100_001) bad('weights', total / 1000, 'split')
        }
      }
      steps.length = depth
      // Checked on the rule (or the fallthrough) that carries it: allowed only with a split.
      if (experiment !== undefined) {
        if (!s) bad('experimentOnFixed', 0, 'experiment')
        else if (!isKey(experiment)) bad('key', 'experiment key', 'experiment')
        else x = experiment
      }
    }
  }
  steps.length = depth
  return { id, c, w, t, p, v, s, sv, x, r: undefined, rs: undefined }
}

function compilePrerequisites(raw: unknown): CompiledPrerequisite[] {
  const out: CompiledPrerequisite[] = []
  if (raw !== undefined && !Array.isArray(raw)) bad('array', ['prerequisites', raw], 'prerequisites')
  else if (raw) {
    raw.forEach((entry: unknown, i) => {
      if (!isObject(entry)) return bad('prerequisite', entry, 'prerequisites', i)
      const f = own(entry, 'flag')
      const v = own(entry, 'variations')
      if (typeof f != 'string' || !f) bad('prerequisiteFlag', 0, 'prerequisites', i, 'flag')
      if (!Array.isArray(v) || !v.length) bad('prerequisiteVariations', 0, 'prerequisites', i, 'variations')
      else if (v.some((key) => typeof key != 'string')) bad('variationStrings', 0, 'prerequisites', i, 'variations')
      if (typeof f == 'string') out.push({ f, v: Array.isArray(v) ? v : NONE, i, r: undefined })
    })
  }
  return out
}

/**
 * Validates and compiles one flag, recording its problems at `flags.<key>` (the caller has set
 * {@link at}). Its `valid` is provisional until `compileSnapshot` has checked prerequisites and cycles.
 */
export function compileFlag(key: string, raw: unknown, segments: SegmentLookup): MutableFlag {
  if (!isKey(key)) bad('key', 'flag key')
  const r: Record<string, unknown> = isObject(raw) ? raw : {}
  if (!isObject(raw)) bad('object', ['a flag', raw])
  const rawType = own(r, 'type')
  const type = TYPES.includes(rawType) ? (rawType as FlagType) : undefined
  if (!type) bad('type', 0, 'type')
  const enabled = own(r, 'enabled')
  if (typeof enabled != 'boolean') bad('enabled', 0, 'enabled')
  const rawVariations = own(r, 'variations')
  const variations = isObject(rawVariations) ? (rawVariations as Record<string, JsonValue>) : NO_VARIATIONS
  if (variations == NO_VARIATIONS) bad('variations', rawVariations, 'variations')
  else {
    const keys = Object.keys(variations)
    if (!keys.length) bad('noVariations', 0, 'variations')
    for (const k of keys) {
      if (!isKey(k)) bad('key', 'variation key', 'variations', k)
      if (!fits(type, variations[k])) bad('valueType', [variations[k], type], 'variations', k)
    }
  }
  const off = own(r, 'offVariation')
  if (typeof off != 'string' || !Object.hasOwn(variations, off)) bad('offVariation', off, 'offVariation')
  const salt = optional(r, 'salt', key)
  const bucketBy = optional<string>(r, 'bucketBy', 'userId')
  const sticky = optional<boolean>(r, 'sticky', false)
  const clientSide = optional<boolean>(r, 'clientSide', true)
  const description = own(r, 'description')
  if (description !== undefined && typeof description != 'string') bad('description', 0, 'description')
  const tags = own(r, 'tags')
  // The snapshot's own array when it holds only strings, as it should.
  const strings = Array.isArray(tags) ? (tags.every(isString) ? tags : tags.filter(isString)) : NONE
  if (tags !== undefined && strings.length != (tags as unknown[]).length) bad('tags', 0, 'tags')
  const w = compileSchedule(own(r, 'schedule'))
  const q = compilePrerequisites(own(r, 'prerequisites'))
  const rules = own(r, 'rules')
  const compiled: CompiledRule[] = []
  const steps = at.steps
  if (rules !== undefined && !Array.isArray(rules)) bad('array', ['rules', rules], 'rules')
  else if (rules) {
    const ids = new Set<string>()
    const depth = steps.push('rules', 0)
    rules.forEach((rule: unknown, i) => {
      steps[depth - 1] = i
      compiled.push(compileRule(rule, variations, segments, ids))
    })
    steps.length = depth - 2
  }
  steps.push('fallthrough')
  compiled.push(compileRule(own(r, 'fallthrough'), variations, segments))
  steps.pop()
  return {
    key,
    valid: true,
    errors: NONE,
    type,
    enabled: enabled === true,
    variations,
    offVariation: typeof off == 'string' ? off : '',
    salt,
    bucketBy,
    sticky,
    clientSide,
    description: typeof description == 'string' ? description : undefined,
    tags: strings,
    dep: false,
    b: splitPath(bucketBy),
    w,
    q,
    r: compiled,
    pr: undefined,
    ps: undefined,
    off: undefined,
  }
}
