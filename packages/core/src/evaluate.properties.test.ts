// Properties of evaluation over generated snapshots and contexts (fast-check).
import { readFileSync } from 'node:fs'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { evaluate, evaluateAll } from './evaluate'
import type { EvaluateOptions } from './types'

const KEYS = ['a', 'b', 'flag-1', 'constructor', 'toString', '__proto__', 'bad key']
const ATTRIBUTES = ['userId', 'deviceId', 'country', 'plan', 'roles', 'company.id', 'company.size', '__proto__.x', 'constructor', 'a..b', 'email', 'age', 'version', 'signup']
const OPS = ['in', 'notIn', 'contains', 'startsWith', 'endsWith', 'matches', 'gt', 'gte', 'lt', 'lte', 'before', 'after', 'semverEq', 'semverGt', 'semverGte', 'semverLt', 'semverLte', 'exists', 'bogus']
const STRINGS = ['DE', 'pro', '', '(a+)+$', '^[a-z]+@', '(unclosed', '2026-01-01', '2026-11-21T10:00:00Z', '1.2.3', 'v2.0.0-beta.1', '5', ' 7 ']

const key = fc.constantFrom(...KEYS)
/** Mostly `valid`, sometimes `junk`: enough valid flags to reach every step, enough junk to hit validation. */
const mostly = <T,>(valid: fc.Arbitrary<T>, junk: fc.Arbitrary<unknown>): fc.Arbitrary<T | unknown> =>
  fc.oneof({ weight: 12, arbitrary: valid }, { weight: 1, arbitrary: junk })
const flagKey = mostly(fc.constantFrom('a', 'b', 'flag-1', 'constructor', 'toString'), key)
const variationKey = mostly(fc.constantFrom('on', 'off'), fc.constantFrom('ghost', 'on'))
const scalar = fc.oneof(fc.constantFrom(...STRINGS), fc.string({ maxLength: 8 }), fc.integer(), fc.double(), fc.boolean(), fc.constant(null))
const validDate = fc.constantFrom('2026-01-01', '2026-11-21T12:00:00Z', '2027-01-01', '2025-06-01t00:00:00.123456+02:00')
const date = mostly(validDate, fc.constantFrom('not a date', '2025-02-29'))

/** Values that suit each operator, so that conditions are mostly valid. */
function valuesFor(op: string): fc.Arbitrary<unknown[]> {
  switch (op) {
    case 'in':
    case 'notIn':
      return fc.array(fc.oneof(fc.constantFrom('DE', 'pro', 'u-1', 'x'), fc.integer({ min: 0, max: 3 }), fc.boolean()), { minLength: 1, maxLength: 3 })
    case 'contains':
    case 'startsWith':
    case 'endsWith':
      return fc.array(fc.constantFrom('', 'a', 'D', '@', 'pro'), { minLength: 1, maxLength: 2 })
    case 'matches':
      return fc.array(fc.constantFrom('^[a-z]+@', '(a+)+$', 'E', '^\\d'), { minLength: 1, maxLength: 2 })
    case 'gt':
    case 'gte':
    case 'lt':
    case 'lte':
      return fc.tuple(fc.integer({ min: -5, max: 5 }))
    case 'before':
    case 'after':
      return fc.tuple(validDate)
    case 'exists':
      return fc.constant([])
    default:
      return fc.tuple(fc.constantFrom('1.2.3', 'v2.0.0', '2.0.0-rc.1'))
  }
}
const attributeCondition = fc.oneof(
  { weight: 12, arbitrary: fc.constantFrom(...OPS.slice(0, -1)).chain((op) => fc.record({ attribute: fc.constantFrom(...ATTRIBUTES), op: fc.constant(op), values: valuesFor(op), negate: fc.boolean() }, { requiredKeys: ['attribute', 'op', 'values'] })) },
  { weight: 1, arbitrary: fc.record({ attribute: fc.constantFrom(...ATTRIBUTES), op: fc.constantFrom(...OPS), values: fc.array(scalar, { maxLength: 3 }), negate: fc.anything() }, { requiredKeys: ['attribute', 'op'] }) },
)
const segmentCondition = fc.record({ segment: fc.constantFrom('s1', 's2', 'ghost'), negate: fc.boolean() }, { requiredKeys: ['segment'] })
const condition = fc.oneof({ weight: 12, arbitrary: attributeCondition }, { weight: 4, arbitrary: segmentCondition }, { weight: 1, arbitrary: fc.anything() })

