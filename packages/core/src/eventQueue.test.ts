import { IDBFactory } from 'fake-indexeddb'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createClient } from './vexilClient'
import { memoryStore } from './persister'
import { advance, expFlag, FAKE_TIMERS, fakeFetch, fakePage, postedEvents, snap, turns, type FakeReply } from './clientTestHelpers'
import { createBootstrap } from './server'
import type { VexilClient, VexilErrorInfo, VexilEvent } from './clientTypes'
import { subscribeActivity } from './inspect'

const step = (ms: number, every = 1000): Promise<void> => advance((t) => vi.advanceTimersByTimeAsync(t), ms, every)
const quiet = { warn: () => {}, error: () => {} }

beforeEach(() => {
  globalThis.indexedDB = new IDBFactory()
  vi.useFakeTimers(FAKE_TIMERS)
})
afterEach(() => {
  vi.useRealTimers()
})

const queuedIds = (c: VexilClient): Set<string> => {
  const ids = new Set<string>()
  subscribeActivity(c, (e) => e.kind === 'queued' && ids.add(e.event.id))
  return ids
}

describe('event delivery', () => {
  it('loses nothing: 1,000 events of a client dropped without flushing are delivered by the next one, each once', async () => {
    // The first page dies: its timers never fire and its one request never returns.
    const dead = createClient({
      eventsUrl: 'http://x/e',
      fetch: fakeFetch(() => 'hang'),
      environment: { setTimeout: () => 0, clearTimeout: () => {} },
      onError: () => {},
    })
    const ids = queuedIds(dead)
    for (let i = 0; i < 1000; i++) dead.track('buy', { value: i })
    await turns(60)
    expect(ids.size).toBe(1000)

    const fetch = fakeFetch(() => ({ status: 202 }))
    const next = createClient({ eventsUrl: 'http://x/e', fetch, onError: () => {} })
    await next.ready()
    await turns(30)
    // The slot is adopted only once its heartbeat is older than the lease (a live tab keeps it fresh).
    expect(postedEvents(fetch)).toHaveLength(0)
    await step(130_000, 5000)
    const sent = postedEvents(fetch).map((e) => e.id)
    expect(sent).toHaveLength(1000)
    expect(new Set(sent)).toEqual(ids)
    expect(next.getState().events).toMatchObject({ queued: 0, sent: 1000 })
    // Nothing is left to deliver twice, by this client or a third one.
    const third = createClient({ eventsUrl: 'http://x/e', fetch, onError: () => {} })
    await third.ready()
    await step(200_000, 10_000)
    expect(postedEvents(fetch)).toHaveLength(1000)
    await next.close()
    await third.close()
  })

  it('sends the queue with sendBeacon on pagehide and on hidden, key in the query, text body', async () => {
    const page = fakePage()
    const fetch = fakeFetch(() => ({ status: 200 }))
    // No mount needed: the beacon listens from creation to close().
    const c = createClient({ eventsUrl: 'http://x/e', clientKey: 'ck', fetch, environment: page.env, persistence: 'memory' })
    c.track('a')
    c.track('b')
    page.emit('pagehide')
    expect(page.beacons).toHaveLength(1)
    expect(page.beacons[0]!.url).toBe('http://x/e?key=ck')
    const body = JSON.parse(page.beacons[0]!.body) as { sdk: string; events: VexilEvent[] }
    expect(body.sdk).toMatch(/^vexil-js\//)
    expect(body.events.map((e) => e.type === 'conversion' && e.event)).toEqual(['a', 'b'])
    expect(c.getState().events).toMatchObject({ queued: 0, sent: 2 })
    c.track('c')
    page.emit('hidden')
    expect(page.beacons).toHaveLength(2)
    expect(fetch.calls).toHaveLength(0)
    // A refused beacon falls back to fetch with keepalive.
    page.beaconOk = false
    c.track('d')
    page.emit('hidden')
    await turns(3)
    expect(fetch.calls).toHaveLength(1)
    expect(c.getState().events.sent).toBe(4)
    await c.close()
  })

  it('while delivery fails, a beacon on hide still goes, but its events stay queued and stored until a fetch delivers them', async () => {
    const page = fakePage()
    let reply: FakeReply = { status: 503 }
    const fetch = fakeFetch(() => reply)
    const store = memoryStore()
    const c = createClient({ eventsUrl: 'http://x/e', fetch, storage: store, environment: { ...page.env, random: () => 0.5 }, onError: () => {} })
    c.track('buy')
    await c.flush()
    expect(c.getState().events).toMatchObject({ queued: 1, sent: 0 })
    page.emit('hidden')
    await turns()
    // Sent (it may get through: a beacon is all a closing page has), not counted as delivered.
    expect(page.beacons).toHaveLength(1)
    expect(c.getState().events).toMatchObject({ queued: 1, sent: 0 })
    // Stored: a page that follows this one could adopt it.
    const slot = (await store.keys()).find((k) => k.includes('q:'))
    expect(((await store.get(slot!)) as { e: VexilEvent[] }).e.map((e) => e.type === 'conversion' && e.event)).toEqual(['buy'])
    reply = { status: 200 }
    page.emit('visible')
    await step(5000)
    // The 503, then the delivery (the service drops the beacon's copy by id).
    expect(postedEvents(fetch).filter((e) => e.type === 'conversion')).toHaveLength(2)
    expect(c.getState().events).toMatchObject({ queued: 0, sent: 1 })
    // Hidden then pagehide, as a closing page fires them, while still failing: beaconed once.
    reply = { status: 503 }
    c.track('again')
    await c.flush()
    page.emit('hidden')
    page.emit('pagehide')
    expect(page.beacons.map((b) => (JSON.parse(b.body) as { events: VexilEvent[] }).events.length)).toEqual([1, 1])
    reply = { status: 200 }
    page.emit('visible')
    await step(70_000, 5000)
    expect(c.getState().events).toMatchObject({ queued: 0, sent: 2 })
    // Delivering again: a beacon counts as delivered, as before the failure.
    c.track('more')
    page.emit('hidden')
    expect(page.beacons).toHaveLength(3)
    expect(c.getState().events).toMatchObject({ queued: 0, sent: 3 })
    await c.close()
  })

  it('a conversion whose properties JSON cannot write is queued without them, reported, and blocks nothing', async () => {
    const fetch = fakeFetch(() => ({ status: 200 }))
    const errors: VexilErrorInfo[] = []
    const c = createClient({ eventsUrl: 'http://x/e', fetch, persistence: 'memory', onError: (e) => errors.push(e) })
    const cyclic: Record<string, unknown> = { plan: 'pro' }
    cyclic.self = cyclic
    const props = { items: 1 }
    c.track('before')
    c.track('cart', { value: 5, properties: cyclic as never })
    c.track('bigint', { properties: { n: 1n } as never })
    c.track('after', { properties: props })
    // A later change to the app's object does not change the queued event.
    props.items = 2
    await c.flush()
    const sent = postedEvents(fetch).map((e) => e.type === 'conversion' && [e.event, e.value, e.properties])
    expect(sent).toEqual([
      ['before', undefined, undefined],
      ['cart', 5, undefined],
      ['bigint', undefined, undefined],
      ['after', undefined, { items: 1 }],
    ])
    expect(errors.map((e) => e.code)).toEqual(['INVALID_EVENT', 'INVALID_EVENT'])
    expect(errors[0]!.message).toMatch(/^\[vexil\] track\("cart"\): properties left out \(TypeError: .*circular/i)
    await c.close()
  })

  it('close() waits for one request timeout, not two, when the events endpoint hangs', async () => {
    const fetch = fakeFetch(() => 'hang')
    const c = createClient({ eventsUrl: 'http://x/e', fetch, persistence: 'memory', onError: () => {}, requestTimeout: 10_000 })
    c.track('a')
    const start = Date.now()
    let closedAt = 0
    void c.flush()
    void c.close().then(() => (closedAt = Date.now()))
    await step(30_000)
    expect(closedAt - start).toBe(10_000)
    expect(fetch.calls).toHaveLength(1)
  })

  it('leaves out falsy properties and those that write as nothing, as when none are given', async () => {
    const fetch = fakeFetch(() => ({ status: 200 }))
    const errors: string[] = []
    const c = createClient({ eventsUrl: 'http://x/e', fetch, persistence: 'memory', onError: (e) => errors.push(e.code) })
    for (const properties of [false, '', 0, null, () => 1, { toJSON: () => undefined }]) c.track('t', { properties: properties as never })
    await c.close()
    expect(postedEvents(fetch).map((e) => 'properties' in e)).toEqual([false, false, false, false, false, false])
    expect(errors).toEqual([])
  })

  it('adopts another page\'s stored events but leaves out those JSON cannot write, so delivery goes on', async () => {
    const store = memoryStore()
    const now = Date.now()
    const ok = { type: 'conversion', id: 'e-ok', timestamp: new Date(now).toISOString(), event: 'buy' }
    const bad = { type: 'conversion', id: 'e-bad', timestamp: new Date(now).toISOString(), event: 'buy', properties: { n: 1n } }
    await store.set('vexil:v', 1)
    await store.set('|q:gone', { t: now - 600_000, e: [bad, ok] })
    const fetch = fakeFetch(() => ({ status: 200 }))
    const c = createClient({ eventsUrl: 'http://x/e', fetch, storage: store, onError: () => {} })
    await step(10_000)
    expect(postedEvents(fetch).map((e) => e.id)).toEqual(['e-ok'])
    await expect(c.close()).resolves.toBeUndefined()
    expect(vi.getTimerCount()).toBe(0)
  })

  it('close() tries once more past a backoff, and reports what it could not deliver', async () => {
    let reply: FakeReply = { status: 503 }
    const fetch = fakeFetch(() => reply)
    const errors: string[] = []
    const c = createClient({ eventsUrl: 'http://x/e', fetch, persistence: 'memory', onError: (e) => errors.push(e.message), environment: { random: () => 0.5 } })
    c.track('a')
    await c.flush()
    reply = { status: 200 }
    // Backing off for a second, yet close() sends now.
    await c.close()
    expect(postedEvents(fetch).map((e) => e.type === 'conversion' && e.event)).toEqual(['a', 'a'])
    expect(c.getState().events).toMatchObject({ queued: 0, sent: 1 })

    const down = createClient({ eventsUrl: 'http://x/e', fetch: fakeFetch(() => 'network'), persistence: 'memory', onError: (e) => errors.push(e.message) })
    down.track('b')
    await down.flush()
    await down.close()
    expect(errors.at(-1)).toBe('[vexil] close(): 1 events unsent')
  })

  it('drops a batch on 4xx (reported), retries 5xx and network errors with backoff', async () => {
    let reply: FakeReply = { status: 400 }
    const fetch = fakeFetch(() => reply)
    const errors: VexilErrorInfo[] = []
    const c = createClient({ eventsUrl: 'http://x/e', fetch, persistence: 'memory', onError: (e) => errors.push(e), environment: { random: () => 0.5 } })
    c.track('bad')
    await c.flush()
    expect(c.getState().events).toMatchObject({ queued: 0, failed: 1, sent: 0 })
    expect(errors.map((e) => e.code)).toEqual(['EVENTS_REJECTED'])

    reply = { status: 503 }
    c.track('later')
    await c.flush()
    expect(c.getState().events).toMatchObject({ queued: 1, failed: 1 })
    const n = fetch.calls.length
    reply = 'network'
    await step(1000, 100) // backoff 0.5 * 2s = 1 s
    expect(fetch.calls.length).toBe(n + 1)
    expect(c.getState().events.queued).toBe(1)
    reply = { status: 429 }
    await step(2000, 100) // 0.5 * 4 s
    expect(fetch.calls.length).toBe(n + 2)
    reply = { status: 200 }
    await step(8000, 100)
    expect(c.getState().events).toMatchObject({ queued: 0, sent: 1, failed: 1 })
    // The run of three failures (503, network, 429) is reported once, with its first cause.
    expect(errors.map((e) => [e.code, e.message])).toEqual([
      ['EVENTS_REJECTED', expect.stringContaining('400')],
      ['HTTP', '[vexil] http://x/e answered 503, retrying'],
    ])
    await c.close()
  })

  it('is bounded: the oldest are dropped and counted', async () => {
    const errors: string[] = []
    const c = createClient({ persistence: 'memory', maxQueueSize: 10, onError: (e) => errors.push(e.code) })
    const dropped: VexilEvent[] = []
    subscribeActivity(c, (a) => a.kind === 'dropped' && dropped.push(a.event))
    for (let i = 0; i < 15; i++) c.track('e' + i)
    expect(c.getState().events).toMatchObject({ queued: 10, dropped: 5 })
    expect(dropped.map((e) => e.type === 'conversion' && e.event)).toEqual(['e0', 'e1', 'e2', 'e3', 'e4'])
    expect(errors).toEqual(['QUEUE_FULL'])
    await c.close()
    // An error handler that tracks the error (a common pattern) is not called again for its own event.
    let calls = 0
    const t = createClient({ persistence: 'memory', maxQueueSize: 2, onError: (e) => (calls++, t.track('error', { properties: { code: e.code } })) })
    for (let i = 0; i < 3; i++) t.track('e' + i)
    expect(calls).toBe(1)
    expect(t.getState().events).toMatchObject({ queued: 2, dropped: 2 })
    await t.close()
  })

  it('batches by size and by time', async () => {
    const fetch = fakeFetch(() => ({ status: 200 }))
    const c = createClient({ eventsUrl: 'http://x/e', fetch, persistence: 'memory', maxBatchSize: 10, flushInterval: 5000 })
    for (let i = 0; i < 25; i++) c.track('e')
    await turns(3)
    // Full batches go at once; the rest waits for the interval.
    expect(fetch.calls.map((r) => (JSON.parse(r.body!) as { events: unknown[] }).events.length)).toEqual([10, 10])
    await step(5000)
    expect(fetch.calls).toHaveLength(3)
    expect(c.getState().events).toMatchObject({ sent: 25, queued: 0 })
    expect(fetch.calls[0]!.headers['content-type']).toBe('application/json')
    await c.close()
  })

  it.each(['IndexedDB', 'an injected store'])('two live clients on %s deliver every event once, even through a long outage', async (kind) => {
    const storage = kind === 'IndexedDB' ? undefined : memoryStore()
    let up = false
    const accepted: VexilEvent[] = []
    const fetch = fakeFetch((req) => {
      if (!up) return { status: 503 }
      accepted.push(...(JSON.parse(req.body!) as { events: VexilEvent[] }).events)
      return { status: 200 }
    })
    const make = (): VexilClient => createClient({ eventsUrl: 'http://x/e', fetch, ...(storage && { storage }), onError: () => {}, logger: quiet })
    const a = make()
    const b = make()
    const ids = new Set([...queuedIds(a), ...queuedIds(b)])
    const all = new Set<string>()
    for (const c of [a, b]) subscribeActivity(c, (e) => e.kind === 'queued' && all.add(e.event.id))
    for (let i = 0; i < 50; i++) {
      a.track('a')
      b.track('b')
    }
    // Longer than the lease: heartbeats keep each queue with its own tab.
    await step(400_000, 5000)
    expect(accepted).toHaveLength(0)
    if (!storage) {
      const { createStore, keys } = await import('idb-keyval')
      // Each tab still owns its own stored queue after more than three leases.
      expect((await keys(createStore('vexil', 'kv'))).filter((k) => String(k).startsWith('|q:'))).toHaveLength(2)
    }
    up = true
    await step(400_000, 5000)
    const sent = accepted.map((e) => e.id)
    expect(sent).toHaveLength(100)
    expect(new Set(sent)).toEqual(all)
    expect(ids.size).toBe(0)
    await a.close()
    await b.close()
  })

  it('sends periodic summaries of evaluation counts', async () => {
    const fetch = fakeFetch(() => ({ status: 200 }))
    const c = createClient({ eventsUrl: 'http://x/e', fetch, persistence: 'memory', summaryInterval: 10_000 })
    c.getValue('x', 1)
    c.getValue('x', 1)
    await step(15_000)
    const summaries = postedEvents(fetch).filter((e) => e.type === 'summary')
    expect(summaries).toHaveLength(1)
    expect(summaries[0]).toMatchObject({ counts: [{ flag: 'x', variation: '', count: 2 }] })
    await c.close()
  })

  it('count(key) records a read in the summary without an exposure', async () => {
    const fetch = fakeFetch(() => ({ status: 200 }))
    const c = createClient({
      eventsUrl: 'http://x/e',
      fetch,
      persistence: 'memory',
      summaryInterval: 10_000,
      context: { userId: 'u1' },
      bootstrap: createBootstrap({ snapshot: snap({ e: expFlag() }), context: { userId: 'u1' }, now: 0 }),
    })
    const variation = c.evaluate('e').variation
    c.count('e')
    c.count('e')
    await step(15_000)
    const events = postedEvents(fetch)
    expect(events.filter((e) => e.type === 'exposure')).toEqual([])
    expect(events.find((e) => e.type === 'summary')).toMatchObject({ counts: [{ flag: 'e', variation, count: 2 }] })
    await c.close()
  })
})
