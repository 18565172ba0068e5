import { describe, expect, it, vi } from 'vitest'
import { compileSnapshot } from './compileSnapshot'
import { evaluate, evaluateAll } from './evaluate'
import type { EvaluateOptions, StickyAssignment, StickyStore } from './types'

type Json = Record<string, unknown>

const boolFlag = (extra: Json = {}): Json => ({
  type: 'boolean',
  enabled: true,
  variations: { on: true, off: false },
  offVariation: 'off',
  fallthrough: { variation: 'on' },
  ...extra,
})
const snap = (flags: Json, extra: Json = {}): Json => ({ schemaVersion: 1, revision: 'r', environment: 'e', flags, ...extra })
const split = (on: number) => ({ split: [{ variation: 'off', weight: 100 - on }, { variation: 'on', weight: on }] })

function memoryStore(): StickyStore & { kept: Map<string, StickyAssignment> } {
  const kept = new Map<string, StickyAssignment>()
  return {
    kept,
    get: (f, u, s) => kept.get(`${f}|${u}|${s}`),
    set: (f, u, s, a) => void kept.set(`${f}|${u}|${s}`, a),
  }
}

describe('evaluate: the steps of SPEC §4 in order', () => {
  it('returns the caller default with INVALID_SNAPSHOT, FLAG_NOT_FOUND, INVALID_FLAG', () => {
    expect(evaluate('nope', 'f', {}, { default: 1 })).toEqual({ flagKey: 'f', value: 1, reason: 'ERROR', inExperiment: false, errorCode: 'INVALID_SNAPSHOT' })
    expect(evaluate(snap({}), 'f', {}, { default: 'x' })).toMatchObject({ value: 'x', errorCode: 'FLAG_NOT_FOUND' })
    expect(evaluate(snap({ f: boolFlag({ type: 'text' }) }), 'f', {}, { default: null })).toMatchObject({ value: null, errorCode: 'INVALID_FLAG' })
    expect(evaluate(snap({ f: boolFlag() }), 42 as unknown as string)).toMatchObject({ reason: 'ERROR', errorCode: 'FLAG_NOT_FOUND' })
    expect(evaluate(snap({ f: boolFlag() }), 'toString')).toMatchObject({ errorCode: 'FLAG_NOT_FOUND' })
  })

  it('applies overrides before the kill switch, ignores unknown variations, and not to invalid flags', () => {
    const s = snap({ f: boolFlag({ enabled: false }), bad: boolFlag({ offVariation: 'x' }) })
    expect(evaluate(s, 'f', {}, { overrides: { f: { variation: 'on' } } })).toEqual({ flagKey: 'f', value: true, variation: 'on', reason: 'OVERRIDE', inExperiment: false })
    expect(evaluate(s, 'f', {}, { overrides: { f: { value: 'raw' } } })).toEqual({ flagKey: 'f', value: 'raw', reason: 'OVERRIDE', inExperiment: false })
    expect(evaluate(s, 'f', {}, { overrides: { f: { variation: 'maybe' } } })).toMatchObject({ reason: 'DISABLED' })
    expect(evaluate(s, 'bad', {}, { overrides: { bad: { value: true } } })).toMatchObject({ reason: 'ERROR', errorCode: 'INVALID_FLAG' })
  })

  it('reads overrides from own properties only, so a polluted prototype overrides nothing', () => {
    const s = snap({ f: boolFlag({ enabled: false }) })
    expect(evaluate(s, 'f', {}, { overrides: Object.create({ f: { variation: 'on' } }) as NonNullable<EvaluateOptions['overrides']> })).toMatchObject({ reason: 'DISABLED' })
    expect(evaluate(s, 'f', {}, { overrides: { f: Object.create({ variation: 'on', value: 1 }) as { variation: string } } })).toMatchObject({ reason: 'DISABLED' })
    expect(evaluate(s, 'f', {}, { overrides: { other: { variation: 'on' } } })).toMatchObject({ reason: 'DISABLED' })
  })

  it('serves offVariation when disabled, and outside the schedule (start inclusive, end exclusive)', () => {
    const s = snap({ f: boolFlag({ schedule: { start: '2026-11-01', end: '2026-12-01' } }), k: boolFlag({ enabled: false }) })
    expect(evaluate(s, 'k', {})).toEqual({ flagKey: 'k', value: false, variation: 'off', reason: 'DISABLED', inExperiment: false })
    expect(evaluate(s, 'f', {}, { now: Date.UTC(2026, 10, 1) - 1 })).toMatchObject({ reason: 'OFF_SCHEDULE', value: false })
    expect(evaluate(s, 'f', {}, { now: Date.UTC(2026, 10, 1) })).toMatchObject({ reason: 'DEFAULT', value: true })
    expect(evaluate(s, 'f', {}, { now: Date.UTC(2026, 11, 1) })).toMatchObject({ reason: 'OFF_SCHEDULE' })
  })

  it('reads the clock when now is not a finite number', () => {
    vi.useFakeTimers({ now: Date.UTC(2026, 10, 15) })
    try {
      const s = snap({ f: boolFlag({ schedule: { start: '2026-11-01', end: '2026-12-01' } }) })
      expect(evaluate(s, 'f', {}, { now: Number.NaN }).reason).toBe('DEFAULT')
      vi.setSystemTime(Date.UTC(2027, 0, 1))
      expect(evaluate(s, 'f', {}).reason).toBe('OFF_SCHEDULE')
    } finally {
      vi.useRealTimers()
    }
  })

  it('fails a prerequisite that serves another variation, is in error, or is overridden to a raw value', () => {
    const s = snap({
      base: boolFlag({ fallthrough: { variation: 'off' } }),
      dep: boolFlag({ prerequisites: [{ flag: 'base', variations: ['on'] }] }),
      broken: boolFlag({ type: 'nope' }),
      depBroken: boolFlag({ prerequisites: [{ flag: 'broken', variations: ['on'] }] }),
    })
    expect(evaluate(s, 'dep', {})).toEqual({ flagKey: 'dep', value: false, variation: 'off', reason: 'PREREQUISITE_FAILED', inExperiment: false, prerequisite: 'base' })
    expect(evaluate(s, 'dep', {}, { overrides: { base: { variation: 'on' } } })).toMatchObject({ reason: 'DEFAULT', value: true })
    expect(evaluate(s, 'dep', {}, { overrides: { base: { value: true } } })).toMatchObject({ reason: 'PREREQUISITE_FAILED' })
    expect(evaluate(s, 'depBroken', {})).toMatchObject({ reason: 'PREREQUISITE_FAILED', prerequisite: 'broken' })
  })

  it('evaluates a diamond of prerequisites once per flag and a long chain without overflowing', () => {
    const flags: Json = { f0: boolFlag() }
    for (let i = 1; i <= 40; i++) flags[`f${i}`] = boolFlag({ prerequisites: [{ flag: `f${i - 1}`, variations: ['on'] }, { flag: `f${i - 1}`, variations: ['on'] }] })
    const started = performance.now()
    expect(evaluate(snap(flags), 'f40', {})).toMatchObject({ reason: 'DEFAULT', value: true })
    expect(performance.now() - started).toBeLessThan(1000)
    const chain: Json = { c0: boolFlag() }
    for (let i = 1; i <= 20_000; i++) chain[`c${i}`] = boolFlag({ prerequisites: [{ flag: `c${i - 1}`, variations: ['on'] }] })
    expect(evaluate(snap(chain), 'c20000', {})).toMatchObject({ reason: 'DEFAULT', value: true })
    expect(evaluate(snap(chain), 'c20000', {}, { overrides: { c0: { variation: 'off' } } })).toMatchObject({ reason: 'PREREQUISITE_FAILED', prerequisite: 'c19999' })
  })

  it('skips a rule out of its schedule, failing a condition, or outside its rollout', () => {
    const s = snap({
      f: boolFlag({
        fallthrough: { variation: 'off' },
        rules: [
          { id: 'later', schedule: { start: '2030-01-01' }, serve: { variation: 'on' } },
          { id: 'pro', conditions: [{ attribute: 'plan', op: 'in', values: ['pro'] }], serve: { variation: 'on' } },
          { id: 'none', rollout: 0, serve: { variation: 'on' } },
        ],
      }),
    })
    expect(evaluate(s, 'f', { plan: 'free' }, { now: 0 })).toMatchObject({ reason: 'DEFAULT', value: false })
    expect(evaluate(s, 'f', { plan: 'pro' }, { now: Date.UTC(2031, 0, 1) })).toMatchObject({ reason: 'TARGETING_MATCH', ruleId: 'later' })
    expect(evaluate(s, 'f', { plan: 'pro' }, { now: 0 })).toMatchObject({ reason: 'TARGETING_MATCH', ruleId: 'pro' })
  })

  it('skips a partial rollout or a split rule without a unit; a fallthrough split without unit serves off', () => {
    const s = snap({
      f: boolFlag({
        rules: [
          { id: 'half', rollout: 50, serve: { variation: 'on' } },
          { id: 'split', serve: split(100), experiment: 'e' },
        ],
        fallthrough: split(100),
      }),
    })
    expect(evaluate(s, 'f', { userId: '' })).toEqual({ flagKey: 'f', value: false, variation: 'off', reason: 'DEFAULT', inExperiment: false })
    const withUnit = evaluate(s, 'f', { userId: 'u-1' })
    expect(['half', 'split']).toContain(withUnit.ruleId)
  })

  it('moves units in along a progressive rollout', () => {
    const s = snap({ f: boolFlag({ fallthrough: { variation: 'off' }, rules: [{ id: 'ramp', rollout: { from: 0, to: 100, start: '2026-11-01', end: '2026-12-01' }, serve: { variation: 'on' } }] }) })
    const share = (now: number): number => {
      let on = 0
      for (let i = 0; i < 2000; i++) if (evaluate(s, 'f', { userId: `u-${i}` }, { now }).value === true) on++
      return on / 2000
    }
    expect(share(Date.UTC(2026, 9, 1))).toBe(0)
    expect(share(Date.UTC(2026, 10, 16))).toBeGreaterThan(0.4)
    expect(share(Date.UTC(2026, 10, 16))).toBeLessThan(0.6)
    expect(share(Date.UTC(2027, 0, 1))).toBe(1)
  })

  it('marks split evaluations with experiment, and only those', () => {
    const s = snap({ f: boolFlag({ rules: [{ id: 'exp', serve: split(50), experiment: 'e1' }], fallthrough: split(50) }), g: boolFlag({ fallthrough: split(50) }) })
    expect(evaluate(s, 'f', { userId: 'u' })).toMatchObject({ reason: 'SPLIT', inExperiment: true, experiment: 'e1', ruleId: 'exp' })
    const g = evaluate(s, 'g', { userId: 'u' })
    expect(g).toMatchObject({ reason: 'SPLIT', inExperiment: false })
    expect('experiment' in g).toBe(false)
    expect('ruleId' in g).toBe(false)
  })
})

