import { afterEach, describe, expect, it, vi } from 'vitest'
import { createClient } from './vexilClient'
import { memoryStore } from './persister'
import { createBootstrap } from './server'
import { boolFlag, expFlag, FAKE_TIMERS, FakeEventSource, fakeFetch, fakePage, postedEvents, snap } from './clientTestHelpers'
import type { Flag } from './types'
import type { VexilClient, VexilErrorInfo } from './clientTypes'
import { Reason } from './types'
import { getFlags } from './inspect'
import { validateSnapshot } from './validateSnapshot'

const tick = async (): Promise<void> => {
  for (let i = 0; i < 5; i++) await Promise.resolve()
}

const bootstrapped = (flags: Record<string, Flag>, context = { userId: 'u1' }) =>
  createClient({
    persistence: 'memory',
    bootstrap: createBootstrap({ snapshot: snap(flags), context, now: 0 }),
    onError: () => {},
    logger: { warn: () => {}, error: () => {} },
  })

afterEach(() => {
  vi.useRealTimers()
})

describe('bootstrap and reads', () => {
  it('keeps the default of an option given as undefined (spread configs, `x ?? undefined`)', async () => {
    const fetch = fakeFetch((r) => (r.method === 'GET' ? { status: 200, body: JSON.stringify(snap({ a: boolFlag() })), etag: '1' } : { status: 202 }))
    const c = createClient({
      snapshotUrl: 'http://x/s',
      eventsUrl: 'http://x/e',
      fetch,
      persistence: 'memory',
      // What an app compiled without exactOptionalPropertyTypes may pass.
      ...({ requestTimeout: undefined, maxBatchSize: undefined, maxQueueSize: undefined, pollInterval: undefined, flushInterval: undefined } as object),
    })
    // An undefined requestTimeout once timed every request out at once: the client never loaded.
    await expect(c.ready()).resolves.toMatchObject({ status: 'ready' })
    for (let i = 0; i < 250; i++) c.track('buy')
    await c.flush()
    const posts = fetch.calls.filter((r) => r.method === 'POST').map((r) => (JSON.parse(r.body!) as { events: unknown[] }).events.length)
    expect(posts).toEqual([100, 100, 50])
    await c.close()
  })

  it('is ready synchronously from a bootstrap payload', async () => {
    const c = bootstrapped({ a: boolFlag() })
    expect(c.getState()).toMatchObject({ status: 'ready', source: 'bootstrap', revision: '1' })
    expect(c.getValue('a', false)).toBe(true)
    await expect(c.ready()).resolves.toMatchObject({ status: 'ready' })
    await c.close()
  })

  it('hydrate gives a payload to an existing client: once, its context unless the app set one, the network snapshot kept', async () => {
    const payload = createBootstrap({ snapshot: snap({ a: boolFlag() }, '7'), context: { userId: 'srv' }, now: 0 })
    const c = createClient({ persistence: 'memory' })
    c.hydrate(payload)
    expect(c.getState()).toMatchObject({ status: 'ready', source: 'bootstrap', revision: '7' })
    expect(c.getContext()).toEqual({ userId: 'srv' })
    expect(c.getValue('a', false)).toBe(true)
    const state = c.getState()
    c.hydrate(JSON.parse(JSON.stringify(payload)) as typeof payload)
    expect(c.getState()).toBe(state)
    await c.close()

    // A client on the network's snapshot keeps it (and the app's context); the server's evaluations
    // still answer getServerResult, so hydration renders what the server rendered.
    const body = snap({ a: boolFlag({ enabled: false }) }, '8')
    const fetch = fakeFetch(() => ({ status: 200, body: JSON.stringify(body), etag: '8' }))
    const d = createClient({ persistence: 'memory', snapshotUrl: 'http://x/s', fetch, context: { userId: 'app' } })
    await d.ready()
    d.hydrate(payload)
    expect(d.getState()).toMatchObject({ source: 'network', revision: '8' })
    expect(d.getContext()).toEqual({ userId: 'app' })
    expect(d.getValue('a', true)).toBe(false)
    expect(d.getServerResult('a')).toMatchObject({ value: true })
    await d.close()
  })

  it('returns the default with TYPE_MISMATCH when the default has another type', async () => {
    const c = bootstrapped({ a: boolFlag(), j: { ...boolFlag(), type: 'json', variations: { on: { x: 1 }, off: null } } })
    expect(c.getValue('a', 'nope')).toBe('nope')
    expect(c.getDetails('a', 'nope')).toMatchObject({ reason: 'ERROR', errorCode: 'TYPE_MISMATCH', value: 'nope' })
    expect(c.getDetails('a', 'nope')).toBe(c.getDetails('a', 'nope'))
    expect(c.getDetails('a', false)).toBe(c.evaluate('a'))
    expect(c.getValue('j', 'any default')).toEqual({ x: 1 })
    expect(c.getValue('missing', 3)).toBe(3)
    expect(c.getDetails('missing', 3)).toMatchObject({ reason: 'ERROR', errorCode: 'FLAG_NOT_FOUND' })
    expect(c.isEnabled('a')).toBe(true)
    expect(c.isEnabled('j', true)).toBe(true)
    await c.close()
  })

  it('hydrate ignores evaluations that are not a plain object of results', async () => {
    const payload = createBootstrap({ snapshot: snap({ a: boolFlag() }), context: { userId: 'u1' }, now: 0 })
    const off = { value: false, variation: 'off', reason: 'DEFAULT' }
    // An array, and an object of results whose prototype is not Object's (a class instance, say).
    for (const evaluations of [[off], Object.assign(Object.create({}), { a: off })]) {
      const c = createClient({ persistence: 'memory', bootstrap: { ...payload, evaluations } as never, onError: () => {} })
      expect(c.getServerResult('0')).toMatchObject({ reason: 'ERROR', errorCode: 'FLAG_NOT_FOUND' })
      expect(c.getServerResult('a')).toMatchObject({ value: true })
      await c.close()
    }
  })

  it('getServerResult gives what the server rendered, then live when they agree', async () => {
    const payload = createBootstrap({ snapshot: snap({ a: boolFlag() }), context: { userId: 'u1' }, now: 0 })
    payload.evaluations.a = { variation: 'off', value: false, reason: 'DEFAULT' }
    const c = createClient({ persistence: 'memory', bootstrap: payload })
    expect(c.getServerResult('a')).toMatchObject({ value: false, variation: 'off' })
    expect(c.getServerResult('a')).toBe(c.getServerResult('a'))
    expect(c.evaluate('a').value).toBe(true)
    const d = bootstrapped({ a: boolFlag() })
    expect(d.getServerResult('a')).toBe(d.evaluate('a'))
    expect(d.getServerResult('unknown')).toBe(d.evaluate('unknown'))
    await c.close()
    await d.close()
  })

  it('skips bootstrap evaluations that are not results (hydrate and createClient alike): the live result serves', async () => {
    const flags = { a: boolFlag(), b: boolFlag(), c: boolFlag(), d: boolFlag(), e: boolFlag() }
    const payload = JSON.parse(JSON.stringify(createBootstrap({ snapshot: snap(flags), context: { userId: 'u1' }, now: 0 })))
    payload.evaluations = { a: 'str', b: null, c: { value: false, reason: 'NOPE' }, d: { variation: 'off', reason: 'DEFAULT' }, e: { value: false, variation: 'off', reason: 'DEFAULT' } }
    const hydrated = createClient({ persistence: 'memory' })
    hydrated.hydrate(payload)
    const created = createClient({ persistence: 'memory', bootstrap: payload })
    for (const c of [hydrated, created]) {
      for (const k of ['a', 'b', 'c', 'd']) {
        expect(c.getServerResult(k)).toBe(c.evaluate(k))
        expect(c.getServerResult(k)).toMatchObject({ value: true, reason: 'DEFAULT' })
      }
      expect(c.getServerResult('e')).toMatchObject({ value: false, variation: 'off' })
      await c.close()
    }
    // Evaluations that are not an object at all are ignored too.
    const f = createClient({ persistence: 'memory', bootstrap: { ...payload, evaluations: 'ab' } })
    expect(f.getServerResult('a')).toBe(f.evaluate('a'))
    await f.close()
  })

  it('takes a bootstrap evaluation of every reason the engine gives', async () => {
    const payload = JSON.parse(JSON.stringify(createBootstrap({ snapshot: snap({ a: boolFlag() }), context: { userId: 'u1' }, now: 0 })))
    for (const reason of Object.values(Reason)) {
      const c = createClient({ persistence: 'memory', bootstrap: { ...payload, evaluations: { a: { value: false, variation: 'off', reason } } } })
      expect(c.getServerResult('a')).toMatchObject({ value: false, reason })
      await c.close()
    }
  })
})

