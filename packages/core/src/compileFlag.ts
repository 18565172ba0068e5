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
import { at, bad, Code, isKey, isObject, own, percentToBuckets } from './snapshotChecks'
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
  bad(isString(fallback) ? Code.name : Code.boolean, value, name)
  return fallback
}

/** An optional schedule as `[start, end)` epoch milliseconds; `undefined` when it bounds nothing. */
function compileSchedule(raw: unknown): [number, number] | undefined {
  if (raw === undefined) return undefined
  if (!isObject(raw)) {
    bad(Code.schedule, raw, 'schedule')
    return undefined
  }
  const [start, end] = ['start', 'end'].map((name, i) => {
    const value = own(raw, name)
    const ms = parseSnapshotDate(value)
    if (value !== undefined && ms === undefined) bad(Code.date, value, 'schedule', name)
    return ms ?? (i ? Infinity : -Infinity)
  }) as [number, number]
  if (start >= end) bad(Code.startEnd, 0, 'schedule')
  return start > -Infinity || end < Infinity ? [start, end] : undefined
}

/** A rollout: the static threshold in buckets, or a progressive rollout. */
function compileRollout(raw: unknown): number | CompiledProgressive {
  if (typeof raw == 'number' || raw === undefined) {
    const buckets = raw === undefined ? ALL : percentToBuckets(raw)
    if (buckets === undefined) bad(Code.percent, 'rollout', 'rollout')
    return buckets ?? ALL
  }
  if (!isObject(raw)) {
    bad(Code.rolloutShape, raw, 'rollout')
    return ALL
  }
  const [from, to, start, end] = ['from', 'to', 'start', 'end'].map((name, i) => {
    const value = own(raw, name)
    if (i < 2) {
      if (percentToBuckets(value) === undefined) bad(Code.percent, 0, 'rollout', name)
      return value as number
    }
    const ms = parseSnapshotDate(value)
    if (ms === undefined) bad(Code.needsDate, 0, 'rollout', name)
    return ms
  })
  if (start !== undefined && end !== undefined && end <= start) bad(Code.endAfterStart, 0, 'rollout')
  return [from as number, to as number, start ?? 0, end ?? 1]
}

/**
 * Validates and compiles a rule (with `ids`, the flag's rule ids so far) or the fallthrough
 * (without): both are rules, the fallthrough one without id, conditions, schedule or rollout.
 */
function compileRule(raw: unknown, variations: object, segments: SegmentLookup, ids?: CompiledRule[]): CompiledRule {
  let id: string | undefined
  let c: CompiledRule['c'] = NONE
  let w: CompiledRule['w']
  let t = ALL
  let p: CompiledProgressive | undefined
  let v: string | undefined
  let s: number[] | undefined
  let sv: string[] = NONE as never
  let x: string | undefined
  let serve: unknown = raw
  let experiment: unknown
  const steps = at.steps
  if (ids && !isObject(raw)) bad(Code.object, ['a rule', raw])
  else {
    if (ids) {
      const rule = raw as Record<string, unknown>
      const rawId = own(rule, 'id')
      if (!isKey(rawId)) bad(Code.key, 'rule id', 'id')
      else if (ids.some((r) => r.id === rawId)) bad(Code.duplicateId, rawId, 'id')
      id = typeof rawId == 'string' ? rawId : ''
      c = compileConditions(own(rule, 'conditions'), segments)
      w = compileSchedule(own(rule, 'schedule'))
      const rollout = compileRollout(own(rule, 'rollout'))
      if (typeof rollout == 'number') t = rollout
      else p = rollout
      experiment = own(rule, 'experiment')
      serve = own(rule, 'serve')
      if (serve === undefined) bad(Code.noServe, 0, 'serve')
      steps.push('serve')
    } else if (serve === undefined) bad(Code.noFallthrough)
    else if (isObject(serve)) experiment = own(serve, 'experiment')
    if (serve !== undefined && !isObject(serve)) bad(Code.serve, serve)
    else if (serve !== undefined) {
      const fixed = own(serve, 'variation')
      const split = own(serve, 'split')
      if (fixed !== undefined && split !== undefined) bad(Code.serveBoth)
      else if (split === undefined) {
        if (fixed === undefined) bad(Code.serveNeither)
        else if (typeof fixed != 'string' || !Object.hasOwn(variations, fixed)) bad(Code.noVariation, fixed, 'variation')
        else v = fixed
      }
      if (split !== undefined) {
        s = []
        sv = []
        if (!Array.isArray(split) || !split.length) bad(Code.split, 0, 'split')
        else {
          let total = 0
          for (let i = 0; i < split.length; i++) {
            const entry: unknown = split[i]
            let key: unknown
            if (!isObject(entry)) bad(Code.splitEntry, entry, 'split', i)
            else {
              key = own(entry, 'variation')
              const weight = percentToBuckets(own(entry, 'weight'))
              if (typeof key != 'string' || !Object.hasOwn(variations, key)) bad(Code.noVariation, key, 'split', i, 'variation')
              if (weight === undefined) bad(Code.percent, 'weight', 'split', i, 'weight')
              total += weight ?? 0
            }
            s.push(total)
            sv.push(typeof key == 'string' ? key : '')
          }
          if (total < 99_999 || total > 100_001) bad(Code.weights, total / 1000, 'split')
        }
      }
    }
    if (ids) steps.pop()
    // Checked on the rule (or the fallthrough) that carries it: allowed only with a split.
    if (experiment !== undefined && isObject(serve)) {
      if (!s) bad(Code.experimentOnFixed, 0, 'experiment')
      else if (!isKey(experiment)) bad(Code.key, 'experiment key', 'experiment')
      else x = experiment
    }
  }
  return { id, c, w, t, p, v, s, sv, x, r: undefined, rs: undefined }
}