const weight = fc.oneof(fc.integer({ min: 0, max: 100 }), fc.double({ min: -1, max: 101, noNaN: true }))
const split = fc.integer({ min: 0, max: 100 }).map((w) => [{ variation: 'on', weight: w }, { variation: 'off', weight: 100 - w }])
const serve = mostly(
  fc.oneof(fc.record({ variation: variationKey }), fc.record({ split })),
  fc.oneof(fc.record({ split: fc.array(fc.record({ variation: variationKey, weight }), { maxLength: 3 }) }), fc.anything()),
)
const rollout = mostly(
  fc.oneof(fc.integer({ min: 0, max: 100 }), fc.record({ from: fc.integer({ min: 0, max: 100 }), to: fc.integer({ min: 0, max: 100 }), start: fc.constant('2026-01-01'), end: fc.constant('2027-01-01') })),
  fc.oneof(weight, fc.record({ from: fc.integer(), to: fc.integer(), start: date, end: date })),
)
const schedule = mostly(
  fc.oneof(fc.record({ start: fc.constant('2026-01-01') }), fc.record({ end: fc.constant('2027-01-01') }), fc.record({ start: fc.constant('2026-06-01'), end: fc.constant('2026-12-01') })),
  fc.record({ start: date, end: date }, { requiredKeys: [] }),
)
const rule = fc.record(
  { id: mostly(fc.constant('r1'), key), conditions: fc.array(condition, { maxLength: 3 }), rollout, serve, experiment: fc.oneof({ weight: 4, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: fc.constant('exp') }, { weight: 1, arbitrary: key }), schedule },
  { requiredKeys: ['id', 'serve'] },
)
const flag = fc.record(
  {
    type: mostly(fc.constantFrom('boolean', 'json'), fc.constantFrom('string', 'nope')),
    enabled: fc.oneof({ weight: 5, arbitrary: fc.constant(true) }, { weight: 1, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant('yes') }),
    variations: mostly(fc.constant({ on: true, off: false }), fc.dictionary(fc.constantFrom('on', 'off', 'x y'), fc.jsonValue())),
    offVariation: variationKey,
    salt: mostly(fc.string({ minLength: 1, maxLength: 4 }), fc.constant('')),
    bucketBy: fc.constantFrom(...ATTRIBUTES),
    sticky: fc.boolean(),
    schedule,
    prerequisites: fc.array(fc.record({ flag: flagKey, variations: fc.array(variationKey, { minLength: 1, maxLength: 2 }) }), { maxLength: 1 }),
    // Rule ids by position, so they are unique unless a junk id was drawn.
    rules: fc.array(rule, { maxLength: 3 }).map((rules) => rules.map((r, i) => (r.id === 'r1' ? { ...r, id: `rule-${i}` } : r))),
    fallthrough: serve,
  },
  { requiredKeys: ['type', 'enabled', 'variations', 'offVariation', 'fallthrough'] },
)
const segment = fc.record(
  { include: fc.array(fc.string({ maxLength: 3 })), exclude: fc.array(fc.string({ maxLength: 3 })), bucketBy: fc.constantFrom(...ATTRIBUTES), conditions: fc.array(attributeCondition, { maxLength: 2 }) },
  { requiredKeys: [] },
)
// The conformance vectors' main snapshot (read at test time) reaches every step of SPEC §4.
const vectors = JSON.parse(readFileSync(new URL('../../../../shared/vectors/evaluation.json', import.meta.url), 'utf8')) as {
  cases: Array<{ snapshots: Record<string, { flags: Record<string, unknown> }> }>
}
const vectorSnapshot = vectors.cases[0]?.snapshots['main'] as { flags: Record<string, unknown> }
const vectorFlagKey = fc.constantFrom(...Object.keys(vectorSnapshot.flags))

const snapshot = fc.oneof(
  { weight: 3, arbitrary: fc.constant(vectorSnapshot).map((v) => structuredClone(v)) },
  {
    weight: 8,
    arbitrary: fc.record(
      { schemaVersion: mostly(fc.constant(1), fc.constant(2)), revision: fc.constant('r'), environment: fc.constant('e'), segments: fc.dictionary(fc.constantFrom('s1', 's2'), segment, { maxKeys: 2 }), flags: fc.dictionary(flagKey as fc.Arbitrary<string>, flag, { maxKeys: 5 }) },
      { requiredKeys: ['schemaVersion', 'revision', 'environment', 'flags'] },
    ),
  },
  { weight: 1, arbitrary: fc.anything() },
)

// fast-check inspects every generated value (for a clone method), which the proxies would trap, so
// hostile values are generated as references and resolved inside the property.
class Ref {
  constructor(readonly value: () => unknown) {}
}
const pick = (values: readonly unknown[]): fc.Arbitrary<Ref> =>
  fc.integer({ min: 0, max: values.length - 1 }).map((i) => new Ref(() => values[i]))
