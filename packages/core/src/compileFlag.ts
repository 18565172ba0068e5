/**
 * Validates and compiles one flag (SPEC §1): its fields, schedule, prerequisites, rules, serves and
 * splits. Checks that need other flags (prerequisite targets, cycles) are done by `compileSnapshot`.
 *
 * @internal
 */
import type { CompiledFlag, CompiledPrerequisite, CompiledProgressive, CompiledRule } from './compiledTypes'
import { compileCondition } from './compileConditions'
import { splitPath } from './conditions'
import { parseSnapshotDate } from './dates'
import { asBoolean, asKey, asName, asObject, asString, asStrings, asVariation, at, bad, field, isKey, isObject, map, NONE, own, percentToBuckets } from './snapshotChecks'
import * as Code from './problemCodes'
import type { FlagType, JsonValue } from './types'

/** A flag under construction: `compileSnapshot` settles `valid`, `errors`, `issues`, `n` and `dep`. */
export type MutableFlag = { -readonly [K in keyof CompiledFlag]: CompiledFlag[K] }

/** The variations of a flag whose `variations` is not an object. */
export const NO_VARIATIONS: Readonly<Record<string, JsonValue>> = Object.freeze({})

const ALL = 100_000
const TYPES: readonly unknown[] = ['boolean', 'string', 'number', 'json']
const asType = (value: unknown): FlagType | undefined => (TYPES.includes(value) ? (value as FlagType) : undefined)
/** What `typeof` says of a JSON value. */
const JSON_TYPES: readonly string[] = ['string', 'number', 'boolean', 'object']

/** Whether a variation value is of the flag's type (any value fits a flag without a valid type). */
const fits = (type: FlagType | undefined, value: unknown): boolean =>
  type == 'json' ? JSON_TYPES.includes(typeof value) : type == 'number' ? Number.isFinite(value) : !type || typeof value == type

/** An optional schedule of `owner` (at depth `d`) as `[start, end)` epoch milliseconds; `undefined` when it bounds nothing. */
function compileSchedule(owner: Record<string, unknown>, d: number): [number, number] | undefined {
  const raw = field(owner, 'schedule', Code.schedule, asObject, d, null)
  if (!raw) return undefined
  at.steps[d] = 'schedule'
  const start = field(raw, 'start', Code.date, parseSnapshotDate, d + 1, -Infinity)
  const end = field(raw, 'end', Code.date, parseSnapshotDate, d + 1, Infinity)
  if (start >= end) bad(Code.startEnd, 0, d, 'schedule')
  return start > -Infinity || end < Infinity ? [start, end] : undefined
}

/** A rule's rollout: the static threshold in buckets, or a progressive rollout. */
function compileRollout(rule: Record<string, unknown>, d: number): number | CompiledProgressive {
  const raw = own(rule, 'rollout')
  if (!isObject(raw)) return field(rule, 'rollout', typeof raw == 'number' ? Code.percent : Code.rolloutShape, percentToBuckets, d, ALL)
  at.steps[d] = 'rollout'
  field(raw, 'from', Code.percent, percentToBuckets, d + 1)
  field(raw, 'to', Code.percent, percentToBuckets, d + 1)
  // NaN when missing: reported as such, and not compared.
  const start = field(raw, 'start', Code.needsDate, parseSnapshotDate, d + 1) ?? NaN
  const end = field(raw, 'end', Code.needsDate, parseSnapshotDate, d + 1) ?? NaN
  if (end <= start) bad(Code.endAfterStart, 0, d, 'rollout')
  return [own(raw, 'from') as number, own(raw, 'to') as number, start, end]
}

/**
 * Validates and compiles a rule at depth `d` (given `rules`, the flag's rules so far) or the
 * fallthrough (without): both are rules, the fallthrough one without id, conditions, schedule or
 * rollout, and its `experiment` inside what it serves.
 */
