// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest'
import { createEnvironment, uuid } from './environment'
import { createClient } from './vexilClient'
import type { PageEvent } from './environment'

const setVisibility = (v: 'hidden' | 'visible' | 'prerender' | 'unloaded'): void => {
  Object.defineProperty(document, 'visibilityState', { value: v, configurable: true })
  document.dispatchEvent(new Event('visibilitychange'))
}

afterEach(() => {
  vi.unstubAllGlobals()
  setVisibility('visible')
})

describe('the default environment in a browser', () => {
  it('reports visibility changes and pagehide, and stops when asked', () => {
    const env = createEnvironment()
    const seen: PageEvent[] = []
    const off = env.onPage((e) => seen.push(e))
    setVisibility('hidden')
    expect(env.isHidden()).toBe(true)
    setVisibility('visible')
    window.dispatchEvent(new Event('pagehide'))
    off()
    setVisibility('hidden')
    expect(seen).toEqual(['hidden', 'visible', 'pagehide'])
    // Legacy states are no page event of their own: anything but hidden is visible.
    const legacy: PageEvent[] = []
    const stop = env.onPage((e) => legacy.push(e))
    setVisibility('prerender')
    setVisibility('unloaded')
    stop()
    expect(legacy).toEqual(['visible', 'visible'])
    expect(env.href()).toBe(location.href)
  })

  it('late-binds navigator.sendBeacon and calls it on navigator', async () => {
    const calls: Array<[string, string]> = []
    Object.defineProperty(navigator, 'sendBeacon', {
      configurable: true,
      value: function (this: Navigator, url: string, body: string) {
        expect(this).toBe(navigator)
        calls.push([url, body])
        return true
      },
    })
    const c = createClient({ eventsUrl: 'https://api.test/v1/events', clientKey: 'pk 1', persistence: 'memory', fetch: vi.fn() })
    c.track('purchase', { value: 9.5 })
    window.dispatchEvent(new Event('pagehide'))
    expect(calls).toHaveLength(1)
    expect(calls[0]![0]).toBe('https://api.test/v1/events?key=pk%201')
    expect(JSON.parse(calls[0]![1]).events[0]).toMatchObject({ type: 'conversion', event: 'purchase', value: 9.5 })
    await c.close()
    window.dispatchEvent(new Event('pagehide'))
    expect(calls).toHaveLength(1)
  })

  it('makes v4 UUIDs, also without crypto.randomUUID (insecure origins)', () => {
    const real = globalThis.crypto
    const getRandomValues = vi.fn((b: Uint8Array) => real.getRandomValues(b))
    vi.stubGlobal('crypto', { getRandomValues })
    const ids = new Set([...Array.from({ length: 100 }, () => uuid())])
    vi.unstubAllGlobals()
    // The platform's strong randomness, not Math.random: one byte per random hex digit.
    expect(getRandomValues).toHaveBeenCalledTimes(100 * 31)
    ids.add(uuid())
    expect(ids.size).toBe(101)
    for (const id of ids) expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/)
  })
})

describe('the default environment on a partial platform', () => {
  it('makes v4 UUIDs without crypto (React Native without a polyfill)', () => {
    vi.stubGlobal('crypto', undefined)
    const ids = new Set(Array.from({ length: 50 }, () => uuid()))
    expect(ids.size).toBe(50)
    for (const id of ids) expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/)
  })

  it('follows no page lifecycle where a document has no window events (server DOM shims)', () => {
    vi.stubGlobal('addEventListener', undefined)
    const seen: PageEvent[] = []
    const off = createEnvironment().onPage((e) => seen.push(e))
    setVisibility('hidden')
    off()
    expect(seen).toEqual([])
    // And a client with events starts there.
    const c = createClient({ eventsUrl: 'http://x/e', persistence: 'none' })
    expect(c.getState().status).toBeDefined()
    void c.close()
  })
})
