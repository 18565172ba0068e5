/**
 * Validates and compiles one flag (SPEC §1): its fields, schedule, prerequisites, rules, serves and
 * splits. Checks that need other flags (prerequisite targets, cycles) are done by `compileSnapshot`.
 *
 * @internal
 */
import type { CompiledFlag, CompiledPrerequisite, CompiledProgressive, CompiledRule } from './compiledTypes'
import { compileConditions, type SegmentLookup } from './compileConditions'
import { splitPath } from './conditions'
import { parseSnapshotDate } from './dates'
import { at, bad, Code, has, isKey, isObject, isString, list, NONE, own, percentToBuckets } from './snapshotChecks'
import type { FlagType, JsonValue } from './types'

/** A flag under construction: `compileSnapshot` settles `valid`, `errors`, `issues`, `n` and `dep`. */
export type MutableFlag = { -readonly [K in keyof CompiledFlag]: CompiledFlag[K] }

/** The variations of a flag whose `variations` is not an object. */
export const NO_VARIATIONS: Readonly<Record<string, JsonValue>> = Object.freeze({})

const ALL = 100_000
const TYPES: readonly unknown[] = ['boolean', 'string', 'number', 'json']
/** What `typeof` says of a JSON value. */
const JSON_TYPES: readonly string[] = ['string', 'number', 'boolean', 'object']

/** Whether a variation value is of the flag's type (any value fits a flag without a valid type). */
const fits = (type: FlagType | undefined, value: unknown): boolean =>
  type == 'json' ? JSON_TYPES.includes(typeof value) : type == 'number' ? Number.isFinite(value) : !type || typeof value == type

/** An optional field with a default: a non-empty string for a string default, else a boolean. */
function optional<T extends string | boolean>(raw: Record<string, unknown>, name: string, fallback: T): T {
  const value = own(raw, name)
  if (value === undefined) return fallback
  if (isString(fallback) ? value && isString(value) : typeof value == 'boolean') return value as T
  bad(isString(fallback) ? Code.name : Code.boolean, value, name)
  return fallback
}

/** A date field of `raw` in epoch milliseconds; `absent` when missing, `undefined` when not a date. */
function date(raw: Record<string, unknown>, name: string, code: number, absent?: number): number | undefined {
  const value = own(raw, name)
  const ms = parseSnapshotDate(value)
  if (ms === undefined && (value !== undefined || absent === undefined)) bad(code, value, name)
  return ms ?? absent
}

/** An optional schedule as `[start, end)` epoch milliseconds; `undefined` when it bounds nothing. */
function compileSchedule(raw: unknown): [number, number] | undefined {
  if (raw === undefined) return undefined
  if (!isObject(raw)) return void bad(Code.schedule, raw, 'schedule')
  at.steps.push('schedule')
  const start = date(raw, 'start', Code.date, -Infinity) as number
  const end = date(raw, 'end', Code.date, Infinity) as number
  at.steps.pop()
  if (start >= end) bad(Code.startEnd, 0, 'schedule')
  return start > -Infinity || end < Infinity ? [start, end] : undefined
}

/** A rollout: the static threshold in buckets, or a progressive rollout. */
function compileRollout(raw: unknown): number | CompiledProgressive {
  if (raw === undefined) return ALL
  const buckets = percentToBuckets(raw)
  if (!isObject(raw)) {
    if (buckets === undefined) bad(typeof raw == 'number' ? Code.percent : Code.rolloutShape, typeof raw == 'number' ? 'rollout' : raw, 'rollout')
    return buckets ?? ALL
  }
  at.steps.push('rollout')
  const [from, to] = ['from', 'to'].map((name) => {
    const value = own(raw, name)
    if (percentToBuckets(value) === undefined) bad(Code.percent, 0, name)
    return value as number
  }) as [number, number]
  const start = date(raw, 'start', Code.needsDate)
  const end = date(raw, 'end', Code.needsDate)
  at.steps.pop()
  if (start !== undefined && end !== undefined && end <= start) bad(Code.endAfterStart, 0, 'rollout')
  return [from, to, start ?? 0, end ?? 1]
}

/** A variation key of the flag, or a problem at `name`. */
function variation(variations: object, value: unknown, name: string): value is string {
  const ok = isString(value) && has.call(variations, value)
  if (!ok) bad(Code.noVariation, value, name)
  return ok
}

/**
 * Validates and compiles a rule (given `rules`, the flag's rules so far) or the fallthrough (without):
 * both are rules, the fallthrough one without id, conditions, schedule or rollout.
 */