describe('state and notifications', () => {
  it('keeps a result identity until that flag changes; notifies once per batch', async () => {
    const c = bootstrapped({
      a: boolFlag({ rules: [{ id: 'r', conditions: [{ attribute: 'plan', op: 'in', values: ['pro'] }], serve: { variation: 'off' } }] }),
      b: boolFlag(),
    })
    const a1 = c.evaluate('a')
    const b1 = c.evaluate('b')
    const s1 = c.getState()
    const listener = vi.fn()
    c.subscribe(listener)
    c.setContext({ userId: 'u1', plan: 'pro' })
    expect(c.evaluate('a')).not.toBe(a1)
    expect(c.evaluate('a').value).toBe(false)
    expect(c.evaluate('b')).toBe(b1)
    await tick()
    expect(listener).toHaveBeenCalledTimes(1)
    expect(c.getState()).toBe(s1)
    // A context that changes no result notifies nobody.
    c.setContext({ userId: 'u1', plan: 'pro', other: 1 })
    await tick()
    expect(listener).toHaveBeenCalledTimes(1)
    await c.close()
  })

  it('one notification for a snapshot that changes 50 flags', async () => {
    vi.useFakeTimers(FAKE_TIMERS)
    const off: Record<string, Flag> = {}
    const on: Record<string, Flag> = {}
    for (let i = 0; i < 50; i++) {
      off['f' + i] = boolFlag({ enabled: false })
      on['f' + i] = boolFlag()
    }
    on.same = off.same = boolFlag()
    let body = snap(off, '1')
    const fetch = fakeFetch(() => ({ status: 200, body: JSON.stringify(body), etag: body.revision }))
    const c = createClient({ persistence: 'memory', snapshotUrl: 'http://x/s', fetch, onError: () => {} })
    await c.ready()
    for (let i = 0; i < 50; i++) expect(c.getValue('f' + i, true)).toBe(false)
    const same = c.evaluate('same')
    const listener = vi.fn()
    c.subscribe(listener)
    body = snap(on, '2')
    await c.refresh()
    await tick()
    expect(listener).toHaveBeenCalledTimes(1)
    for (let i = 0; i < 50; i++) expect(c.getValue('f' + i, false)).toBe(true)
    expect(c.evaluate('same')).toBe(same)
    expect(c.getState().revision).toBe('2')
    // A flag that only the new snapshot has appears in evaluateAll, though no cached result changed.
    const all = c.evaluateAll()
    body = snap({ ...on, added: boolFlag() }, '3')
    await c.refresh()
    expect(c.evaluateAll()).not.toBe(all)
    expect(c.evaluateAll().added!.value).toBe(true)
    await c.close()
  })

  it('evaluateAll is stable before any snapshot', async () => {
    const c = createClient({ persistence: 'memory' })
    expect(c.evaluateAll()).toBe(c.evaluateAll())
    await c.close()
  })

  it('works with its methods taken off the object (hooks pass client.track, getState, evaluateAll as they are)', async () => {
    const c = bootstrapped({ a: boolFlag() })
    const { track, getState, evaluateAll, getValue, setOverride, subscribe } = c
    const seen: number[] = []
    const off = subscribe(() => seen.push(getState().events.queued))
    track('x')
    setOverride('a', 'off')
    await tick()
    expect(getState().events.queued).toBe(1)
    expect(getValue('a', true)).toBe(false)
    expect(evaluateAll().a).toMatchObject({ value: false, reason: 'OVERRIDE' })
    expect(seen.length).toBeGreaterThan(0)
    off()
    await c.close()
  })

  it('refreshes results whose override value JSON cannot write (cyclic) without throwing, keeping their identity', async () => {
    const c = bootstrapped({ j: { ...boolFlag(), type: 'json', variations: { on: { a: 1 }, off: {} } } })
    const cyclic: Record<string, unknown> = {}
    cyclic.self = cyclic
    c.setOverride('j', cyclic as never)
    const first = c.evaluate('j')
    expect(first.value).toBe(cyclic)
    expect(() => c.setContext({ userId: 'u2' })).not.toThrow()
    expect(c.evaluate('j')).toBe(first)
    await c.close()
  })

  it('state identity changes only when something changed', async () => {
    const c = bootstrapped({ a: boolFlag() })
    const s = c.getState()
    expect(c.getState()).toBe(s)
    c.track('x')
    const s2 = c.getState()
    expect(s2).not.toBe(s)
    expect(s2.events.queued).toBe(1)
    expect(c.getState()).toBe(s2)
    c.evaluate('a')
    expect(c.getState()).toBe(s2)
    await c.close()
  })

  it('evaluateAll is stable until a result changes; getFlags exposes metadata and errors', async () => {
    const c = bootstrapped({ a: boolFlag({ description: 'd', tags: ['t'] }), bad: { ...boolFlag(), offVariation: 'nope' } })
    const all = c.evaluateAll()
    expect(Object.keys(all)).toEqual(['a', 'bad'])
    expect(all.bad).toMatchObject({ reason: 'ERROR', errorCode: 'INVALID_FLAG' })
    expect(c.evaluateAll()).toBe(all)
    const flags = getFlags(c)
    expect(flags[0]).toMatchObject({ key: 'a', type: 'boolean', description: 'd', tags: ['t'] })
    // Tools get validateSnapshot's sentences, not the client's brief codes.
    expect(flags[1]!.errors).toEqual(validateSnapshot(snap({ a: boolFlag(), bad: { ...boolFlag(), offVariation: 'nope' } })).errors)
    expect(flags[1]!.errors![0]).toMatchObject({ path: 'flags.bad.offVariation', message: expect.stringContaining('"offVariation"') })
    expect(getFlags(c)).toBe(flags)
    await c.close()
  })

  it('mount and subscribe are reference-counted (StrictMode mount/unmount/mount)', async () => {
    vi.useFakeTimers(FAKE_TIMERS)
    const fetch = fakeFetch(() => ({ status: 200, body: JSON.stringify(snap({ a: boolFlag() })), etag: '1' }))
    const c = createClient({ persistence: 'memory', snapshotUrl: 'http://x/s', fetch, pollInterval: 1000 })
    await c.ready()
    expect(fetch.calls).toHaveLength(1)
    await vi.advanceTimersByTimeAsync(5000)
    expect(fetch.calls).toHaveLength(1) // not live: no polling
    c.mount()
    c.unmount()
    c.mount()
    // Detached, as `useSyncExternalStore` holds it.
    const { subscribe } = c
    const un = subscribe(() => {})
    await tick()
    // The poll was overdue: one fetch at once, then one per second.
    await vi.advanceTimersByTimeAsync(3000)
    expect(fetch.calls.length).toBe(5)
    c.unmount()
    await vi.advanceTimersByTimeAsync(3000)
    expect(fetch.calls.length).toBe(8) // still subscribed
    un()
    await vi.advanceTimersByTimeAsync(3000)
    expect(fetch.calls.length).toBe(8)
    await c.close()
  })
})

