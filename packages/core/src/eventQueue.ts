/**
 * The event queue (SPEC §5): batches by size and time, retries 408/429/5xx/network failures with
 * backoff, drops other 4xx, stays bounded, and survives reloads and crashes through write-behind
 * persistence. When the page hides, what is left goes out with `sendBeacon`.
 *
 * Each client instance owns one storage slot (`q:<instance id>`) that it rewrites as its queue
 * changes, stamped with a heartbeat. A slot whose heartbeat is older than the lease belongs to a
 * page that is gone (closed, crashed, reloaded before delivering): another instance takes it
 * atomically and delivers its events. Two live tabs never send each other's events, so duplicates
 * on the wire need a crash between a delivery and the next write, or a tab frozen past the lease.
 */
import type { ActivityEntry, EventCounters, VexilEvent } from './clientTypes'
import type { Environment } from './environment'
import type { Persister } from './persister'
import { VexilError } from './errors'
import { createBackoff, isRetryable, request, withKey } from './transport'

/** Options of {@link createEventQueue}. */
export interface EventQueueOptions {
  env: Environment
  persister: Persister
  url: string | undefined
  clientKey: string | undefined
  sdk: string
  timeout: number
  flushInterval: number
  maxBatchSize: number
  maxQueueSize: number
  /** Ms between summary events. */
  summaryInterval: number
  /** Produces the pending summary event, if any. */
  summary(): VexilEvent | undefined
  /** Whether evaluation counts wait for a summary (keeps the timer running). */
  counting(): boolean
  /** Called when the counters changed. */
  onChange(): void
  onError(error: VexilError): void
  /** Called with what became of events, for activity logs. */
  onActivity(kind: ActivityEntry['kind'], events: VexilEvent[]): void
}

/** The event queue of one client. */
export interface EventQueue {
  /** Adds an event; the oldest is dropped (and counted) at `maxQueueSize`. */
  push(event: VexilEvent): void
  /** Makes sure the periodic timer runs (summary counts are waiting). */
  wake(): void
  /** Sends everything now (respecting a running backoff); resolves when done or failed. */
  flush(): Promise<void>
  /** The counters now. */
  counters(): EventCounters
  /** Delivers the slots of instances that are gone; call once storage is usable. */
  adopt(): Promise<void>
  /** Starts or stops listening to page hide (only with a destination). */
  listen(on: boolean): void
  /** Flushes, then stops timers and listeners. */
  close(): Promise<void>
}

interface Slot {
  t: number
  e: VexilEvent[]
}

