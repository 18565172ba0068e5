/**
 * Reading the context (SPEC §2) and matching conditions (SPEC §3). Hostile input is expected:
 * getters that throw, proxies, `__proto__` keys, huge arrays. Nothing here throws.
 */
import type { CompiledCondition, CompiledSegment } from './compiledTypes'
import { Op } from './compiledTypes'
import { parseSnapshotDate } from './dates'
import { compareSemVer, parseSemVer } from './semver'
import type { SemVer } from './semver'

const hasOwn = Object.prototype.hasOwnProperty
const objectPrototype = Object.prototype

/** Path steps that would reach prototypes; an attribute naming one is missing. */
const FORBIDDEN_STEPS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype'])

const FORBIDDEN = Symbol('forbidden path')
const MAX_CACHED_PATHS = 4096
const pathCache = new Map<string, readonly string[] | typeof FORBIDDEN>()

/** The longest string `matches` tests; longer strings never match (SPEC §3). */
export const MAX_MATCHES_INPUT = 1024

// SPEC §3's `^\s*[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?\s*$`, tested on the trimmed string (`trim`
// strips exactly what `\s` matches) with the digits split unambiguously, so that a string of any
// length is tested in linear time.
const NUMERIC_STRING = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/

/**
 * Whether `value` is a plain object: its prototype is `Object.prototype` or `null`. A proxy whose
 * `getPrototypeOf` trap throws is not.
 *
 * @internal
 */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false
  try {
    const proto: unknown = Object.getPrototypeOf(value)
    return proto === objectPrototype || proto === null
  } catch {
    return false
  }
}

/**
 * Splits an attribute name into path steps.
 *
 * @returns the steps, or `undefined` when a step is `__proto__`, `constructor` or `prototype`
 *   (such an attribute is always missing).
 * @internal
 */
export function splitPath(attribute: string): readonly string[] | undefined {
  const cached = pathCache.get(attribute)
  if (cached !== undefined) return cached === FORBIDDEN ? undefined : cached
  const steps = attribute.split('.')
  let result: readonly string[] | typeof FORBIDDEN = Object.freeze(steps)
  for (const step of steps) if (FORBIDDEN_STEPS.has(step)) result = FORBIDDEN
  // A bounded memo: snapshots repeat a few attribute names thousands of times.
  if (pathCache.size >= MAX_CACHED_PATHS) pathCache.clear()
  pathCache.set(attribute, result)
  return result === FORBIDDEN ? undefined : result
}

/**
 * Reads an attribute path from a context that is already known to be a plain object. Each step
 * must be an own property of a plain object; a step that throws when read makes it missing.
 *
 * @returns the value, or `undefined` when missing.
 * @internal
 */
export function readPath(context: object, path: readonly string[] | undefined): unknown {
  if (path === undefined) return undefined
  try {
    let current: unknown = context
    for (let i = 0; i < path.length; i++) {
      if (i > 0 && !isPlainObject(current)) return undefined
      const step = path[i] as string
      if (!hasOwn.call(current, step)) return undefined
      current = (current as Record<string, unknown>)[step]
    }
    return current
  } catch {
    return undefined
  }
}

/**
 * The unit read from a value: a non-empty string as is, a finite number as `Number::toString`
 * (`String(n)`), anything else missing.
 *
 * @internal
 */
export function unitOf(value: unknown): string | undefined {
  if (typeof value === 'string') return value === '' ? undefined : value
  if (typeof value === 'number' && Number.isFinite(value)) return String(value)
  return undefined
}

/**
 * The unit of a context for a `bucketBy` attribute (SPEC §4): the attribute when it is a non-empty
 * string, or a finite number as `Number::toString`; else `undefined`. A context that is not a plain
 * object is treated as `{}`.
 *
 * @param context - any value; never throws.
 * @param bucketBy - the attribute name, dotted paths allowed (`company.id`).
 * @returns the unit, or `undefined` when it is missing.
 */
export function readUnit(context: unknown, bucketBy: string): string | undefined {
  if (typeof bucketBy !== 'string' || bucketBy === '' || !isPlainObject(context)) return undefined
  return unitOf(readPath(context, splitPath(bucketBy)))
}

/** Reads a gt…lte operand: a finite number, or a numeric string read as by `Number(s)`. */
function toNumber(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined
  if (typeof value !== 'string' || !NUMERIC_STRING.test(value.trim())) return undefined
  const n = Number(value)
  return Number.isFinite(n) ? n : undefined
}

// One-entry memos: evaluating many flags for one context parses the same attribute string again
// and again (`appVersion` against every semver rule). Pure functions, so the memo is invisible.
let lastDateText: string | undefined
let lastDate: number | undefined
let lastVersionText: string | undefined
let lastVersion: SemVer | undefined

/** Reads a before/after operand: a snapshot date string or finite epoch milliseconds. */
function toDate(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined
  if (typeof value !== 'string') return undefined
  if (value !== lastDateText) {
    lastDate = parseSnapshotDate(value)
    lastDateText = value
  }
  return lastDate
}

function toVersion(value: unknown): SemVer | undefined {
  if (typeof value !== 'string') return undefined
  if (value !== lastVersionText) {
    lastVersion = parseSemVer(value)
    lastVersionText = value
  }
  return lastVersion
}