function compileRule(raw: unknown, variations: object, segments: SegmentLookup, rules?: readonly CompiledRule[]): CompiledRule {
  let id: string | undefined
  let c: CompiledRule['c'] = NONE
  let w: CompiledRule['w']
  let t = ALL
  let p: CompiledProgressive | undefined
  let v: string | undefined
  let s: number[] | undefined
  let sv: readonly string[] = NONE
  let x: string | undefined
  let serve: unknown = raw
  let experiment: unknown
  const steps = at.steps
  if (rules) {
    if (!isObject(raw)) bad(Code.object, ['a rule', raw])
    else {
      const rawId = own(raw, 'id')
      if (!isKey(rawId)) bad(Code.key, 'rule id', 'id')
      // The rules so far (`some` skips the slots not filled yet): a flag has few rules, and looking
      // through them beats building a set of ids for every flag.
      else if (rules.some((r) => r.id === rawId)) bad(Code.duplicateId, rawId, 'id')
      id = isString(rawId) ? rawId : ''
      c = compileConditions(own(raw, 'conditions'), segments)
      w = compileSchedule(own(raw, 'schedule'))
      const rollout = compileRollout(own(raw, 'rollout'))
      if (typeof rollout == 'number') t = rollout
      else p = rollout
      experiment = own(raw, 'experiment')
      serve = own(raw, 'serve')
      if (serve === undefined) bad(Code.noServe, 0, 'serve')
    }
  } else if (serve === undefined) bad(Code.noFallthrough)
  else if (isObject(serve)) experiment = own(serve, 'experiment')
  if (serve !== undefined && (!rules || isObject(raw))) {
    if (rules) steps.push('serve')
    if (!isObject(serve)) bad(Code.serve, serve)
    else {
      const fixed = own(serve, 'variation')
      const split = own(serve, 'split')
      if (fixed !== undefined && split !== undefined) bad(Code.serveBoth)
      else if (split === undefined) {
        if (fixed === undefined) bad(Code.serveNeither)
        else if (variation(variations, fixed, 'variation')) v = fixed
      }
      if (split !== undefined) {
        let total = 0
        // Sized up front: an array grown by `push` keeps spare room, and a big snapshot has many.
        s = new Array<number>(Array.isArray(split) ? split.length : 0)
        sv = list(
          split,
          'split',
          (entry, i) => {
            let key: unknown
            if (!isObject(entry)) bad(Code.splitEntry, entry)
            else {
              key = own(entry, 'variation')
              const weight = percentToBuckets(own(entry, 'weight'))
              variation(variations, key, 'variation')
              if (weight === undefined) bad(Code.percent, 'weight', 'weight')
              total += weight ?? 0
            }
            ;(s as number[])[i] = total
            return isString(key) ? key : ''
          },
          Code.split,
          undefined,
          true,
        )
        if (sv.length && (total < 99_999 || total > 100_001)) bad(Code.weights, total / 1000, 'split')
      }
    }
    if (rules) steps.pop()
    // Checked on the rule (or the fallthrough) that carries it: allowed only with a split.
    if (experiment !== undefined && isObject(serve)) {
      if (!s) bad(Code.experimentOnFixed, 0, 'experiment')
      else if (!isKey(experiment)) bad(Code.key, 'experiment key', 'experiment')
      else x = experiment
    }
  }
  return { w, c, t, p, s, r: undefined, id, v, sv, x }
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
  if (!isString(off) || !has.call(variations, off)) bad(Code.offVariation, off, 'offVariation')
  const bucketBy = optional<string>(r, 'bucketBy', 'userId')
  const description = own(r, 'description')
  if (description !== undefined && !isString(description)) bad(Code.description, 0, 'description')
  const tags = own(r, 'tags')
  // The snapshot's own array when it holds only strings, as it should.
  const strings = Array.isArray(tags) ? (tags.every(isString) ? tags : tags.filter(isString)) : NONE
  if (tags !== undefined && (!Array.isArray(tags) || strings.length != tags.length)) bad(Code.tags, 0, 'tags')
  let q: CompiledPrerequisite[] | undefined
  const prerequisites = own(r, 'prerequisites')
  if (prerequisites !== undefined) list(prerequisites, 'prerequisites', (entry, i) => {
    if (!isObject(entry)) return bad(Code.prerequisite, entry)
    const f = own(entry, 'flag')
    const v = own(entry, 'variations')
    if (!f || !isString(f)) bad(Code.prerequisiteFlag, 0, 'flag')
    if (!Array.isArray(v) || !v.length) bad(Code.prerequisiteVariations, 0, 'variations')
    else if (!v.every(isString)) bad(Code.variationStrings, 0, 'variations')
    if (isString(f)) (q ??= []).push({ f, v: Array.isArray(v) ? v : NONE, i, r: undefined })
  })
  const rawRules = own(r, 'rules')
  const count = Array.isArray(rawRules) ? rawRules.length : 0
  // The rules, then the fallthrough; sized up front (an array grown by `push` keeps spare room).
  const rules = new Array<CompiledRule>(count + 1)
  // `undefined` is the empty list; `list` reports anything else.
  if (!count) list(rawRules, 'rules', () => 0)
  else {
    // A loop rather than `list`, which would cost a closure per flag.
    const steps = at.steps
    const i = steps.push('rules', 0) - 1
    for (let j = 0; j < count; j++) rules[j] = compileRule((rawRules as unknown[])[(steps[i] = j)], variations, segments, rules)
    steps.pop()
    steps.pop()
  }
  at.steps.push('fallthrough')
  rules[count] = compileRule(own(r, 'fallthrough'), variations, segments)
  at.steps.pop()
  // Fields that evaluation reads come first, so that they share the object's first cache lines.
  return {
    enabled: enabled === true,
    w: compileSchedule(own(r, 'schedule')),
    // Copied to its size: an array grown by `push` keeps spare room.
    q: q ? q.slice() : NONE,
    b: splitPath(bucketBy),
    sticky: optional<boolean>(r, 'sticky', false),
    r: rules,
    pr: undefined,
    ps: undefined,
    off: undefined,
    dep: false,
    key,
    variations,
    offVariation: isString(off) ? off : '',
    salt: optional(r, 'salt', key),
    valid: true,
    errors: NONE,
    issues: NONE,
    type,
    bucketBy,
    clientSide: optional<boolean>(r, 'clientSide', true),
    description: isString(description) ? description : undefined,
    tags: strings,
    n: 0,
  }
}
