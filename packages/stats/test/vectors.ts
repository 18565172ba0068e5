// Test-only helpers: load ../shared/vectors/stats.json at test time (never copied into the repo) and compare
// results with the tolerances stated in its `formulas.conventions`.
import { readFileSync } from 'node:fs'
import { expect } from 'vitest'

/** One case of a vectors section. */
export interface VectorCase {
  readonly id: string
  readonly description?: string
  readonly input: Record<string, unknown>
  readonly expected: Record<string, unknown>
}

// The repo and shared/ sit side by side (/work/main and /work/shared locally; CI clones the same way).
const VECTORS_URL = new URL('../../../../shared/vectors/stats.json', import.meta.url)

let cache: Record<string, unknown> | undefined

/** The whole vectors file, parsed once. */
export function loadVectors(): Record<string, unknown> {
  cache ??= JSON.parse(readFileSync(VECTORS_URL, 'utf8')) as Record<string, unknown>
  return cache
}

/** The cases of one section; fails loudly when the section is missing or empty. */
export function vectorSection(name: string): readonly VectorCase[] {
  const section = loadVectors()[name]
  if (!Array.isArray(section) || section.length === 0) throw new Error(`vectors section ${name} missing or empty`)
  return section as VectorCase[]
}

/** `p_value_two_sided` → `pValueTwoSided`, `srm_at_0_001` → `srmAt0001` (SPEC §8). */
export function camelCase(key: string): string {
  return key.replace(/_(.)/g, (_, c: string) => c.toUpperCase())
}

/** Relative tolerance of the 6-significant-digit values. */
export const REL_TOL = 1e-5
const ABS_FLOOR = 1e-12

/**
 * Deep comparison with the vectors' rule: numbers within `rel * |expected| + abs`, integers exactly when
 * `exactIntegers` lists the field, `null` must be `null`. The path names the case and the field on failure.
 */
export function expectClose(
  actual: unknown,
  expected: unknown,
  path: string,
  options: { rel?: number; abs?: number; exact?: boolean } = {},
): void {
  const rel = options.rel ?? REL_TOL
  const abs = options.abs ?? ABS_FLOOR
  if (expected === null || typeof expected === 'boolean' || typeof expected === 'string') {
    expect(actual, path).toBe(expected)
  } else if (typeof expected === 'number') {
    expect(typeof actual, `${path} should be a number`).toBe('number')
    if (options.exact) {
      expect(actual, path).toBe(expected)
    } else {
      const diff = Math.abs((actual as number) - expected)
      expect(diff, `${path}: actual ${String(actual)} vs expected ${expected}`).toBeLessThanOrEqual(
        rel * Math.abs(expected) + abs,
      )
    }
  } else if (Array.isArray(expected)) {
    expect(Array.isArray(actual), `${path} should be an array`).toBe(true)
    const list = actual as unknown[]
    expect(list.length, `${path} length`).toBe(expected.length)
    expected.forEach((e, i) => expectClose(list[i], e, `${path}[${i}]`, options))
  } else if (typeof expected === 'object') {
    expect(actual !== null && typeof actual === 'object', `${path} should be an object`).toBe(true)
    for (const [key, value] of Object.entries(expected as Record<string, unknown>)) {
      const field = camelCase(key)
      expectClose((actual as Record<string, unknown>)[field], value, `${path}.${field}`, options)
    }
  }
}

/** Asserts a value tree holds no `NaN` or infinities anywhere. */
export function expectNoNaN(value: unknown, path = 'result'): void {
  if (typeof value === 'number') expect(Number.isFinite(value), `${path} = ${value}`).toBe(true)
  else if (Array.isArray(value)) value.forEach((v, i) => expectNoNaN(v, `${path}[${i}]`))
  else if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) expectNoNaN(v, `${path}.${k}`)
  }
}
