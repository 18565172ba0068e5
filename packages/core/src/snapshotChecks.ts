/**
 * What the snapshot compiler's checks share: small predicates, field readers, and where problems are
 * recorded.
 *
 * A problem is recorded as an {@link Issue}: a short code, the path being checked and a detail (the
 * value the message quotes). Only `validateSnapshot` turns codes into sentences (its message table
 * is validationMessages.ts), so an app that only evaluates flags ships the checks but not the prose.
 *
 * @internal
 */
import type { CompiledSegment } from './compiledTypes'
import type { ValidationError } from './types'
import * as Code from './problemCodes'
import { TOP_LEVEL } from './snapshotMessages'


/** A problem: its {@link Code}, its path, and what the message quotes. */
export type Issue = readonly [code: number, path: string, detail?: unknown]

/** Keys of flags, segments, variations, rule ids and experiments (SPEC §1). */
export const KEY = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/

// The last valid key: evaluation checks the same stored experiment key on every sticky read.
let lastKey: unknown = 'a'

/** Whether `value` is a valid key. */
export const isKey = (value: unknown): value is string =>
  value === lastKey || (typeof value == 'string' && KEY.test(value) && !!(lastKey = value))

/** Whether `value` is a string. */
export const isString = (value: unknown): value is string => typeof value == 'string'

/** Whether `value` is a JSON object: not `null`, not an array. */
export const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value == 'object' && value !== null && !Array.isArray(value)

/** Reads an own property; an inherited one (say `toString`) counts as absent. */
export const own = (object: object, key: string): unknown =>
  has.call(object, key) ? (object as Record<string, unknown>)[key] : undefined

/** `Object.prototype.hasOwnProperty`, which engines optimize better than `Object.hasOwn`. */
export const has = Object.prototype.hasOwnProperty

/** SPEC §1 rounding: `round(x) = floor(x + 0.5)`. */
export const roundHalfUp = (x: number): number => Math.floor(x + 0.5)

/**
 * A percentage in buckets (thousandths of a percent), `round(x * 1000)`, or `undefined` when `x` is
 * not a number from 0 to 100 with at most three decimals.
 */
export function percentToBuckets(x: unknown): number | undefined {
  if (typeof x != 'number' || !(x >= 0 && x <= 100)) return undefined
  const rounded = roundHalfUp(x * 1000)
  return Math.abs(x * 1000 - rounded) < 1e-6 ? rounded : undefined
}

// Parsers for `field`: the value when it is of the kind, else `undefined`.
/** A boolean. */
export const asBoolean = (value: unknown): boolean | undefined => (value === true || value === false ? value : undefined)
/** A string. */
export const asString = (value: unknown): string | undefined => (isString(value) ? value : undefined)
/** A non-empty string. */
export const asName = (value: unknown): string | undefined => (value && isString(value) ? value : undefined)
/** A key. */
export const asKey = (value: unknown): string | undefined => (isKey(value) ? value : undefined)
/** A JSON object. */
export const asObject = (value: unknown): Record<string, unknown> | undefined => (isObject(value) ? value : undefined)
/** An array of strings. */
export const asStrings = (value: unknown): string[] | undefined => (Array.isArray(value) && value.every(isString) ? value : undefined)
/** A variation key of the flag being checked. */
export const asVariation = (value: unknown): string | undefined => (isString(value) && has.call(at.v, value) ? value : undefined)

/**
 * Where the checks are: the path steps of the value being checked (keys and indexes), the problems
 * found so far, the segments that conditions may name (`undefined` inside a segment), and the
 * variations of the flag being checked.
 *
 * A check at depth `d` reports at the first `d` steps; it writes the steps of what it checks below
 * itself at `steps[d]`, `steps[d + 1]`…, so nothing is ever popped. A stack of steps rather than a
 * path string per field, so that a path is only ever built for a problem: a 10,000-flag snapshot has
 * none, and building a string for each of its fields would be most of the garbage of a compile.
 */
export const at: {
  steps: Array<string | number>
  issues: Issue[]
  g: ReadonlyMap<string, CompiledSegment> | undefined
  v: object
} = { steps: [], issues: [], g: undefined, v: {} }

/** `steps` as a path: `flags.new-checkout.rules[0]`, with `["odd key"]` for a key that is not a key. */
export const pathOf = (steps: ReadonlyArray<string | number>): string =>
  steps
    .map((s, i) => (typeof s == 'number' ? `[${s}]` : KEY.test(s) ? (i ? '.' : '') + s : `[${JSON.stringify(s)}]`))
    .join('')

/** Records a problem at the first `d` steps of the current path, or below them at `more`. */
export function bad(code: number, detail: unknown, d: number, ...more: Array<string | number>): void {
  at.issues.push([code, pathOf(at.steps.slice(0, d).concat(more)), detail])
}

/**
 * Reads field `name` of `raw` at depth `d` with `parse`. A value that does not parse (or is absent
 * when there is no `fallback`) is reported with `code`, quoting it, and gives `fallback`.
 */
export function field<T, F = undefined>(
  raw: Record<string, unknown>,
  name: string,
  code: number,
  parse: (value: unknown) => T | undefined,
  d: number,
  fallback?: F,
): T | F {
  const value = own(raw, name)
  if (value === undefined && fallback !== undefined) return fallback
  const parsed = parse(value)
  if (parsed === undefined) bad(code, value, d, name)
  return parsed ?? (fallback as F)
}

/** Shared by every empty list of a compiled snapshot. */
export const NONE: readonly never[] = []

/**
 * Compiles the items of the optional list `owner[name]` (absent is the empty list) with `each`, at
 * path `name[i]` below depth `d`; anything but an array is reported with `code`. The array has
 * `room` more slots, left empty.
 */
export function map<T, A>(
  owner: Record<string, unknown>,
  name: string,
  d: number,
  each: (item: unknown, d: number, arg: A, i: number, done: readonly T[]) => T,
  arg: A,
  code: number = Code.array,
  room = 0,
): readonly T[] {
  const raw = own(owner, name)
  if (raw === undefined) return NONE
  if (!Array.isArray(raw)) {
    bad(code, raw, d, name)
    return NONE
  }
  const steps = at.steps
  // Sized up front: an array grown by `push` keeps spare room, and a big snapshot has many.
  const out = new Array<T>(raw.length + room)
  steps[d] = name
  for (let i = 0; i < raw.length; i++) out[i] = each(raw[(steps[d + 1] = i)], d + 2, arg, i, out)
  return out
}

/**
 * The errors the client keeps: paths as `validateSnapshot` gives them; the words of a top-level
 * rejection, else the code in place of the message, since only `validateSnapshot` carries the whole
 * message table.
 */
export const briefly = (issues: readonly Issue[]): ValidationError[] =>
  issues.map(([code, path, detail]) => ({
    path,
    message: TOP_LEVEL[code]?.(detail, path) ?? `invalid (problem ${code}); validateSnapshot(snapshot) gives the full message`,
  }))
