/**
 * Small checks shared by the snapshot compiler: keys, objects, percentages, paths.
 *
 * @internal
 */
import type { ValidationError } from './types'

/** Keys of flags, segments, variations, rule ids and experiments (SPEC §1). */
export const KEY_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/

/** A readable form of the key pattern for error messages. */
export const KEY_RULE = 'letters, digits, ".", "_", ":" or "-", starting with a letter or digit, at most 128 characters'

/** Whether `value` is a valid key. */
export function isKey(value: unknown): value is string {
  return typeof value === 'string' && KEY_PATTERN.test(value)
}

/** Whether `value` is a JSON object: not `null`, not an array. */
export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** SPEC §1 rounding: `round(x) = floor(x + 0.5)`. */
export function roundHalfUp(x: number): number {
  return Math.floor(x + 0.5)
}

/**
 * A percentage in thousandths of a percent (buckets): `round(x * 1000)`.
 *
 * @returns the bucket count, or `undefined` when `x` is not a number from 0 to 100 with at most three
 *   decimals.
 */
export function percentToBuckets(x: unknown): number | undefined {
  if (typeof x !== 'number' || !Number.isFinite(x) || x < 0 || x > 100) return undefined
  const scaled = x * 1000
  const rounded = roundHalfUp(scaled)
  return Math.abs(scaled - rounded) < 1e-6 ? rounded : undefined
}

/** The message for a value that is not a percentage. */
export const PERCENT_RULE = 'must be a number from 0 to 100 with at most three decimals'

/** Appends a key to a path: `.key` for a valid key, `["odd key"]` otherwise. */
export function child(path: string, key: string): string {
  const safe = KEY_PATTERN.test(key) ? key : JSON.stringify(key)
  if (path === '') return safe
  return KEY_PATTERN.test(key) ? `${path}.${key}` : `${path}[${safe}]`
}

/** Reads an own property; an inherited one (say `toString`) counts as absent. */
export function own(object: Record<string, unknown>, key: string): unknown {
  return Object.hasOwn(object, key) ? object[key] : undefined
}

/**
 * Whether error paths are built. `compileSnapshot` compiles each flag first with paths off, since
 * building a path for every field of 10,000 flags is most of the garbage of a compile, and compiles
 * the rare flag that has an error again with paths on: with them off, errors are counted, not
 * reported.
 */
export const paths = { on: true }

/** `path + suffix` (e.g. `.rules`), or `''` while paths are off. */
export function sub(path: string, suffix: string): string {
  return paths.on ? path + suffix : ''
}

/** `path[i]`, or `''` while paths are off. */
export function item(path: string, i: number): string {
  return paths.on ? `${path}[${i}]` : ''
}

/** Collects validation errors. */
export class Issues {
  readonly list: ValidationError[] = []
  add(path: string, message: string): void {
    this.list.push({ path, message })
  }
  get count(): number {
    return this.list.length
  }
}

/** Describes a value briefly for error messages: its JSON type, or the string itself. */
export function describe(value: unknown): string {
  if (value === null) return 'null'
  if (Array.isArray(value)) return 'an array'
  if (typeof value === 'string') return value.length > 40 ? `"${value.slice(0, 40)}…"` : JSON.stringify(value)
  if (typeof value === 'object') return 'an object'
  return typeof value === 'number' || typeof value === 'boolean' ? String(value) : typeof value
}