const resolve = (value: unknown): unknown => (value instanceof Ref ? value.value() : value)
const hostileContexts: unknown[] = [
  JSON.parse('{"__proto__": {"polluted": true}, "userId": "u"}'),
  Object.defineProperty({ userId: 'u' }, 'country', { enumerable: true, get: () => { throw new Error('getter') } }),
  new Proxy({}, { getPrototypeOf: () => { throw new Error('proto') } }),
  new Proxy({ userId: 'u' }, { get: () => { throw new Error('get') }, has: () => { throw new Error('has') }, getOwnPropertyDescriptor: () => { throw new Error('gopd') } }),
  { userId: 'u', roles: new Array(100_000).fill('x') },
  { userId: 'u', roles: new Proxy(['a'], { get: () => { throw new Error('element') } }) },
  { userId: 'u', email: 'a'.repeat(2000) },
  Object.create({ userId: 'inherited' }),
  new Date(0),
]
const hostile = pick(hostileContexts)
const context = fc.oneof(
  fc.record(
    {
      userId: fc.oneof(fc.string({ maxLength: 6 }), fc.integer(), fc.double()),
      deviceId: fc.string({ maxLength: 4 }),
      country: fc.constantFrom('DE', 'US', null),
      plan: fc.constantFrom('pro', 'free'),
      roles: fc.array(scalar, { maxLength: 3 }),
      company: fc.record({ id: fc.string({ maxLength: 3 }), size: fc.integer() }),
      email: fc.string({ maxLength: 10 }),
      age: scalar,
      version: fc.constantFrom('1.2.3', 'v2.0.0', '2.0.0-rc.1', 'x'),
      signup: fc.oneof(date, fc.integer()),
    },
    { requiredKeys: [] },
  ),
  hostile,
  fc.anything(),
)
const overrides = fc.oneof(fc.constant(undefined), fc.constant(undefined), fc.dictionary(fc.oneof(flagKey as fc.Arbitrary<string>, vectorFlagKey), fc.oneof(fc.record({ variation: variationKey }), fc.record({ value: fc.jsonValue() }), fc.anything())), fc.anything())
const now = fc.integer({ min: Date.parse('2025-06-01'), max: Date.parse('2027-06-01') })

describe('evaluation properties', () => {
  it('never throws and is deterministic, for any snapshot, context, flag key and options', () => {
    const reasons = new Set<string>()
    fc.assert(
      fc.property(snapshot, mostly(fc.oneof(fc.constantFrom('a', 'b', 'flag-1', 'constructor'), vectorFlagKey), fc.anything()), context, overrides, now, fc.anything(), (s, flagKey, ref, ov, t, fallback) => {
        const ctx = resolve(ref)
        const options = { now: t, default: fallback, overrides: ov } as EvaluateOptions
        const first = evaluate(s, flagKey as string, ctx, options)
        const second = evaluate(s, flagKey as string, ctx, options)
        expect(second).toEqual(first)
        reasons.add(first.reason)
        expect(first.inExperiment).toBe(first.experiment !== undefined)
        if (first.reason === 'ERROR') expect(first.errorCode).toBeDefined()
        else expect(first.errorCode).toBeUndefined()
        // The same answer on a structurally equal copy: nothing depends on object identity.
        if (s !== null && typeof s === 'object' && !Array.isArray(s)) {
          let copy: unknown
          try {
            copy = structuredClone(s)
          } catch {
            return
          }
          expect(evaluate(copy, flagKey as string, ctx, options)).toEqual(first)
        }
      }),
      { numRuns: 400 },
    )
    // The generators reach past validation: several steps of SPEC §4 beyond errors actually ran.
    expect(reasons).toContain('ERROR')
    expect([...reasons].filter((r) => r !== 'ERROR').length).toBeGreaterThanOrEqual(4)
  })

  it('evaluateAll never throws and agrees with evaluate for every flag', () => {
    fc.assert(
      fc.property(snapshot, context, now, (s, ref, t) => {
        const ctx = resolve(ref)
        const all = evaluateAll(s, ctx, { now: t, default: 'd' })
        for (const [flagKey, result] of Object.entries(all)) {
          expect(result).toEqual(evaluate(s, flagKey, ctx, { now: t, default: 'd' }))
        }
      }),
      { numRuns: 200 },
    )
  })

  it('never throws with hostile options or a sticky store that throws or lies', () => {
    const throwing = { get: () => { throw new Error('get') }, set: () => { throw new Error('set') } }
    const lying = { get: () => ({ variation: 'ghost' }), set: () => undefined }
    const hostileOptions = [
      null,
      42,
      new Proxy({}, { get: () => { throw new Error('options') } }),
      { sticky: throwing },
      { sticky: lying },
      { sticky: { get: 1, set: 2 } },
      { now: Number.NaN, overrides: new Proxy({}, { has: () => { throw new Error('o') }, getOwnPropertyDescriptor: () => { throw new Error('o') } }) },
    ]
    fc.assert(
      fc.property(snapshot, context, pick(hostileOptions), (s, ref, optionsRef) => {
        const ctx = resolve(ref)
        const options = resolve(optionsRef)
        const keys = s !== null && typeof s === 'object' && 'flags' in s && s.flags !== null && typeof s.flags === 'object' ? Object.keys(s.flags) : ['a']
        for (const k of keys) evaluate(s, k, ctx, options as EvaluateOptions)
      }),
      { numRuns: 200 },
    )
  })
})