describe('sticky assignments', () => {
  const stickySnap = (on: number, salt = 's1', extra: Json = {}) => snap({ f: boolFlag({ sticky: true, salt, fallthrough: { ...split(on), experiment: 'exp' }, ...extra }) })

  it('writes a split assignment and serves it later even when weights change', () => {
    const store = memoryStore()
    expect(evaluate(stickySnap(100), 'f', { userId: 'u' }, { sticky: store })).toMatchObject({ reason: 'SPLIT', variation: 'on' })
    expect(store.kept.get('f|u|s1')).toEqual({ variation: 'on', experiment: 'exp' })
    expect(evaluate(stickySnap(0), 'f', { userId: 'u' }, { sticky: store })).toEqual({ flagKey: 'f', value: true, variation: 'on', reason: 'STICKY', inExperiment: true, experiment: 'exp' })
  })

  it('is ignored after a re-salt, under the kill switch, and without a unit', () => {
    const store = memoryStore()
    evaluate(stickySnap(100), 'f', { userId: 'u' }, { sticky: store })
    expect(evaluate(stickySnap(0, 's2'), 'f', { userId: 'u' }, { sticky: store })).toMatchObject({ reason: 'SPLIT', variation: 'off' })
    expect(evaluate(stickySnap(0, 's1', { enabled: false }), 'f', { userId: 'u' }, { sticky: store })).toMatchObject({ reason: 'DISABLED' })
    expect(evaluate(stickySnap(0), 'f', {}, { sticky: store })).toMatchObject({ reason: 'DEFAULT', variation: 'off' })
  })

  it('treats a throwing or lying store as empty and ignores a failing set', () => {
    const throwing: StickyStore = { get: () => { throw new Error('get') }, set: () => { throw new Error('set') } }
    expect(evaluate(stickySnap(100), 'f', { userId: 'u' }, { sticky: throwing })).toMatchObject({ reason: 'SPLIT', variation: 'on' })
    for (const answer of [{ variation: 'ghost' }, 'on', null, { variation: 1 }]) {
      const lying = { get: () => answer, set: () => undefined } as unknown as StickyStore
      expect(evaluate(stickySnap(100), 'f', { userId: 'u' }, { sticky: lying })).toMatchObject({ reason: 'SPLIT' })
    }
  })

  it('drops a stored ruleId or experiment that is not a valid key, keeping the assignment', () => {
    for (const bad of ['', ' exp', 'bad key', '_x', 'x'.repeat(129)]) {
      const store = { get: () => ({ variation: 'on', ruleId: bad, experiment: bad }), set: () => undefined } as StickyStore
      expect(evaluate(stickySnap(0), 'f', { userId: 'u' }, { sticky: store })).toEqual({ flagKey: 'f', value: true, variation: 'on', reason: 'STICKY', inExperiment: false })
    }
    const good = { get: () => ({ variation: 'on', ruleId: 'r-1', experiment: 'exp:2' }), set: () => undefined } as StickyStore
    expect(evaluate(stickySnap(0), 'f', { userId: 'u' }, { sticky: good })).toMatchObject({ reason: 'STICKY', ruleId: 'r-1', experiment: 'exp:2', inExperiment: true })
  })

  it('does not use the store for prerequisites or flags that are not sticky', () => {
    const store = memoryStore()
    const s = snap({ base: boolFlag({ sticky: true, fallthrough: split(100) }), dep: boolFlag({ prerequisites: [{ flag: 'base', variations: ['on'] }] }), plain: boolFlag({ fallthrough: split(100) }) })
    evaluate(s, 'dep', { userId: 'u' }, { sticky: store })
    evaluate(s, 'plain', { userId: 'u' }, { sticky: store })
    expect(store.kept.size).toBe(0)
  })
})

