import { IDBFactory } from 'fake-indexeddb'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createClient } from './vexilClient'
import { advance, boolFlag, FAKE_TIMERS, FakeEventSource, fakeFetch, fakePage, snap, turns } from './clientTestHelpers'
import type { VexilErrorInfo } from './clientTypes'
import type { Snapshot } from './types'

const step = (ms: number, every = 1000): Promise<void> => advance((t) => vi.advanceTimersByTimeAsync(t), ms, every)
const json = (s: Snapshot): { status: number; body: string; etag: string } => ({ status: 200, body: JSON.stringify(s), etag: '"' + s.revision + '"' })

beforeEach(() => {
  globalThis.indexedDB = new IDBFactory()
  vi.useFakeTimers(FAKE_TIMERS)
  FakeEventSource.instances = []
})
afterEach(() => {
  vi.useRealTimers()
})

describe('polling', () => {
  it('polls on the interval while live, pauses while hidden, catches up when visible', async () => {
    const page = fakePage()
    // A snapshot first, then 304s: a 304 with no snapshot held is a failure, backed off.
    const fetch = fakeFetch((r) => (r.headers['if-none-match'] ? { status: 304 } : { status: 200, etag: 'e1', body: JSON.stringify(snap({ a: boolFlag() })) }))
    const c = createClient({ snapshotUrl: 'http://x/s', fetch, pollInterval: 10_000, environment: page.env, persistence: 'memory', onError: () => {} })
    c.mount()
    await step(1000)
    expect(fetch.calls).toHaveLength(1)
    await step(20_000)
    expect(fetch.calls).toHaveLength(3)
    page.emit('hidden')
    await step(60_000)
    expect(fetch.calls).toHaveLength(3)
    page.emit('visible')
    await step(100, 100)
    // The poll was due while hidden: one fetch at once, then the interval again.
    expect(fetch.calls).toHaveLength(4)
    await step(10_000)
    expect(fetch.calls).toHaveLength(5)
    await c.close()
    await step(60_000)
    expect(fetch.calls).toHaveLength(5)
  })

  it('backs off with jitter after 5xx, then opens the circuit breaker', async () => {
    const times: number[] = []
    const fetch = fakeFetch(() => (times.push(Date.now()), { status: 500 }))
    const errors: VexilErrorInfo[] = []
    const c = createClient({
      snapshotUrl: 'http://x/s',
      fetch,
      pollInterval: 1000,
      persistence: 'memory',
      onError: (e) => errors.push(e),
      environment: { random: () => 0.5 },
    })
    c.mount()
    await step(400_000, 500)
    expect(c.getState()).toMatchObject({ status: 'error', error: { code: 'HTTP', status: 500 } })
    // Full jitter at 0.5: 0.5 * 2^n s, then after six failures the breaker holds for five minutes.
    const gaps = times.slice(1).map((t, i) => t - times[i]!)
    expect(gaps).toEqual([1000, 2000, 4000, 8000, 16000, 300_000])
    expect(errors).toHaveLength(7)
    await c.close()
  })
})

