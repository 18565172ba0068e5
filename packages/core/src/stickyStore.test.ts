import { IDBFactory } from 'fake-indexeddb'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createClient } from './vexilClient'
import { createBootstrap, serializeBootstrap } from './server'
import { indexedDbStore, type KeyValueStore } from './persister'
import { FAKE_TIMERS, expFlag, fakeFetch, postedEvents, snap, turns } from './clientTestHelpers'
import type { Flag, StickyAssignment, StickyStore } from './types'
import type { VexilEvent } from './clientTypes'
import { subscribeActivity } from './inspect'

beforeEach(() => {
  globalThis.indexedDB = new IDBFactory()
})

const serve = (flag: Flag, revision: string) => JSON.stringify(snap({ e: flag }, revision))

describe('sticky assignments', () => {
  it('survive a reweighted snapshot and a new client instance; a new salt re-randomizes', async () => {
    let body = serve(expFlag(50, { sticky: true }), '1')
    const fetch = fakeFetch(() => ({ status: 200, body }))
    const c = createClient({ snapshotUrl: 'http://x/s', fetch })
    await c.ready()
    const users = Array.from({ length: 40 }, (_, i) => 'user-' + i)
    const first = new Map<string, string>()
    for (const u of users) {
      c.setContext({ userId: u })
      first.set(u, c.evaluate('e').variation!)
    }
    expect(new Set(first.values())).toEqual(new Set(['a', 'b']))

    // Everyone would now get "b".
    body = serve(expFlag(0, { sticky: true }), '2')
    await c.refresh()
    for (const u of users) {
      c.setContext({ userId: u })
      expect(c.evaluate('e')).toMatchObject({ variation: first.get(u), reason: 'STICKY', experiment: 'exp' })
    }
    await c.close()

    const d = createClient({ snapshotUrl: 'http://x/s', fetch })
    await d.ready()
    await turns(10)
    for (const u of users) {
      d.setContext({ userId: u })
      expect(d.evaluate('e').variation).toBe(first.get(u))
      expect(d.evaluate('e').inExperiment).toBe(true)
    }
    body = serve(expFlag(0, { sticky: true, salt: 'new' }), '3')
    await d.refresh()
    for (const u of users) {
      d.setContext({ userId: u })
      expect(d.evaluate('e').variation).toBe('b')
    }
    await d.close()
  })
})

/** Three arms: every unit is split into `to`; `off` is served only when the flag is off or the unit is missing. */
const arms = (to: 'a' | 'b', extra?: Partial<Flag>): Flag => ({
  type: 'string',
  enabled: true,
  sticky: true,
  variations: { a: 'A', b: 'B', off: 'OFF' },
  offVariation: 'off',
  fallthrough: { split: [{ variation: 'a', weight: to === 'a' ? 100 : 0 }, { variation: 'b', weight: to === 'b' ? 100 : 0 }], experiment: 'exp' },
  ...extra,
})

/** A server-side sticky store (a cookie's content, say). */
const serverStore = (): StickyStore & { map: Map<string, StickyAssignment> } => {
  const map = new Map<string, StickyAssignment>()
  return { map, get: (f, u, s) => map.get([f, u, s].join('|')), set: (f, u, s, a) => void map.set([f, u, s].join('|'), a) }
}

/** The fake IndexedDB behind a gate: nothing is read or written until `open()`. */
const slowStorage = () => {
  const kv = indexedDbStore()!
  let open!: () => void
  const gate = new Promise<void>((r) => (open = r))
  const later =
    <A extends unknown[], R>(fn: (...a: A) => R) =>
    async (...a: A): Promise<Awaited<R>> => (await gate, await fn(...a))
  const storage: KeyValueStore = { get: later(kv.get), set: later(kv.set), del: later(kv.del), keys: later(kv.keys), clear: later(kv.clear) }
  return { storage, open }
}

const USER = { userId: 'u1' }
const quiet = { onError: () => {}, logger: { warn: () => {}, error: () => {} } }

/** A first visit: the browser (fake IndexedDB) is assigned `arm`, which it persists. */
async function firstVisit(arm: 'a' | 'b', extra?: Partial<Flag>): Promise<void> {
  const c = createClient({ ...quiet, bootstrap: createBootstrap({ snapshot: snap({ e: arms(arm, extra) }, '1'), context: USER }) })
  await turns()
  expect(c.evaluate('e')).toMatchObject({ variation: arm, reason: 'SPLIT' })
  await c.close()
}

