/**
 * The event queue (SPEC §5): batches by size and time, retries 408/429/5xx/network failures with
 * backoff, drops other 4xx, stays bounded, counts evaluations for usage summaries, and survives
 * reloads and crashes through write-behind persistence. When the page hides, what is left goes out
 * with `sendBeacon`.
 *
 * Each client instance owns one storage slot (`q:<instance id>`) that it rewrites as its queue
 * changes, stamped with a heartbeat. A slot whose heartbeat is older than the lease belongs to a
 * page that is gone (closed, crashed, reloaded before delivering): another instance takes it
 * atomically and delivers its events. Two live tabs never send each other's events, so duplicates
 * on the wire need a crash between a delivery and the next write, or a tab frozen past the lease.
 */
import type { ActivityEntry, ActivityListener, EventCounters, ResolvedOptions, VexilEvent } from './clientTypes'
import type { Environment } from './environment'
import type { Persister } from './persister'
import { VexilError } from './errors'
import { summary } from './events'
import { createBackoff, isRetryable, request, withKey } from './transport'

/** The SDK name and version sent with event batches. */
export const SDK = 'vexil-js/0.1.0'

/** The event queue of one client. */
export interface EventQueue {
  /** Adds an event; the oldest is dropped (and counted) at `maxQueueSize`. */
  push(event: VexilEvent): void
  /** Counts one evaluation for the next summary (only sent with an `eventsUrl`). */
  count(flag: string, variation: string | undefined): void
  /** Sends everything now (respecting a running backoff); resolves when done or failed. */
  flush(): Promise<void>
  /** The counters now. */
  counters(): EventCounters
  /** Delivers the slots of instances that are gone; call once storage is usable. */
  adopt(): Promise<void>
  /** Flushes, then stops timers and the page-hide listener. */
  close(): Promise<void>
  /** Listeners of the activity log (queued, sent, failed, dropped). */
  readonly activity: Set<ActivityListener>
}

interface Slot {
  /** The heartbeat: when the owner last wrote the slot. */
  t: number
  e: VexilEvent[]
}

/**
 * Creates the event queue of one client. From creation to `close()` it listens to page hide (with
 * an `eventsUrl`), mounted or not: events must not be lost in any app.
 */