function rolloutSnapshot(percentage: number, salt: string): unknown {
  return {
    schemaVersion: 1,
    revision: 'r',
    environment: 'e',
    flags: {
      f: {
        type: 'boolean',
        enabled: true,
        salt,
        variations: { on: true, off: false },
        offVariation: 'off',
        rules: [{ id: 'ramp', rollout: percentage, serve: { variation: 'on' } }],
        fallthrough: { variation: 'off' },
      },
    },
  }
}

describe('rollouts', () => {
  it('raising a rollout percentage never removes a unit that was in', () => {
    const thousandths = fc.integer({ min: 0, max: 100_000 })
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 12 }), fc.string({ minLength: 1, maxLength: 6 }), thousandths, thousandths, (unit, salt, a, b) => {
        const [low, high] = a <= b ? [a, b] : [b, a]
        const inAt = (p: number): boolean => evaluate(rolloutSnapshot(p / 1000, salt), 'f', { userId: unit }).value === true
        if (inAt(low)) expect(inAt(high)).toBe(true)
      }),
      { numRuns: 2000 },
    )
  })

  it('a 0 % rollout admits no one and a 100 % rollout everyone', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1 }), (unit) => {
        expect(evaluate(rolloutSnapshot(0, 's'), 'f', { userId: unit }).value).toBe(false)
        expect(evaluate(rolloutSnapshot(100, 's'), 'f', { userId: unit }).value).toBe(true)
      }),
    )
  })
})

/** P(X > x) for a chi-square variable with an even number of degrees of freedom (closed form). */
function chiSquareSurvivalEvenDf(x: number, df: number): number {
  let term = 1
  let sum = 1
  for (let k = 1; k < df / 2; k++) {
    term *= x / 2 / k
    sum += term
  }
  return Math.exp(-x / 2) * sum
}

/** The x where the survival function falls to `p`, by bisection. */
function chiSquareCritical(p: number, df: number): number {
  let lo = 0
  let hi = 1000
  for (let i = 0; i < 200; i++) {
    const mid = (lo + hi) / 2
    if (chiSquareSurvivalEvenDf(mid, df) > p) lo = mid
    else hi = mid
  }
  return (lo + hi) / 2
}

describe('split distribution', () => {
  it('computes the chi-square critical value it tests against', () => {
    // df = 2 has the closed form -2 ln p.
    expect(chiSquareCritical(0.001, 2)).toBeCloseTo(-2 * Math.log(0.001), 6)
    expect(chiSquareCritical(0.05, 4)).toBeCloseTo(9.4877, 3)
  })

  it('puts 100,000 units within ±1 point of 10/60/30 and passes chi-square at p > 0.001', () => {
    const weights = { low: 10, mid: 60, high: 30 }
    const snapshot = {
      schemaVersion: 1,
      revision: 'r',
      environment: 'e',
      flags: {
        price: {
          type: 'number',
          enabled: true,
          variations: { low: 1, mid: 2, high: 3 },
          offVariation: 'low',
          fallthrough: { split: Object.entries(weights).map(([variation, weight]) => ({ variation, weight })), experiment: 'price-test' },
        },
      },
    }
    const units = 100_000
    const counts: Record<string, number> = { low: 0, mid: 0, high: 0 }
    for (let i = 0; i < units; i++) {
      const result = evaluate(snapshot, 'price', { userId: `unit-${i}` })
      expect(result.reason).toBe('SPLIT')
      counts[result.variation as string] = (counts[result.variation as string] ?? 0) + 1
    }
    let chiSquare = 0
    for (const [variation, weight] of Object.entries(weights)) {
      const observed = counts[variation] as number
      const expected = (units * weight) / 100
      expect(Math.abs((observed / units) * 100 - weight)).toBeLessThanOrEqual(1)
      chiSquare += (observed - expected) ** 2 / expected
    }
    expect(chiSquare).toBeLessThan(chiSquareCritical(0.001, Object.keys(weights).length - 1))
  })
})