describe('StrictMode churn', () => {
  it('an unmount followed at once by a mount keeps the stream open', async () => {
    const fetch = fakeFetch(() => ({ status: 200, body: JSON.stringify(snap({ a: boolFlag() })) }))
    const c = createClient({ snapshotUrl: 'http://x/s', streamUrl: 'http://x/st', fetch, persistence: 'memory', environment: { EventSource: FakeEventSource } })
    const before = FakeEventSource.instances.length
    c.mount()
    c.unmount()
    c.mount()
    await tick()
    expect(FakeEventSource.instances.length).toBe(before + 1)
    expect(FakeEventSource.instances.at(-1)!.closed).toBe(false)
    c.unmount()
    await tick()
    expect(FakeEventSource.instances.at(-1)!.closed).toBe(true)
    await c.close()
  })
})

describe('close', () => {
  it('flushes events, stops timers and streams, removes listeners', async () => {
    vi.useFakeTimers(FAKE_TIMERS)
    const page = fakePage()
    const fetch = fakeFetch((r) => (r.method === 'POST' ? { status: 200 } : { status: 200, body: JSON.stringify(snap({ a: boolFlag() })) }))
    const c = createClient({
      snapshotUrl: 'http://x/s',
      streamUrl: 'http://x/stream',
      eventsUrl: 'http://x/e',
      fetch,
      persistence: 'memory',
      environment: { ...page.env, EventSource: FakeEventSource },
    })
    await c.ready()
    c.mount()
    c.setOverride('a', false, { expiresAt: Date.now() + 60_000 })
    c.track('bye')
    expect(page.listening()).toBe(2)
    await c.close()
    expect(postedEvents(fetch).map((e) => e.type === 'conversion' && e.event)).toEqual(['bye'])
    expect(vi.getTimerCount()).toBe(0)
    expect(page.listening()).toBe(0)
    expect(FakeEventSource.instances.at(-1)!.closed).toBe(true)
  })
})

