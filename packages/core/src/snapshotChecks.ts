/**
 * What the snapshot compiler's checks share: small predicates, and where problems are recorded.
 *
 * A problem is recorded as an {@link Issue}: a short code, the path being checked and a detail (the
 * value the message quotes). Only `validateSnapshot` turns codes into sentences (its message table
 * is validationMessages.ts), so an app that only evaluates flags ships the checks but not the prose.
 *
 * @internal
 */
import type { ValidationError } from './types'
import { TOP_LEVEL } from './snapshotMessages'

/**
 * The problem codes; validationMessages.ts words each one. Numbers, so a bundler inlines them: the
 * names cost nothing in an app.
 */
export const Code = {
  snapshot: 0,
  schemaVersion: 1,
  nonEmpty: 2,
  flags: 3,
  segments: 4,
  unreadableSnapshot: 5,
  unreadable: 6,
  key: 7,
  object: 8,
  array: 9,
  boolean: 10,
  name: 11,
  percent: 12,
  type: 13,
  enabled: 14,
  variations: 15,
  noVariations: 16,
  valueType: 17,
  offVariation: 18,
  description: 19,
  tags: 20,
  schedule: 21,
  date: 22,
  startEnd: 23,
  rolloutShape: 24,
  needsDate: 25,
  endAfterStart: 26,
  duplicateId: 27,
  noServe: 28,
  noFallthrough: 29,
  serve: 30,
  serveBoth: 31,
  serveNeither: 32,
  split: 33,
  splitEntry: 34,
  noVariation: 35,
  weights: 36,
  experimentOnFixed: 37,
  prerequisite: 38,
  prerequisiteFlag: 39,
  prerequisiteVariations: 40,
  variationStrings: 41,
  noFlag: 42,
  notVariationOf: 43,
  cycle: 44,
  segmentAndAttribute: 45,
  nestedSegment: 46,
  noSegment: 47,
  badSegment: 48,
  attribute: 49,
  op: 50,
  values: 51,
  scalar: 52,
  strings: 53,
  longPattern: 54,
  pattern: 55,
  bound: 56,
  dateBound: 57,
  version: 58,
  stringList: 59,
  string: 60,
  segmentBucketBy: 61,
} as const

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

/**
 * Where the checks are: the path steps of the value being checked (keys and indexes), and the
 * problems found so far. A stack of steps rather than a path string per field, so that a path is
 * only ever built for a problem: a 10,000-flag snapshot has none, and building a string for each of
 * its fields would be most of the garbage of a compile.
 */
export const at: { steps: Array<string | number>; issues: Issue[] } = { steps: [], issues: [] }

/** `steps` as a path: `flags.new-checkout.rules[0]`, with `["odd key"]` for a key that is not a key. */
export const pathOf = (steps: ReadonlyArray<string | number>): string =>
  steps
    .map((s, i) => (typeof s == 'number' ? `[${s}]` : KEY.test(s) ? (i ? '.' : '') + s : `[${JSON.stringify(s)}]`))
    .join('')

/** Records a problem at the current path, or below it at `more` (a field name, an index). */
export function bad(code: number, detail?: unknown, ...more: Array<string | number>): void {
  at.issues.push([code, pathOf(more.length ? [...at.steps, ...more] : at.steps), detail])
}

/** Shared by every empty list of a compiled snapshot. */
export const NONE: readonly never[] = []

/**
 * Compiles the items of an optional list (`undefined` is the empty list) at path `name[i]`.
 *
 * @param code - the problem when `value` is not an array (or is empty, with `nonEmpty`).
 * @param detail - what that problem's message quotes.
 */
export function list<T>(
  value: unknown,
  name: string,
  each: (item: unknown, i: number) => T,
  code: number = Code.array,
  detail: unknown = [name, value],
  nonEmpty?: boolean,
): readonly T[] {
  if (value === undefined) return NONE
  if (!Array.isArray(value) || (nonEmpty && !value.length)) {
    bad(code, detail, name)
    return NONE
  }
  const steps = at.steps
  const i = steps.push(name, 0) - 1
  const out = value.map((item: unknown, j) => each(item, (steps[i] = j)))
  steps.pop()
  steps.pop()
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
    message: TOP_LEVEL[code]?.(detail) ?? `invalid (problem ${code}); validateSnapshot(snapshot) gives the full message`,
  }))