function anyString(
  strings: readonly string[],
  value: string,
  test: (value: string, needle: string) => boolean,
): boolean {
  for (let i = 0; i < strings.length; i++) if (test(value, strings[i] as string)) return true
  return false
}

const contains = (value: string, needle: string): boolean => value.includes(needle)
const startsWith = (value: string, needle: string): boolean => value.startsWith(needle)
const endsWith = (value: string, needle: string): boolean => value.endsWith(needle)

/** `in` / `notIn` membership: a `Set` for long lists, a scan (same SameValueZero equality) for short ones. */
function inValues(c: CompiledCondition, value: unknown): boolean {
  if (c.operand !== undefined) return (c.operand as ReadonlySet<unknown>).has(value)
  // `===` equals SameValueZero here: values are validated finite, so NaN never needs to equal NaN.
  const list = c.values
  for (let i = 0; i < list.length; i++) if (list[i] === value) return true
  return false
}

/** Matches one non-null, non-array value (or one array element) against the operator. */
function matchValue(c: CompiledCondition, value: unknown): boolean {
  switch (c.op) {
    case Op.in:
      return inValues(c, value)
    case Op.contains:
      return typeof value === 'string' && anyString(c.values as readonly string[], value, contains)
    case Op.startsWith:
      return typeof value === 'string' && anyString(c.values as readonly string[], value, startsWith)
    case Op.endsWith:
      return typeof value === 'string' && anyString(c.values as readonly string[], value, endsWith)
    case Op.matches: {
      if (typeof value !== 'string' || value.length > MAX_MATCHES_INPUT) return false
      const regexes = (c.operand ??= c.values.map((p) => new RegExp(p as string))) as readonly RegExp[]
      for (let i = 0; i < regexes.length; i++) if ((regexes[i] as RegExp).test(value)) return true
      return false
    }
    case Op.gt:
    case Op.gte:
    case Op.lt:
    case Op.lte: {
      const n = toNumber(value)
      if (n === undefined) return false
      const bound = c.operand as number
      return c.op === Op.gt ? n > bound : c.op === Op.gte ? n >= bound : c.op === Op.lt ? n < bound : n <= bound
    }
    case Op.before:
    case Op.after: {
      const d = toDate(value)
      if (d === undefined) return false
      return c.op === Op.before ? d < (c.operand as number) : d > (c.operand as number)
    }
    case Op.semverEq:
    case Op.semverGt:
    case Op.semverGte:
    case Op.semverLt:
    case Op.semverLte: {
      const v = toVersion(value)
      const version = c.operand as SemVer | undefined
      if (v === undefined || version === undefined) return false
      const cmp = compareSemVer(v, version)
      switch (c.op) {
        case Op.semverEq:
          return cmp === 0
        case Op.semverGt:
          return cmp > 0
        case Op.semverGte:
          return cmp >= 0
        case Op.semverLt:
          return cmp < 0
        default:
          return cmp <= 0
      }
    }
    default:
      return false
  }
}

/** The condition's result before `negate`, for a present, non-null attribute value. */
function matchPresent(c: CompiledCondition, value: unknown): boolean {
  if (c.op === Op.exists) return true
  if (!Array.isArray(value)) {
    if (c.op === Op.notIn) {
      const t = typeof value
      return (t === 'string' || t === 'number' || t === 'boolean') && !inValues(c, value)
    }
    return matchValue(c, value)
  }
  // An array is "not in" when none of its elements is in values; an empty array is not in anything.
  if (c.op === Op.notIn) {
    for (let i = 0; i < value.length; i++) if (inValues(c, value[i])) return false
    return true
  }
  for (let i = 0; i < value.length; i++) {
    const element: unknown = value[i]
    if (element !== null && element !== undefined && matchValue(c, element)) return true
  }
  return false
}

/**
 * Whether a compiled condition matches the context (SPEC §3), `negate` applied.
 *
 * @param context - a plain object (callers replace anything else by `{}`).
 * @internal
 */
export function matchCondition(c: CompiledCondition, context: object): boolean {
  let result: boolean
  if (c.segment !== undefined) {
    result = matchSegment(c.segment, context)
  } else {
    const value = readPath(context, c.path)
    if (value === undefined || value === null) {
      result = false
    } else {
      try {
        result = matchPresent(c, value)
      } catch {
        // An array that is a throwing proxy, or an element getter that throws: treat as missing.
        result = false
      }
    }
  }
  return c.negate ? !result : result
}

/**
 * Whether every condition matches (an empty list matches everyone).
 *
 * @internal
 */
export function matchAll(conditions: readonly CompiledCondition[], context: object): boolean {
  for (let i = 0; i < conditions.length; i++) {
    if (!matchCondition(conditions[i] as CompiledCondition, context)) return false
  }
  return true
}

/**
 * Whether the context is in a segment: the unit in `include` matches, else in `exclude` fails,
 * else the segment's conditions decide (a segment without conditions matches no one else).
 *
 * @internal
 */
export function matchSegment(segment: CompiledSegment, context: object): boolean {
  const unit = unitOf(readPath(context, segment.bucketPath))
  if (unit !== undefined) {
    if (segment.include.has(unit)) return true
    if (segment.exclude.has(unit)) return false
  }
  return segment.conditions.length > 0 && matchAll(segment.conditions, context)
}
