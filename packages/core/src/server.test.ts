import { describe, expect, it } from 'vitest'
import { createBootstrap, serializeBootstrap } from './server'
import { createClient } from './vexilClient'
import { boolFlag, expFlag, snap } from './clientTestHelpers'
import type { Snapshot, StickyAssignment, StickyStore } from './types'

describe('createBootstrap', () => {
  const snapshot = snap({ a: boolFlag(), secret: boolFlag({ clientSide: false }), e: expFlag() }, '9')

  it('evaluates and embeds only clientSide flags', () => {
    const p = createBootstrap({ snapshot, context: { userId: 'u1' }, now: Date.UTC(2026, 0, 1) })
    expect(p.v).toBe(1)
    expect(p.evaluatedAt).toBe('2026-01-01T00:00:00.000Z')
    expect(Object.keys(p.snapshot.flags)).toEqual(['a', 'e'])
    expect(Object.keys(p.evaluations)).toEqual(['a', 'e'])
    expect(p.evaluations.a).toEqual({ variation: 'on', value: true, reason: 'DEFAULT' })
    expect(p.evaluations.e!.reason).toBe('SPLIT')
    expect(snapshot.flags.secret).toBeDefined() // the input is not mutated
    expect(p.context).toEqual({ userId: 'u1' })
  })

  it('a client given the payload is ready synchronously and renders what the server rendered', () => {
    const p = createBootstrap({ snapshot, context: { userId: 'u1' } })
    const c = createClient({ bootstrap: JSON.parse(serializeBootstrap(p)), persistence: 'memory' })
    expect(c.getState()).toMatchObject({ status: 'ready', source: 'bootstrap', revision: '9' })
    expect(c.getContext()).toEqual({ userId: 'u1' })
    for (const [k, e] of Object.entries(p.evaluations)) expect(c.getServerResult(k)).toMatchObject(e)
    expect(c.evaluate('secret').errorCode).toBe('FLAG_NOT_FOUND')
    void c.close()
  })
})

describe('createBootstrap with a flag keyed __proto__', () => {
  it('keeps it as an own flag, evaluates only real flags, and round-trips through serializeBootstrap', () => {
    const raw = JSON.stringify(snap({ a: boolFlag(), e: expFlag() })).replace('"a":', '"__proto__":')
    const snapshot = JSON.parse(raw) as Snapshot
    expect(Object.keys(snapshot.flags)).toEqual(['__proto__', 'e'])
    const store = new Map<string, StickyAssignment>()
    const sticky: StickyStore = { get: (f, u, s) => store.get(f + u + s), set: (f, u, s, a) => void store.set(f + u + s, a) }
    const p = createBootstrap({ snapshot, context: { userId: 'u1' }, now: 0, sticky })
    expect(Object.keys(p.snapshot.flags)).toEqual(['__proto__', 'e'])
    expect('fallthrough' in p.snapshot.flags).toBe(false)
    expect(Object.keys(p.evaluations).sort()).toEqual(['__proto__', 'e'])
    for (const field of ['type', 'enabled', 'variations', 'offVariation', 'fallthrough']) expect(Object.hasOwn(p.evaluations, field)).toBe(false)
    const back = JSON.parse(serializeBootstrap(p))
    expect(Object.keys(back.snapshot.flags)).toEqual(['__proto__', 'e'])
    expect(Object.hasOwn(back.evaluations, '__proto__')).toBe(true)
    expect(back.evaluations.__proto__).toEqual(p.evaluations.__proto__)
    expect(back).toEqual(JSON.parse(JSON.stringify(p)))
  })
})

describe('serializeBootstrap', () => {
  it('cannot break out of a script element and round-trips exactly', () => {
    const evil = '</script><script>alert(1)</script><!-- & \u2028 \u2029 >'
    const p = createBootstrap({
      snapshot: snap({ s: { type: 'string', enabled: true, variations: { x: evil }, offVariation: 'x', fallthrough: { variation: 'x' } } }),
      context: { userId: evil },
    })
    const text = serializeBootstrap(p)
    expect(text).not.toMatch(/[<>&\u2028\u2029]/)
    expect(JSON.parse(text)).toEqual(p)
    expect(JSON.parse(text).evaluations.s.value).toBe(evil)
  })
})