describe('a storage that never answers', () => {
  afterEach(() => {
    vi.useRealTimers()
  })

  it('holds sticky flags for 3 s, then serves and exposes the live result', async () => {
    vi.useFakeTimers(FAKE_TIMERS)
    const never = (): Promise<never> => new Promise(() => {})
    const storage: KeyValueStore = { get: never, set: never, del: never, keys: never, clear: never }
    // The server rendered "a" (its payload evaluation); the live split says "b".
    const payload = createBootstrap({ snapshot: snap({ e: arms('b') }), context: USER, now: 0 })
    payload.evaluations.e = { variation: 'a', value: 'A', reason: 'SPLIT' }
    const c = createClient({ ...quiet, bootstrap: payload, storage })
    const exposures: VexilEvent[] = []
    subscribeActivity(c, (a) => a.kind === 'queued' && a.event.type === 'exposure' && exposures.push(a.event))
    expect(c.getVariant('e')).toMatchObject({ variation: 'a', inExperiment: false })
    await vi.advanceTimersByTimeAsync(2999)
    expect(c.getVariant('e')).toMatchObject({ variation: 'a', inExperiment: false })
    expect(exposures).toEqual([])
    await vi.advanceTimersByTimeAsync(1)
    expect(c.evaluate('e')).toMatchObject({ variation: 'b', inExperiment: true })
    expect(exposures).toHaveLength(1)
    expect(exposures[0]).toMatchObject({ flag: 'e', variation: 'b', experiment: 'exp' })
    void c.close()
  })
})

describe('sticky assignments that are not valid keys', () => {
  it('an exposure of a kept assignment carries no rule the server would reject; an invalid experiment is no experiment', async () => {
    const client = (assignment: StickyAssignment) => {
      const payload = createBootstrap({ snapshot: snap({ e: expFlag(0, { sticky: true }) }), context: { userId: 'u1' }, now: 0 })
      payload.stickyAssignments = { e: { unit: 'u1', salt: 'e', assignment } }
      const c = createClient({ persistence: 'memory', bootstrap: payload, onError: () => {} })
      const exposures: VexilEvent[] = []
      subscribeActivity(c, (a) => a.kind === 'queued' && a.event.type === 'exposure' && exposures.push(a.event))
      return { c, exposures }
    }
    const r = client({ variation: 'a', ruleId: 'bad rule', experiment: 'exp' })
    await turns()
    expect(r.c.getVariant('e')).toMatchObject({ variation: 'a', reason: 'STICKY', inExperiment: true, experiment: 'exp' })
    expect(r.exposures).toHaveLength(1)
    expect(r.exposures[0]).toMatchObject({ flag: 'e', variation: 'a', unit: 'u1', experiment: 'exp' })
    expect(r.exposures[0]).not.toHaveProperty('rule')
    await r.c.close()

    const x = client({ variation: 'a', experiment: '<exp>' })
    await turns()
    expect(x.c.getVariant('e')).toMatchObject({ variation: 'a', reason: 'STICKY', inExperiment: false })
    expect(x.c.getVariant('e')).not.toHaveProperty('experiment')
    expect(x.exposures).toEqual([])
    await x.c.close()
  })
})