function compilePrerequisites(raw: unknown): readonly CompiledPrerequisite[] {
  const out: CompiledPrerequisite[] = []
  if (raw === undefined) return NONE
  if (!Array.isArray(raw)) bad(Code.array, ['prerequisites', raw], 'prerequisites')
  else {
    raw.forEach((entry: unknown, i) => {
      if (!isObject(entry)) return bad(Code.prerequisite, entry, 'prerequisites', i)
      const f = own(entry, 'flag')
      const v = own(entry, 'variations')
      if (typeof f != 'string' || !f) bad(Code.prerequisiteFlag, 0, 'prerequisites', i, 'flag')
      if (!Array.isArray(v) || !v.length) bad(Code.prerequisiteVariations, 0, 'prerequisites', i, 'variations')
      else if (v.some((key) => typeof key != 'string')) bad(Code.variationStrings, 0, 'prerequisites', i, 'variations')
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
  if (!isKey(key)) bad(Code.key, 'flag key')
  const r: Record<string, unknown> = isObject(raw) ? raw : {}
  if (!isObject(raw)) bad(Code.object, ['a flag', raw])
  const rawType = own(r, 'type')
  const type = TYPES.includes(rawType) ? (rawType as FlagType) : undefined
  if (!type) bad(Code.type, 0, 'type')
  const enabled = own(r, 'enabled')
  if (typeof enabled != 'boolean') bad(Code.enabled, 0, 'enabled')
  const rawVariations = own(r, 'variations')
  const variations = isObject(rawVariations) ? (rawVariations as Record<string, JsonValue>) : NO_VARIATIONS
  if (variations == NO_VARIATIONS) bad(Code.variations, rawVariations, 'variations')
  else {
    const keys = Object.keys(variations)
    if (!keys.length) bad(Code.noVariations, 0, 'variations')
    for (const k of keys) {
      if (!isKey(k)) bad(Code.key, 'variation key', 'variations', k)
      if (!fits(type, variations[k])) bad(Code.valueType, [variations[k], type], 'variations', k)
    }
  }
  const off = own(r, 'offVariation')
  if (typeof off != 'string' || !Object.hasOwn(variations, off)) bad(Code.offVariation, off, 'offVariation')
  const salt = optional(r, 'salt', key)
  const bucketBy = optional<string>(r, 'bucketBy', 'userId')
  const sticky = optional<boolean>(r, 'sticky', false)
  const clientSide = optional<boolean>(r, 'clientSide', true)
  const description = own(r, 'description')
  if (description !== undefined && typeof description != 'string') bad(Code.description, 0, 'description')
  const tags = own(r, 'tags')
  // The snapshot's own array when it holds only strings, as it should.
  const strings = Array.isArray(tags) ? (tags.every(isString) ? tags : tags.filter(isString)) : NONE
  if (tags !== undefined && strings.length != (tags as unknown[]).length) bad(Code.tags, 0, 'tags')
  const w = compileSchedule(own(r, 'schedule'))
  const q = compilePrerequisites(own(r, 'prerequisites'))
  const rules = own(r, 'rules')
  const compiled: CompiledRule[] = []
  const steps = at.steps
  if (rules !== undefined && !Array.isArray(rules)) bad(Code.array, ['rules', rules], 'rules')
  else if (rules) {
    const depth = steps.push('rules', 0) - 1
    for (let i = 0; i < rules.length; i++) {
      steps[depth] = i
      // The rules so far, for the rule id check: a flag has few rules.
      compiled.push(compileRule(rules[i], variations, segments, compiled))
    }
    steps.pop()
    steps.pop()
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