function compileRule(raw: unknown, d: number, _?: unknown, __?: number, rules?: readonly CompiledRule[]): CompiledRule {
  const steps = at.steps
  let id: string | undefined
  let c: CompiledRule['c'] = NONE
  let w: CompiledRule['w']
  let t: number = ALL
  let p: CompiledProgressive | undefined
  let v: string | undefined
  let s: number[] | undefined
  let sv: readonly string[] = NONE
  let x: string | undefined
  let serve: unknown = rules ? undefined : raw
  // The depth of the serve's path: the fallthrough's own, or `serve` below the rule.
  let sd = d
  if (!rules) {
    if (raw === undefined) bad(Code.noFallthrough, 0, d)
  } else if (!isObject(raw)) bad(Code.rule, raw, d)
  else {
    id = field(raw, 'id', Code.ruleId, asKey, d)
    // The rules so far (`some` skips the slots not filled yet): a flag has few rules, and looking
    // through them beats building a set of ids for every flag.
    if (id && rules.some((r) => r.id === id)) bad(Code.duplicateId, id, d, 'id')
    c = map(raw, 'conditions', d, compileCondition, 0)
    w = compileSchedule(raw, d)
    const rollout = compileRollout(raw, d)
    if (typeof rollout == 'number') t = rollout
    else p = rollout
    serve = own(raw, 'serve')
    steps[d] = 'serve'
    sd = d + 1
    if (serve === undefined) bad(Code.noServe, 0, sd)
  }
  if (isObject(serve)) {
    const fixed = own(serve, 'variation')
    const split = own(serve, 'split')
    if (split === undefined) {
      if (fixed === undefined) bad(Code.serveNeither, 0, sd)
      else v = field(serve, 'variation', Code.noVariation, asVariation, sd)
    } else {
      if (fixed !== undefined) bad(Code.serveBoth, 0, sd)
      // Sized up front: an array grown by `push` keeps spare room, and a big snapshot has many.
      s = new Array<number>(Array.isArray(split) ? split.length : 0)
      if (!Array.isArray(split) || !split.length) bad(Code.split, split, sd, 'split')
      else {
        let total = 0
        steps[sd] = 'split'
        sv = split.map((entry: unknown, i) => {
          let k: string | undefined
          steps[sd + 1] = i
          if (!isObject(entry)) bad(Code.splitEntry, entry, sd + 2)
          else {
            k = field(entry, 'variation', Code.noVariation, asVariation, sd + 2)
            total += field(entry, 'weight', Code.percent, percentToBuckets, sd + 2) ?? 0
          }
          ;(s as number[])[i] = total
          return k ?? ''
        })
        if (total < 99_999 || total > 100_001) bad(Code.weights, total / 1000, sd, 'split')
      }
    }
    // Allowed only where a split is served: on the rule, or on the fallthrough's serve.
    const holder = rules ? (raw as Record<string, unknown>) : serve
    if (own(holder, 'experiment') !== undefined) {
      if (!s) bad(Code.experimentOnFixed, 0, d, 'experiment')
      else x = field(holder, 'experiment', Code.experimentKey, asKey, d)
    }
  } else if (serve !== undefined) bad(Code.serve, serve, sd)
  return { w, c, t, p, s, r: undefined, id, v, sv, x }
}

/** A non-empty array of strings. */
const asList = (value: unknown): string[] | undefined => (asStrings(value)?.length ? (value as string[]) : undefined)

/** Validates and compiles a prerequisite at depth `d`; its `flag` is checked against the others later. */
function compilePrerequisite(raw: unknown, d: number, _: unknown, i: number): CompiledPrerequisite {
  let f: unknown
  let v: readonly string[] | undefined
  if (!isObject(raw)) bad(Code.prerequisite, raw, d)
  else {
    f = own(raw, 'flag')
    field(raw, 'flag', Code.prerequisiteFlag, asName, d)
    v = field(raw, 'variations', Code.prerequisiteVariations, asList, d)
  }
  // `f` is not a string only in an invalid flag, which is never evaluated.
  return { f: f as string, v: v ?? NONE, i, r: undefined }
}

/**
 * Validates and compiles one flag, recording its problems at `flags.<key>` (the caller has set
 * {@link at} and checked the key). Its `valid` is settled by `compileSnapshot` once it has checked
 * prerequisites and cycles.
 */
export function compileFlag(raw: unknown, key: string): MutableFlag {
  const r = asObject(raw) ?? (bad(Code.flag, raw, 2), {})
  const type = field(r, 'type', Code.type, asType, 2)
  const enabled = field(r, 'enabled', Code.enabled, asBoolean, 2)
  const variations = (field(r, 'variations', Code.variations, asObject, 2) ?? NO_VARIATIONS) as Readonly<Record<string, JsonValue>>
  const keys = Object.keys(variations)
  if (!keys.length && variations != NO_VARIATIONS) bad(Code.noVariations, 0, 2, 'variations')
  for (const k of keys) {
    if (!isKey(k)) bad(Code.variationKey, k, 2, 'variations', k)
    if (!fits(type, variations[k])) bad(Code.valueType, [variations[k], type], 2, 'variations', k)
  }
  at.v = variations
  const offVariation = field(r, 'offVariation', Code.offVariation, asVariation, 2) ?? ''
  const bucketBy = field(r, 'bucketBy', Code.name, asName, 2, 'userId')
  const tags = field(r, 'tags', Code.tags, asStrings, 2, NONE)
  const rules = map(r, 'rules', 2, compileRule, 0, Code.array, 1) as CompiledRule[]
  at.steps[2] = 'fallthrough'
  const fallthrough = compileRule(own(r, 'fallthrough'), 3)
  // Fields that evaluation reads come first, so that they share the object's first cache lines.
  return {
    enabled: enabled === true,
    w: compileSchedule(r, 2),
    q: map(r, 'prerequisites', 2, compilePrerequisite, 0),
    b: splitPath(bucketBy),
    sticky: field(r, 'sticky', Code.boolean, asBoolean, 2, false),
    // The rules, then the fallthrough, in the slot left for it.
    r: rules.length ? ((rules[rules.length - 1] = fallthrough), rules) : [fallthrough],
    off: undefined,
    dep: false,
    key,
    variations,
    offVariation,
    salt: field(r, 'salt', Code.name, asName, 2, key),
    valid: true,
    errors: NONE,
    issues: NONE,
    type,
    bucketBy,
    clientSide: field(r, 'clientSide', Code.boolean, asBoolean, 2, true),
    description: field(r, 'description', Code.description, asString, 2, null) ?? undefined,
    tags,
    n: 0,
  }
}