describe('sticky assignments and the bootstrap', () => {
  it('while storage is read, a sticky flag holds the server’s arm: no other arm is returned or exposed', async () => {
    await firstVisit('a')
    // The split now sends everyone to "b". The server knows the user kept "a" (its own store), but
    // this payload carries no assignment: only the held evaluation keeps the browser on "a".
    const server = serverStore()
    server.set('e', 'u1', 'e', { variation: 'a', experiment: 'exp' })
    const payload = createBootstrap({ snapshot: snap({ e: arms('b'), o: arms('b') }, '2'), context: USER, sticky: server })
    delete payload.stickyAssignments
    expect(payload.evaluations.e).toMatchObject({ variation: 'a', reason: 'STICKY' })

    const fetch = fakeFetch(() => ({ status: 202 }))
    const { storage, open } = slowStorage()
    const c = createClient({ ...quiet, bootstrap: payload, storage, eventsUrl: 'http://x/e', fetch })
    const seen: string[] = []
    let notified = 0
    c.subscribe(() => (notified++, seen.push(c.evaluate('e').variation!)))
    c.setOverride('o', 'a')

    const held = c.getVariant('e')
    expect(held).toMatchObject({ variation: 'a', inExperiment: false })
    expect(c.getServerResult('e')).toBe(held)
    expect(c.evaluateAll().e).toBe(held)
    expect(c.evaluate('o')).toMatchObject({ variation: 'a', reason: 'OVERRIDE' }) // overrides still win
    await turns()
    expect(c.evaluate('e')).toBe(held)
    expect(c.getState().events.queued).toBe(0)

    notified = 0
    seen.length = 0
    open()
    await turns()
    expect(c.evaluate('e')).toMatchObject({ variation: 'a', reason: 'STICKY', inExperiment: true })
    expect(notified).toBe(1)
    expect(seen).toEqual(['a'])
    // The exposure asked for while holding is sent for the real result, once.
    c.getVariant('e')
    await c.flush()
    const exposures = postedEvents(fetch).filter((e) => e.type === 'exposure')
    expect(exposures.map((e) => e.type === 'exposure' && [e.variation, e.reason])).toEqual([['a', 'STICKY']])
    await c.close()
  })

  it('without a server result for the unit, holds the off variation until the kept arm is known', async () => {
    await firstVisit('a')
    const payload = createBootstrap({ snapshot: snap({ e: arms('b') }, '2'), context: { userId: 'someone-else' } })
    const { storage, open } = slowStorage()
    const c = createClient({ ...quiet, bootstrap: payload, storage, context: USER })
    expect(c.getVariant('e')).toMatchObject({ variation: 'off', reason: 'DEFAULT', inExperiment: false })
    open()
    await turns()
    expect(c.evaluate('e')).toMatchObject({ variation: 'a', reason: 'STICKY' })
    await c.close()
  })

  it('carries the server’s assignments in the payload; the browser keeps them, persisted', async () => {
    const server = serverStore()
    const first = createBootstrap({ snapshot: snap({ e: arms('a'), plain: expFlag() }, '1'), context: USER, sticky: server })
    expect(first.stickyAssignments).toEqual({ e: { unit: 'u1', salt: 'e', assignment: { variation: 'a', experiment: 'exp' } } })
    expect([...server.map.values()]).toEqual([{ variation: 'a', experiment: 'exp' }])
    expect(createBootstrap({ snapshot: snap({ e: arms('a') }), context: USER }).stickyAssignments).toBeUndefined()

    // Later the split moves to "b": the server still serves "a", and a browser that never saw the
    // experiment (fresh IndexedDB) keeps "a" from the payload, before and after its restore.
    const later = createBootstrap({ snapshot: snap({ e: arms('b') }, '2'), context: USER, sticky: server })
    expect(later.evaluations.e).toMatchObject({ variation: 'a', reason: 'STICKY' })
    const c = createClient({ ...quiet, bootstrap: JSON.parse(serializeBootstrap(later)) as typeof later })
    expect(c.evaluate('e').variation).toBe('a')
    await turns()
    expect(c.evaluate('e')).toMatchObject({ variation: 'a', reason: 'STICKY', inExperiment: true })
    await c.close()

    // Next visit, from a payload without assignments: IndexedDB kept the server's one.
    const d = createClient({ ...quiet, bootstrap: createBootstrap({ snapshot: snap({ e: arms('b') }, '3'), context: USER }) })
    await turns()
    expect(d.evaluate('e')).toMatchObject({ variation: 'a', reason: 'STICKY' })
    await d.close()
  })

  it('an assignment the browser persisted wins over the payload’s, unless the salt changed', async () => {
    await firstVisit('a')
    const server = serverStore()
    server.set('e', 'u1', 'e', { variation: 'b', experiment: 'exp' })
    const c = createClient({ ...quiet, bootstrap: createBootstrap({ snapshot: snap({ e: arms('b') }, '2'), context: USER, sticky: server }) })
    await turns()
    expect(c.evaluate('e')).toMatchObject({ variation: 'a', reason: 'STICKY' })
    // A payload hydrated after the restore does not replace it either.
    c.hydrate(createBootstrap({ snapshot: snap({ e: arms('b') }, '3'), context: USER, sticky: server }))
    expect(c.evaluate('e')).toMatchObject({ variation: 'a', reason: 'STICKY' })
    await c.close()

    // Re-randomized (new salt): the old assignment is ignored, the server's new one holds.
    const resalted = serverStore()
    resalted.set('e', 'u1', 'new', { variation: 'b', experiment: 'exp' })
    const d = createClient({ ...quiet, bootstrap: createBootstrap({ snapshot: snap({ e: arms('a', { salt: 'new' }) }, '4'), context: USER, sticky: resalted }) })
    await turns()
    expect(d.evaluate('e')).toMatchObject({ variation: 'b', reason: 'STICKY' })
    await d.close()
  })
})