describe('close and errors', () => {
  it('close() does not wait for a snapshot request in flight, and reports nothing after it', async () => {
    vi.useFakeTimers(FAKE_TIMERS)
    const fetch = fakeFetch(() => 'hang')
    const errors: string[] = []
    const c = createClient({ snapshotUrl: 'http://x/s', fetch, persistence: 'memory', onError: (e) => errors.push(e.code) })
    await vi.advanceTimersByTimeAsync(10)
    expect(fetch.calls).toHaveLength(1)
    let done = false
    void c.close().then(() => (done = true))
    // No timer moves: close() must not wait for the request's 10 s timeout.
    for (let i = 0; i < 20 && !done; i++) await Promise.resolve()
    await vi.advanceTimersByTimeAsync(0)
    expect(done).toBe(true)
    // The request's timeout (10 s) still fires, after close(): it must say nothing.
    await vi.advanceTimersByTimeAsync(20_000)
    expect(errors).toEqual([])
    expect(c.getState().status).toBe('loading')
  })

  it('a snapshot that arrives after close() changes nothing: no state, notification, storage or report', async () => {
    vi.useFakeTimers(FAKE_TIMERS)
    let answer: (() => void) | undefined
    const body = JSON.stringify(snap({ bad: boolFlag({ fallthrough: { variation: 'missing' } }) }, 'late-1'))
    const fetch = fakeFetch(() => new Promise((r) => (answer = () => r({ status: 200, body }))))
    const errors: string[] = []
    const storage = memoryStore()
    const c = createClient({ snapshotUrl: 'http://x/s', fetch, storage, onError: (e) => errors.push(e.code) })
    let notes = 0
    c.subscribe(() => notes++)
    await vi.advanceTimersByTimeAsync(10)
    expect(fetch.calls).toHaveLength(1)
    await c.close()
    answer!()
    await vi.advanceTimersByTimeAsync(100)
    expect(c.getState()).toMatchObject({ status: 'loading', source: 'none' })
    expect(notes).toBe(0)
    expect(errors).toEqual([])
    expect((await storage.keys()).some((k) => k.endsWith('snapshot'))).toBe(false)
  })

  it('a 304 while holding no snapshot is a failure, reported and backed off', async () => {
    vi.useFakeTimers(FAKE_TIMERS)
    const fetch = fakeFetch(() => ({ status: 304 }))
    const errors: VexilErrorInfo[] = []
    const c = createClient({ snapshotUrl: 'http://x/s', fetch, pollInterval: 1000, persistence: 'memory', onError: (e) => errors.push(e), environment: { random: () => 0.5 } })
    c.mount()
    await vi.advanceTimersByTimeAsync(3500)
    // At once, then after 1 s and 2 s of backoff: not once a second, as a poll.
    expect(fetch.calls).toHaveLength(3)
    expect(errors[0]).toMatchObject({ code: 'HTTP', status: 304, message: '[vexil] snapshot request answered 304, no snapshot held' })
    expect(c.getState().status).toBe('error')
    await c.close()
  })

  it('close() right after createClient takes nothing from storage and reports nothing', async () => {
    const storage = memoryStore()
    const snapshot = snap({ bad: boolFlag({ fallthrough: { variation: 'missing' } }) }, 'stored-closed-1')
    const first = createClient({ storage, bootstrap: createBootstrap({ snapshot, context: {}, now: 0 }), onError: () => {} })
    await first.close()
    expect((await storage.keys()).some((k) => k.endsWith('snapshot'))).toBe(true)
    const errors: string[] = []
    const c = createClient({ storage, onError: (e) => errors.push(e.code) })
    let notes = 0
    c.subscribe(() => notes++)
    await c.close()
    expect(c.getState()).toMatchObject({ status: 'loading', source: 'none' })
    expect(notes).toBe(0)
    expect(errors).toEqual([])
  })

  it('an onError that throws does not stop the client: the state moves on and the error is logged', async () => {
    vi.useFakeTimers(FAKE_TIMERS)
    const logged: unknown[] = []
    const c = createClient({
      snapshotUrl: 'http://x/s',
      eventsUrl: 'http://x/e',
      fetch: fakeFetch(() => ({ status: 500 })),
      persistence: 'memory',
      logger: { warn: () => {}, error: (...args) => logged.push(args) },
      onError: (e) => {
        throw new Error('app bug while handling ' + e.code)
      },
    })
    const state = await c.ready({ timeout: 5000 })
    expect(state).toMatchObject({ status: 'error', error: { code: 'HTTP', status: 500 } })
    c.track('x')
    await expect(c.flush()).resolves.toBeUndefined()
    expect(logged.map((args) => String((args as unknown[])[1]))).toEqual(['Error: app bug while handling HTTP', 'Error: app bug while handling HTTP'])
    await c.close()
  })
})