describe('snapshot validation', () => {
  it('keeps the last good snapshot on malformed JSON and on an invalid snapshot, and reports', async () => {
    let reply: { status: number; body: string; etag?: string } = json(snap({ a: boolFlag() }, '1'))
    const fetch = fakeFetch(() => reply)
    const errors: VexilErrorInfo[] = []
    const c = createClient({ snapshotUrl: 'http://x/s', fetch, persistence: 'memory', onError: (e) => errors.push(e) })
    await c.ready()
    expect(c.getValue('a', false)).toBe(true)
    reply = { status: 200, body: '{"schemaVersion":1,' }
    await c.refresh()
    expect(errors.map((e) => e.code)).toEqual(['SNAPSHOT_PARSE'])
    expect(c.getState()).toMatchObject({ status: 'ready', revision: '1', stale: true, error: { code: 'SNAPSHOT_PARSE' } })
    reply = { status: 200, body: JSON.stringify({ schemaVersion: 2, revision: '2', environment: 'x', flags: {} }), etag: '"2"' }
    await c.refresh()
    await c.refresh()
    // The refused snapshot's ETag is never sent back: a 304 would "confirm" a snapshot we do not hold.
    expect(fetch.calls.at(-1)!.headers['if-none-match']).toBe('"1"')
    expect(errors.map((e) => e.code)).toEqual(['SNAPSHOT_PARSE', 'SNAPSHOT_INVALID', 'SNAPSHOT_INVALID'])
    // The client words a top-level rejection itself: the refused snapshot is not kept to ask later.
    expect(errors[1]!.details).toEqual([{ path: 'schemaVersion', message: 'unknown schemaVersion 2; this SDK reads version 1' }])
    expect(c.getState()).toMatchObject({ revision: '1', error: { code: 'SNAPSHOT_INVALID' } })
    expect(c.getValue('a', false)).toBe(true)
    // A flag-level error isolates that flag only.
    reply = json(snap({ a: boolFlag({ enabled: false }), bad: { ...boolFlag(), offVariation: 'x' } }, '3'))
    await c.refresh()
    expect(c.getState()).toMatchObject({ revision: '3', error: undefined, stale: false })
    expect(c.getValue('a', true)).toBe(false)
    expect(c.getDetails('bad', true)).toMatchObject({ reason: 'ERROR', errorCode: 'INVALID_FLAG' })
    await c.close()
  })

  it('sends If-None-Match and keeps the snapshot on 304', async () => {
    let n = 0
    const fetch = fakeFetch((r) => (r.headers['if-none-match'] === '"1"' ? { status: 304 } : (n++, json(snap({ a: boolFlag() }, '1')))))
    const c = createClient({ snapshotUrl: 'http://x/s', clientKey: 'k', fetch, persistence: 'memory' })
    await c.ready()
    const s = c.getState()
    const a = c.evaluate('a')
    vi.setSystemTime(Date.now() + 5000)
    await c.refresh()
    expect(n).toBe(1)
    expect(fetch.calls[1]!.headers).toMatchObject({ 'if-none-match': '"1"', authorization: 'Bearer k' })
    expect(c.getState().lastUpdated).toBeGreaterThan(s.lastUpdated!)
    expect(c.evaluate('a')).toBe(a)
    await c.close()
  })
})

describe('storage', () => {
  it('uses the stored snapshot when the service is down at start, with its ETag', async () => {
    const up = fakeFetch(() => json(snap({ a: boolFlag({ enabled: false }) }, '7')))
    const first = createClient({ snapshotUrl: 'http://x/s', fetch: up })
    await first.ready()
    await first.close()

    const down = fakeFetch(() => 'network')
    const errors: string[] = []
    const c = createClient({ snapshotUrl: 'http://x/s', fetch: down, onError: (e) => errors.push(e.code) })
    const state = await c.ready()
    expect(state).toMatchObject({ status: 'ready', source: 'storage', revision: '7' })
    expect(c.getValue('a', true)).toBe(false)
    await turns(10)
    expect(down.calls[0]!.headers['if-none-match']).toBe('"7"')
    expect(c.getState()).toMatchObject({ status: 'ready', source: 'storage', stale: true, error: { code: 'NETWORK' } })
    expect(errors).toEqual(['NETWORK'])
    await c.close()
  })

  it('a 304 for the stored snapshot confirms it as the network one', async () => {
    const fetch = fakeFetch((r) => (r.headers['if-none-match'] === '"5"' ? { status: 304 } : json(snap({ a: boolFlag() }, '5'))))
    const first = createClient({ snapshotUrl: 'http://x/s', fetch })
    await first.ready()
    await first.close()
    const c = createClient({ snapshotUrl: 'http://x/s', fetch })
    expect(await c.ready()).toMatchObject({ source: 'storage', stale: true })
    await turns(10)
    expect(c.getState()).toMatchObject({ source: 'network', stale: false, revision: '5' })
    await c.close()
  })

  it('falls back to memory, reporting once, when the store throws (quota, private mode)', async () => {
    const errors: string[] = []
    const storage = { get: () => undefined, set: () => Promise.reject(new Error('QuotaExceededError')), del: () => {}, keys: () => [], clear: () => {} }
    const c = createClient({ storage, persistence: 'indexeddb', onError: (e) => errors.push(e.code), bootstrap: { v: 1, snapshot: snap({ a: boolFlag() }), context: {}, evaluatedAt: '2026-01-01T00:00:00Z', evaluations: {} } })
    c.track('x')
    c.setOverride('a', false)
    await turns(10)
    c.track('y')
    await turns(10)
    expect(errors).toEqual(['STORAGE'])
    expect(c.getValue('a', true)).toBe(false)
    expect(c.getState().events.queued).toBe(2)
    await c.close()
  })

  it('a stored envelope of another version is cleared', async () => {
    const { createStore, set, get } = await import('idb-keyval')
    const store = createStore('vexil', 'kv')
    await set('vexil:v', 0, store)
    await set('|snapshot', { s: snap({ a: boolFlag() }), etag: null }, store)
    const c = createClient({ onError: () => {} })
    const s = await c.ready()
    expect(s).toMatchObject({ status: 'error', source: 'none' })
    expect(await get('|snapshot', store)).toBeUndefined()
    expect(await get('vexil:v', store)).toBe(1)
    await c.close()
  })

  it("persistence 'none' keeps everything in memory until switched on", async () => {
    const { createStore, keys } = await import('idb-keyval')
    const store = createStore('vexil', 'kv')
    const fetch = fakeFetch(() => json(snap({ a: boolFlag() }, '1')))
    const c = createClient({ snapshotUrl: 'http://x/s', fetch, persistence: 'none' })
    await c.ready()
    c.setOverride('a', false)
    c.track('x')
    await turns(20)
    expect(await keys(store)).toEqual([])
    await c.setPersistence('indexeddb')
    expect((await keys(store)).map(String).sort()).toEqual(expect.arrayContaining(['vexil:v', '|snapshot', '|overrides']))
    expect((await keys(store)).some((k) => String(k).startsWith('|q:'))).toBe(true)
    // Consent withdrawn: nothing stays on the device.
    await c.setPersistence('none')
    expect(await keys(store)).toEqual([])
    expect(c.getValue('a', true)).toBe(false)
    await c.close()
  })
})