describe('evaluateAll and the compiled snapshot', () => {
  it('evaluates every flag in snapshot order, sharing prerequisite results', () => {
    const s = snap({ a: boolFlag(), b: boolFlag({ prerequisites: [{ flag: 'a', variations: ['on'] }] }), c: boolFlag({ type: 'x' }) })
    const all = evaluateAll(s, { userId: 'u' }, { default: 'd' })
    expect(Object.keys(all)).toEqual(['a', 'b', 'c'])
    expect(all['b']).toMatchObject({ reason: 'DEFAULT', value: true })
    expect(all['c']).toMatchObject({ reason: 'ERROR', errorCode: 'INVALID_FLAG', value: 'd' })
    expect(evaluateAll({ schemaVersion: 2, flags: { a: {} } }, {}, { default: 0 })).toEqual({ a: { flagKey: 'a', value: 0, reason: 'ERROR', inExperiment: false, errorCode: 'INVALID_SNAPSHOT' } })
    expect(evaluateAll(null)).toEqual({})
  })

  it('compiles once per snapshot object and exposes per-flag data for the client', () => {
    const s = snap({ f: boolFlag({ salt: 'x', bucketBy: 'deviceId', sticky: true, clientSide: false, description: 'd', tags: ['t'] }), g: boolFlag({ type: 'nope' }) })
    const compiled = compileSnapshot(s)
    expect(compileSnapshot(s)).toBe(compiled)
    expect(compiled).toMatchObject({ valid: true, errors: [], revision: 'r', environment: 'e', flagKeys: ['f', 'g'], invalidFlags: ['g'] })
    expect(compiled.flags.get('f')).toMatchObject({ valid: true, type: 'boolean', offVariation: 'off', salt: 'x', bucketBy: 'deviceId', sticky: true, clientSide: false, description: 'd', tags: ['t'] })
    expect({ ...compiled.flags.get('f')?.variations }).toEqual({ on: true, off: false })
    expect(compiled.flags.get('g')).toMatchObject({ valid: false, errors: [{ path: 'flags.g.type', message: expect.any(String) }] })
    expect(compileSnapshot(42)).toMatchObject({ valid: false, errors: [{ path: '' }] })
  })

  it('returns shared, frozen results for outcomes that depend only on the snapshot', () => {
    const s = snap({ f: boolFlag() })
    const first = evaluate(s, 'f', { userId: 'a' })
    expect(evaluate(s, 'f', { userId: 'b' })).toBe(first)
    expect(Object.isFrozen(first)).toBe(true)
  })
})