describe('invalid flags', () => {
  it('are reported through onError once per revision, with where each is wrong; the rest serves', async () => {
    const errors: VexilErrorInfo[] = []
    const snapshot = snap({ ok: boolFlag(), bad: boolFlag({ fallthrough: { variation: 'missing' } }) }, 'invalid-flags-1')
    const make = (): VexilClient =>
      createClient({ persistence: 'memory', bootstrap: createBootstrap({ snapshot, context: {}, now: 0 }), onError: (e) => errors.push(e) })
    const c = make()
    expect(c.getValue('ok', false)).toBe(true)
    expect(c.evaluate('bad')).toMatchObject({ reason: 'ERROR', errorCode: 'INVALID_FLAG' })
    expect(errors).toHaveLength(1)
    expect(errors[0]).toMatchObject({ code: 'INVALID_FLAGS', message: '[vexil] invalid flags: bad' })
    expect(errors[0]!.details!.map((d) => d.path)).toEqual(['flags.bad.fallthrough.variation'])
    expect(c.getState().error).toBeUndefined()
    // A server renderer makes a client per request: the same revision is not reported again, but
    // to a client of another key (another environment's service) it is.
    await make().close()
    expect(errors).toHaveLength(1)
    await createClient({ clientKey: 'other', persistence: 'memory', bootstrap: createBootstrap({ snapshot, context: {}, now: 0 }), onError: (e) => errors.push(e) }).close()
    expect(errors.map((e) => e.code)).toEqual(['INVALID_FLAGS', 'INVALID_FLAGS'])
    await c.close()
  })
})

describe('server rendering', () => {
  it('a bootstrap client without eventsUrl holds no timer, so a client per request is collectable', async () => {
    vi.useFakeTimers(FAKE_TIMERS)
    const c = bootstrapped({ a: boolFlag(), e: expFlag() })
    c.getValue('a', false)
    c.getVariant('e')
    c.track('x')
    c.mount()
    await tick()
    expect(vi.getTimerCount()).toBe(0)
    c.unmount()
  })
})

describe('exposures', () => {
  it('exposes once per flag/variation/unit/experiment, from exposing reads only', async () => {
    const c = bootstrapped({ e: expFlag(), plain: boolFlag() })
    c.evaluate('e')
    c.getValue('e', '')
    expect(c.getState().events.queued).toBe(0)
    c.getVariant('e')
    c.getVariant('e')
    c.evaluate('e', { expose: true })
    c.expose(c.evaluate('e'))
    c.getVariant('plain')
    expect(c.getState().events.queued).toBe(1)
    c.setContext({ userId: 'u2' })
    c.getVariant('e')
    expect(c.getState().events.queued).toBe(2)
    await c.close()
  })
})