describe('SSE stream', () => {
  it('fetches when the stream announces a new revision, polls as a fallback when it fails, reconnects', async () => {
    let rev = '1'
    let hold: Promise<void> | undefined
    const fetch = fakeFetch(async () => {
      // The revision is read when the request reaches the server.
      const r = json(snap({ a: boolFlag({ enabled: rev !== '1' }) }, rev))
      await hold
      return r
    })
    const c = createClient({
      snapshotUrl: 'http://x/s',
      streamUrl: 'http://x/stream',
      clientKey: 'k',
      fetch,
      pollInterval: 30_000,
      persistence: 'memory',
      environment: { EventSource: FakeEventSource, random: () => 0.5 },
    })
    await c.ready()
    c.mount()
    const es = FakeEventSource.instances[0]!
    expect(es.url).toBe('http://x/stream?key=k')
    es.onopen!({})
    await turns(3)
    const n = fetch.calls.length
    // While the stream is open there is no polling.
    await step(120_000, 10_000)
    expect(fetch.calls.length).toBe(n)
    es.push(JSON.stringify({ revision: '1' }))
    await turns(3)
    expect(fetch.calls.length).toBe(n)
    rev = '2'
    es.push(JSON.stringify({ revision: '2' }))
    await turns(3)
    expect(fetch.calls.length).toBe(n + 1)
    expect(c.getValue('a', false)).toBe(true)
    // A revision announced while a fetch is in flight is fetched once that one lands.
    let release = (): void => {}
    hold = new Promise<void>((r) => (release = r))
    const slow = fetch.calls.length
    void c.refresh()
    await turns(3)
    expect(fetch.calls.length).toBe(slow + 1)
    rev = '2b'
    es.push(JSON.stringify({ revision: '2b' }))
    expect(fetch.calls.length).toBe(slow + 1)
    hold = undefined
    release()
    await turns(10)
    expect(c.getState().revision).toBe('2b')
    expect(fetch.calls.length).toBe(slow + 2)
    // Several revisions announced during one fetch: only the newest is checked when it lands, and
    // that fetch already brought it, so nothing more is fetched.
    hold = new Promise<void>((r) => (release = r))
    rev = '3'
    const slow2 = fetch.calls.length
    void c.refresh()
    await turns(3)
    es.push(JSON.stringify({ revision: '2c' }))
    es.push(JSON.stringify({ revision: '3' }))
    hold = undefined
    release()
    await turns(10)
    expect(c.getState().revision).toBe('3')
    expect(fetch.calls.length).toBe(slow2 + 1)
    // The stream fails: polling resumes, and the stream reconnects after a backoff.
    es.onerror!({})
    expect(es.closed).toBe(true)
    await step(30_000, 1000)
    expect(fetch.calls.length).toBe(n + 5)
    expect(FakeEventSource.instances).toHaveLength(2)
    FakeEventSource.instances[1]!.onopen!({})
    await turns(3)
    const m = fetch.calls.length
    await step(120_000, 10_000)
    expect(fetch.calls.length).toBe(m)
    await c.close()
    expect(FakeEventSource.instances[1]!.closed).toBe(true)
  })
})
