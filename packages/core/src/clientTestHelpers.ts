/**
 * Helpers for the client runtime's tests: snapshots, a fake page, a fake fetch.
 *
 * @internal Test-only; not exported from the package.
 */
import type { vi } from 'vitest'
import type { Flag, Snapshot } from './types'
import type { Environment, EventSourceLike, FetchLike, PageEvent } from './environment'
import type { VexilEvent } from './clientTypes'

/** A snapshot with the given flags. */
export const snap = (flags: Record<string, Flag>, revision = '1'): Snapshot => ({
  schemaVersion: 1,
  revision,
  environment: 'test',
  flags,
})

/** A boolean flag serving `on` by default. */
export const boolFlag = (extra?: Partial<Flag>): Flag => ({
  type: 'boolean',
  enabled: true,
  variations: { on: true, off: false },
  offVariation: 'off',
  fallthrough: { variation: 'on' },
  ...extra,
})

/** A string flag splitting `a`/`b` with the given weights, in experiment `exp`. */
export const expFlag = (wa = 50, extra?: Partial<Flag>): Flag => ({
  type: 'string',
  enabled: true,
  variations: { a: 'A', b: 'B' },
  offVariation: 'a',
  fallthrough: { split: [{ variation: 'a', weight: wa }, { variation: 'b', weight: 100 - wa }], experiment: 'exp' },
  ...extra,
})

/** A controllable page: visibility, lifecycle events and beacons. */
export interface FakePage {
  hidden: boolean
  beacons: Array<{ url: string; body: string }>
  beaconOk: boolean
  emit(event: PageEvent): void
  href: string | undefined
  env: Partial<Environment>
  /** How many listeners the page has now. */
  listening(): number
}

/** Creates a fake page and the environment parts that read it. */
export function fakePage(): FakePage {
  const listeners = new Set<(e: PageEvent) => void>()
  const page: FakePage = {
    hidden: false,
    beacons: [],
    beaconOk: true,
    href: undefined,
    listening: () => listeners.size,
    emit(e) {
      if (e !== 'pagehide') page.hidden = e === 'hidden'
      ;[...listeners].forEach((l) => l(e))
    },
    env: {
      isHidden: () => page.hidden,
      onPage(l) {
        listeners.add(l)
        return () => void listeners.delete(l)
      },
      sendBeacon(url, body) {
        if (page.beaconOk) page.beacons.push({ url, body })
        return page.beaconOk
      },
      href: () => page.href,
      EventSource: undefined,
    },
  }
  return page
}

/** A recorded request of {@link fakeFetch}. */
export interface FakeRequest {
  url: string
  method: string
  headers: Record<string, string>
  body: string | undefined
}

/** What a {@link fakeFetch} handler answers; `'network'` rejects like an offline fetch. */
export type FakeReply = { status: number; body?: string; etag?: string } | 'network' | 'hang'

/** A fetch that answers with `handler` and records every request. */
export function fakeFetch(handler: (req: FakeRequest) => FakeReply | Promise<FakeReply>): FetchLike & { calls: FakeRequest[] } {
  const calls: FakeRequest[] = []
  const f = (async (url, init) => {
    const req: FakeRequest = { url, method: init.method ?? 'GET', headers: init.headers ?? {}, body: init.body }
    calls.push(req)
    const r = await handler(req)
    if (r === 'network') throw new TypeError('fetch failed')
    if (r === 'hang')
      return new Promise((_, reject) => init.signal?.addEventListener('abort', () => reject(new Error('aborted'))))
    return { status: r.status, headers: { get: (n: string) => (n === 'etag' ? (r.etag ?? null) : null) }, text: async () => r.body ?? '' }
  }) as FetchLike & { calls: FakeRequest[] }
  f.calls = calls
  return f
}

/** The events of every POST a fake fetch received. */
export const postedEvents = (f: { calls: FakeRequest[] }): VexilEvent[] =>
  f.calls.filter((c) => c.method === 'POST').flatMap((c) => (JSON.parse(c.body!) as { events: VexilEvent[] }).events)

/** A fake `EventSource` whose instances tests drive. */
export class FakeEventSource implements EventSourceLike {
  static instances: FakeEventSource[] = []
  onopen: ((e: unknown) => void) | null = null
  onerror: ((e: unknown) => void) | null = null
  closed = false
  listeners = new Map<string, (e: { data?: unknown }) => void>()
  constructor(readonly url: string) {
    FakeEventSource.instances.push(this)
  }
  addEventListener(type: string, l: (e: { data?: unknown }) => void): void {
    this.listeners.set(type, l)
  }
  close(): void {
    this.closed = true
  }
  /** Sends a message event. */
  push(data: string): void {
    this.listeners.get('message')?.({ data })
  }
}

/** The timers vitest fakes in these tests (IndexedDB fakes keep their real `setImmediate`). */
export const FAKE_TIMERS: Parameters<typeof vi.useFakeTimers>[0] = {
  toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'],
}

/** Yields real event-loop turns, so IndexedDB fakes (which run on `setImmediate`) make progress. */
export async function turns(n = 30): Promise<void> {
  for (let i = 0; i < n; i++) await new Promise<void>((r) => setImmediate(r))
}

/** Advances fake time by `ms` in `step`s, letting IndexedDB fakes and promises run in between. */
export async function advance(advanceBy: (ms: number) => Promise<unknown>, ms: number, step = 1000): Promise<void> {
  for (let t = 0; t < ms; t += step) {
    await advanceBy(Math.min(step, ms - t))
    await turns(5)
  }
}