export function createEventQueue(
  env: Environment,
  persister: Persister,
  o: ResolvedOptions,
  report: (error: VexilError) => void,
  onChange: () => void,
): EventQueue {
  const url = o.eventsUrl
  const slot = 'q:' + env.uuid()
  // Two minutes: background tabs may run timers only once a minute (intensive throttling).
  const lease = Math.max(120_000, 3 * o.flushInterval)
  const backoff = createBackoff(env)
  const inflight = new Set<VexilEvent>()
  const activity = new Set<ActivityListener>()
  let counts = new Map<string, number>()
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
  let closed = false

  const log = (kind: ActivityEntry['kind'], events: VexilEvent[]): void => {
    const at = env.now()
    for (const event of events) activity.forEach((l) => l({ kind, event, at }))
  }
  persister.register(slot, () => (queue.length ? ({ t: env.now(), e: queue } satisfies Slot) : undefined))
  /** The counters moved: listeners learn it and the slot is rewritten. */
  const changed = (): void => {
    onChange()
    persister.touch(slot)
  }

  const add = (e: VexilEvent): void => {
    if (queue.length >= o.maxQueueSize) {
      dropped++
      log('dropped', [queue.shift()!])
      if (!dropping) {
        dropping = true
        report(new VexilError('QUEUE_FULL', `event queue full (maxQueueSize ${o.maxQueueSize}), dropping the oldest`))
      }
    }
    queue.push(e)
    log('queued', [e])
  }

  const remove = (batch: VexilEvent[], kind: 'sent' | 'failed'): void => {
    const s = new Set(batch)
    queue = queue.filter((e) => !s.has(e))
    if (kind == 'sent') sent += batch.length
    else failed += batch.length
    dropping = false
    log(kind, batch)
    changed()
  }

  const body = (events: VexilEvent[]): string => JSON.stringify({ sdk: SDK, sentAt: new Date(env.now()).toISOString(), events })

  const arm = (ms = o.flushInterval): void => {
    // No timer without a destination: a server renderer's client per request must be collectable.
    if (closed || !url) return
    env.clearTimeout(timer)
    timer = env.setTimeout(tick, ms)
  }

  const summarize = (): void => {
    // Without a destination, usage counts would only fill the queue.
    if (url && counts.size) {
      const end = env.now()
      add(summary(env, counts, lastSummary, end))
      counts = new Map()
      lastSummary = end
      changed()
    }
  }

  function tick(): void {
    timer = undefined
    if (env.now() - lastSummary >= o.summaryInterval) summarize()
    // The heartbeat: a rewrite keeps other instances from adopting a live queue.
    if (queue.length) persister.touch(slot)
    void send()
    // Every interval even while backing off (the heartbeat must not outlive the lease), sooner when
    // a retry is due first: timers may fire a little early.
    const due = retryAt - env.now()
    if (queue.length || counts.size) arm(due > 0 ? Math.min(o.flushInterval, due + 1) : o.flushInterval)
  }

  /** Sends batches until the queue is empty (or only a partial batch is left, with `full`). */
  const send = (keepalive = false, full = false): Promise<void> =>
    (sending ??= (async () => {
      while (url && queue.length >= (full ? o.maxBatchSize : 1) && !backoff.wait() && env.now() >= retryAt) {
        const batch = queue.slice(0, o.maxBatchSize)
        batch.forEach((e) => inflight.add(e))
        const init = { method: 'POST', headers: { 'content-type': 'application/json' }, body: body(batch), keepalive }
        // A network failure or a timeout is status 0: retried like a 5xx.
        const status = await request(env, url, o.clientKey, o.requestTimeout, init).then((r) => r.status, () => 0)
        batch.forEach((e) => inflight.delete(e))
        if (status >= 200 && status < 300) {
          backoff.ok()
          remove(batch, 'sent')
        } else if (!status || isRetryable(status)) {
          const delay = backoff.fail()
          retryAt = env.now() + delay
          arm(Math.min(delay, o.flushInterval))
          break
        } else {
          remove(batch, 'failed')
          report(new VexilError('EVENTS_REJECTED', `events refused with ${status}, batch dropped`, { status }))
        }
      }
    })().finally(() => (sending = undefined)))

  const beacon = (): void => {
    summarize()
    const target = withKey(url!, o.clientKey)
    const pending = queue.filter((e) => !inflight.has(e))
    for (let i = 0; i < pending.length; i += o.maxBatchSize) {
      const batch = pending.slice(i, i + o.maxBatchSize)
      let ok: boolean | undefined
      try {
        // A string body is sent as text/plain: CORS-simple, so no preflight the page cannot await.
        ok = env.sendBeacon?.(target, body(batch))
      } catch {}
      if (!ok) {
        void send(true)
        break
      }
      remove(batch, 'sent')
    }
    persister.touch(slot)
  }

  const take = async (key: string): Promise<void> => {
    const s = (await persister.take(key)) as Slot | undefined
    if (!Array.isArray(s?.e)) return
    const have = new Set(queue.map((e) => e.id))
    for (const e of s.e) if (typeof e?.id == 'string' && !have.has(e.id)) add(e)
    changed()
    arm(0)
  }

  const unlisten = url ? env.onPage((ev) => ev != 'visible' && beacon()) : undefined

  const q: EventQueue = {
    activity,
    push(e) {
      add(e)
      changed()
      if (timer === undefined) arm()
      if (url && queue.length >= o.maxBatchSize && !sending) void Promise.resolve().then(() => send(false, true))
    },
    count(flag, variation) {
      const k = (variation ?? '') + '\n' + flag
      counts.set(k, (counts.get(k) ?? 0) + 1)
      // The periodic timer carries the summary.
      if (timer === undefined) arm()
    },
    flush() {
      summarize()
      return send().then(persister.flush)
    },
    counters: () => ({ queued: queue.length, sent, dropped, failed }),
    async adopt() {
      env.clearTimeout(adoptTimer)
      let next = Infinity
      const now = env.now()
      for (const key of await persister.keys('q:')) {
        if (key == slot) continue
        const s = (await persister.read(key)) as Slot | undefined
        const t = typeof s?.t == 'number' ? s.t : 0
        if (t + lease > now) next = Math.min(next, t + lease)
        else await take(key)
      }
      if (next < Infinity && !closed) adoptTimer = env.setTimeout(q.adopt, next - now + 1)
    },
    async close() {
      unlisten?.()
      await q.flush()
      closed = true
      env.clearTimeout(timer)
      env.clearTimeout(adoptTimer)
    },
  }
  return q
}
