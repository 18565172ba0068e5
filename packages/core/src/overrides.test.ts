import { IDBFactory } from 'fake-indexeddb'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createClient } from './vexilClient'
import { createBootstrap } from './server'
import { VexilError } from './errors'
import { advance, boolFlag, expFlag, FAKE_TIMERS, fakeFetch, fakePage, postedEvents, snap, turns } from './clientTestHelpers'
import { formatUrlOverrides, parseUrlOverrides } from './urlOverrides'
import type { ClientOptions } from './clientTypes'
import type { Flag } from './types'
import { getOverrideLink } from './inspect'

const flags: Record<string, Flag> = {
  a: boolFlag(),
  e: expFlag(),
  s: { type: 'string', enabled: true, variations: { x: 'X', y: 'Y' }, offVariation: 'x', fallthrough: { variation: 'x' } },
  n: { type: 'number', enabled: true, variations: { one: 1, two: 2 }, offVariation: 'one', fallthrough: { variation: 'one' } },
}
const make = (o: ClientOptions = {}) =>
  createClient({ bootstrap: createBootstrap({ snapshot: snap(flags), context: { userId: 'u1' }, now: 0 }), onError: () => {}, ...o })

beforeEach(() => {
  globalThis.indexedDB = new IDBFactory()
  vi.useFakeTimers(FAKE_TIMERS)
})
afterEach(() => {
  vi.useRealTimers()
})

describe('overrides', () => {
  it('force a variation or a typed value, with reason OVERRIDE, and persist across instances', async () => {
    const c = make()
    await c.ready()
    c.setOverride('a', 'off')
    expect(c.evaluate('a')).toMatchObject({ value: false, variation: 'off', reason: 'OVERRIDE' })
    c.setOverride('s', 'free text')
    expect(c.getDetails('s', '')).toMatchObject({ value: 'free text', reason: 'OVERRIDE' })
    c.setOverride('n', 2)
    expect(c.getOverrides().n).toEqual({ variation: 'two' })
    c.setOverride('n', 7.5)
    expect(c.getValue('n', 0)).toBe(7.5)
    await c.close()

    const d = make()
    await turns(20)
    await d.ready()
    await vi.advanceTimersByTimeAsync(0)
    expect(d.getOverrides()).toEqual({ a: { variation: 'off' }, s: { value: 'free text' }, n: { value: 7.5 } })
    expect(d.getValue('a', true)).toBe(false)
    d.clearOverride('a')
    expect(d.getValue('a', false)).toBe(true)
    d.clearOverrides()
    expect(d.getOverrides()).toEqual({})
    await d.close()
  })

  it('refuses an unknown flag, an unknown variation or a wrong type with a typed error', async () => {
    const c = make()
    const code = (fn: () => void): string | undefined => {
      try {
        fn()
      } catch (e) {
        expect(e).toBeInstanceOf(VexilError)
        return (e as VexilError).code
      }
      return undefined
    }
    expect(code(() => c.setOverride('nope', 'on'))).toBe('FLAG_NOT_FOUND')
    expect(code(() => c.setOverride('a', 'maybe'))).toBe('INVALID_OVERRIDE')
    expect(code(() => c.setOverride('n', 'two-ish'))).toBe('INVALID_OVERRIDE')
    expect(code(() => c.setOverride('a', 1))).toBe('INVALID_OVERRIDE')
    expect(c.getOverrides()).toEqual({})
    const off = make({ allowOverrides: false })
    expect(code(() => off.setOverride('a', 'off'))).toBe('OVERRIDES_DISABLED')
    await c.close()
    await off.close()
  })

  it('expire at expiresAt, notifying', async () => {
    const c = make({ persistence: 'memory' })
    c.setOverride('a', false, { expiresAt: Date.now() + 10_000 })
    expect(c.getValue('a', true)).toBe(false)
    const listener = vi.fn()
    c.subscribe(listener)
    await advance((t) => vi.advanceTimersByTimeAsync(t), 10_000)
    expect(listener).toHaveBeenCalled()
    expect(c.getValue('a', false)).toBe(true)
    expect(c.getOverrides()).toEqual({})
    await c.close()
  })

  it('an overridden experiment flag sends no exposure', async () => {
    const fetch = fakeFetch(() => ({ status: 200 }))
    const c = make({ persistence: 'memory', eventsUrl: 'http://x/e', fetch })
    c.setOverride('e', 'b')
    expect(c.getVariant('e')).toMatchObject({ variation: 'b', reason: 'OVERRIDE', inExperiment: false })
    c.expose(c.evaluate('e'))
    c.clearOverride('e')
    c.getVariant('e')
    await c.flush()
    expect(postedEvents(fetch).filter((e) => e.type === 'exposure')).toHaveLength(1)
    await c.close()
  })

  it('allowOverrides: false ignores stored and URL overrides', async () => {
    const c = make()
    c.setOverride('a', 'off')
    await c.close()
    const page = fakePage()
    page.href = 'https://app.test/?vexil=s:y'
    const d = make({ allowOverrides: false, urlOverrides: true, environment: page.env })
    await d.ready()
    await turns(10)
    expect(d.getValue('a', false)).toBe(true)
    expect(d.getValue('s', '')).toBe('X')
    await d.close()
  })

  it('reads ?vexil= from the page URL and produces a link that reproduces the overrides', async () => {
    const page = fakePage()
    page.href = 'https://app.test/p?x=1&vexil=s:y,a:off,bad'
    const c = make({ persistence: 'memory', urlOverrides: true, environment: page.env })
    expect(c.getValue('s', '')).toBe('Y')
    expect(c.getValue('a', true)).toBe(false)
    const link = getOverrideLink(c, 'https://app.test/p?x=1')
    const pairs: string[][] = []
    parseUrlOverrides(link, (k, v) => pairs.push([k, v]))
    expect(pairs).toEqual([['s', 'y'], ['a', 'off']])
    expect(new URL(link).searchParams.get('x')).toBe('1')
    const fresh = make({ persistence: 'memory', urlOverrides: true, environment: { ...page.env, href: () => link } })
    expect(fresh.getOverrides()).toEqual(c.getOverrides())
    expect(formatUrlOverrides(undefined, {})).toBe('')
    // Only SPEC keys (a letter or digit first): `__proto__` and its like are no flag.
    const odd: Array<[string, string]> = []
    parseUrlOverrides('https://shop.example/?vexil=__proto__:x,_a:on,a:off', (k, v) => odd.push([k, v]))
    expect(odd).toEqual([['a', 'off']])
    expect(make({ persistence: 'memory' }).getValue('s', '')).toBe('X') // off unless asked
    await c.close()
    await fresh.close()
  })
})