/** Creates the event queue of one client. */
export function createEventQueue(o: EventQueueOptions): EventQueue {
  const { env, persister, url } = o
  const slot = 'q:' + env.uuid()
  // Two minutes: background tabs may run timers only once a minute (intensive throttling).
  const lease = Math.max(120_000, 3 * o.flushInterval)
  const backoff = createBackoff(env)
  const inflight = new Set<VexilEvent>()
  let queue: VexilEvent[] = []
  let sent = 0
  let dropped = 0
  let failed = 0
  let dropping = false
  let retryAt = 0
  let lastSummary = env.now()
  let timer: unknown
  let adoptTimer: unknown
  let sending: Promise<void> | undefined
  let unlisten: (() => void) | undefined
  let closed = false

  persister.register(slot, () => (queue.length ? ({ t: env.now(), e: queue } satisfies Slot) : undefined))
  const save = (): void => persister.touch(slot)

  const add = (e: VexilEvent): void => {
    if (queue.length >= o.maxQueueSize) {
      const old = queue.shift()!
      dropped++
      o.onActivity('dropped', [old])
      if (!dropping) {
        dropping = true
        o.onError(new VexilError('QUEUE_FULL', 'event queue full, dropping oldest'))
      }
    }
    queue.push(e)
    o.onActivity('queued', [e])
  }

  const remove = (batch: VexilEvent[], kind: 'sent' | 'failed'): void => {
    const s = new Set(batch)
    queue = queue.filter((e) => !s.has(e))
    if (kind === 'sent') sent += batch.length
    else failed += batch.length
    dropping = false
    o.onActivity(kind, batch)
    o.onChange()
    save()
  }

  const body = (events: VexilEvent[]): string =>
    JSON.stringify({ sdk: o.sdk, sentAt: new Date(env.now()).toISOString(), events })

  const arm = (ms = o.flushInterval): void => {
    // No timer without a destination: a server renderer's client per request must be collectable.
    if (closed || !url) return
    if (timer !== undefined) env.clearTimeout(timer)
    timer = env.setTimeout(tick, ms)
  }

  const pushSummary = (): void => {
    // Without a destination, usage counts would only fill the queue.
    const s = url && o.summary()
    if (s) {
      lastSummary = env.now()
      add(s)
      o.onChange()
      save()
    }
  }

  function tick(): void {
    timer = undefined
    if (env.now() - lastSummary >= o.summaryInterval) pushSummary()
    // The heartbeat: a rewrite keeps other instances from adopting a live queue.
    if (queue.length) save()
    void send()
    // Every interval even while backing off (the heartbeat must not outlive the lease), sooner when
    // a retry is due first: timers may fire a little early.
    const due = retryAt - env.now()
    if (queue.length || o.counting()) arm(due > 0 ? Math.min(o.flushInterval, due + 1) : o.flushInterval)
  }

  /** Sends batches until the queue is empty (or only a partial batch is left, with `full`). */
  const send = (keepalive = false, full = false): Promise<void> =>
    (sending ??= (async () => {
      while (url && queue.length >= (full ? o.maxBatchSize : 1) && !backoff.wait() && env.now() >= retryAt) {
        const batch = queue.slice(0, o.maxBatchSize)
        batch.forEach((e) => inflight.add(e))
        let status: number
        try {
          const headers: Record<string, string> = { 'content-type': 'application/json' }
          if (o.clientKey) headers.authorization = 'Bearer ' + o.clientKey
          status = (await request(env, url, { method: 'POST', headers, body: body(batch), timeout: o.timeout, keepalive })).status
        } catch {
          status = 0
        } finally {
          batch.forEach((e) => inflight.delete(e))
        }
        if (status >= 200 && status < 300) {
          backoff.ok()
          remove(batch, 'sent')
        } else if (status === 0 || isRetryable(status)) {
          const delay = backoff.fail()
          retryAt = env.now() + delay
          arm(Math.min(delay, o.flushInterval))
          break
        } else {
          remove(batch, 'failed')
          o.onError(new VexilError('EVENTS_REJECTED', `events refused (${status})`, { status }))
        }
      }
    })().finally(() => (sending = undefined)))

  const beacon = (): void => {
    pushSummary()
    if (url && queue.length) {
      const target = withKey(url, o.clientKey)
      const pending = queue.filter((e) => !inflight.has(e))
      for (let i = 0; i < pending.length; i += o.maxBatchSize) {
        const batch = pending.slice(i, i + o.maxBatchSize)
        let ok = false
        try {
          // A string body is sent as text/plain: CORS-simple, so no preflight the page cannot await.
          ok = !!env.sendBeacon?.(target, body(batch))
        } catch {}
        if (!ok) {
          void send(true)
          break
        }
        remove(batch, 'sent')
      }
    }
    save()
  }

  const take = async (key: string): Promise<void> => {
    const s = (await persister.take(key)) as Slot | undefined
    if (!s || !Array.isArray(s.e)) return
    const have = new Set(queue.map((e) => e.id))
    for (const e of s.e) if (e && typeof e.id === 'string' && !have.has(e.id)) add(e)
    o.onChange()
    save()
    arm(0)
  }

  return {
    push(e) {
      add(e)
      o.onChange()
      save()
      if (timer === undefined) arm()
      if (url && queue.length >= o.maxBatchSize && !sending) void Promise.resolve().then(() => send(false, true))
    },
    wake() {
      if (timer === undefined) arm()
    },
    flush() {
      pushSummary()
      return send().then(() => persister.flush())
    },
    counters: () => ({ queued: queue.length, sent, dropped, failed }),
    async adopt() {
      if (adoptTimer !== undefined) env.clearTimeout(adoptTimer)
      adoptTimer = undefined
      let next = Infinity
      const now = env.now()
      for (const key of await persister.keys('q:')) {
        if (key === slot) continue
        const s = (await persister.read(key)) as Slot | undefined
        const t = typeof s?.t === 'number' ? s.t : 0
        if (t + lease > now) next = Math.min(next, t + lease)
        else await take(key)
      }
      if (next < Infinity && !closed) adoptTimer = env.setTimeout(() => void this.adopt(), next - now + 1)
    },
    listen(on) {
      unlisten?.()
      unlisten = on && url ? env.onPage((ev) => ev !== 'visible' && beacon()) : undefined
    },
    async close() {
      this.listen(false)
      await this.flush()
      closed = true
      env.clearTimeout(timer)
      env.clearTimeout(adoptTimer)
      timer = adoptTimer = undefined
    },
  }
}
