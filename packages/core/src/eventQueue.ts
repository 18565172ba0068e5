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
import { createTimer, type Environment } from './environment'
import type { Persister } from './persister'
import { VexilError } from './errors'
import { iso, type Count } from './events'
import { createBackoff, isRetryable, request, withKey } from './transport'

/** The SDK name and version sent with event batches. */
export const SDK = 'vexil-js/0.1.0'

/** The counters before any event: shared, since counters are replaced, never changed. */
export const NO_EVENTS: EventCounters = { queued: 0, sent: 0, dropped: 0, failed: 0 }

/** The event queue of one client. */
export interface EventQueue {
  /** Adds an event; the oldest is dropped (and counted) at `maxQueueSize`. */
  push(event: VexilEvent): void
  /** Counts one evaluation for the next summary (only sent with an `eventsUrl`). */
  count(flag: string, variation: string | undefined): void
  /** Sends everything now (respecting a running backoff); resolves when done or failed. */
  flush(): Promise<void>
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
 * Creates the event queue of one client; `onChange` gets the new counters each time they move. From
 * creation to `close()` it listens to page hide (with an `eventsUrl`), mounted or not: events must
 * not be lost in any app.
 */
export function createEventQueue(
  env: Environment,
  persister: Persister,
  o: ResolvedOptions,
  report: (error: VexilError) => void,
  onChange: (counters: EventCounters) => void,
): EventQueue {
  const { eventsUrl: url, flushInterval: interval, maxBatchSize: size } = o
  const slot = 'q:' + env.uuid()
  // Two minutes: background tabs may run timers only once a minute (intensive throttling).
  const lease = Math.max(120_000, 3 * interval)
  const backoff = createBackoff(env)
  const timer = createTimer(env)
  const adoptTimer = createTimer(env)
  const activity = new Set<ActivityListener>()
  // `queued` is the queue's length; the other counters count every event ever sent, dropped or failed.
  let n = NO_EVENTS
  /** This period's counts, keyed `variation + "\n" + flag` (a variation key has no newline). */
  let counts = new Map<string, Count>()
  let queue: VexilEvent[] = []
  let dropping = false
  let armed = false
  let retryAt = 0
  let lastSummary = env.now()
  let sending: Promise<void> | undefined
  /** The batch being posted (one at a time): a beacon must not send it again. */
  let flying: VexilEvent[] = []
  let closed = false
  /** Delivery has failed since the last success (reported once). */
  let failing = false
  /** Retryable failures so far. */
  let failures = 0
  /** Events this page beaconed while delivery was failing: kept queued, not beaconed again. */
  const beaconed = new WeakSet<VexilEvent>()

  /** Counts what became of `events`, tells the activity log and the client. */
  const log = (kind: ActivityEntry['kind'], events: VexilEvent[]): void => {
    const at = env.now()
    n = { ...n, [kind]: n[kind] + events.length, queued: queue.length }
    for (const event of events) activity.forEach((l) => l({ kind, event, at }))
    onChange(n)
  }
  /** Rewrites the slot (soon, coalesced). */
  const save = persister.keep(slot, () => (queue.length ? ({ t: env.now(), e: queue } satisfies Slot) : undefined))

  const add = (e: VexilEvent): void => {
    const full = queue.length >= o.maxQueueSize
    if (full) log('dropped', [queue.shift()!])
    queue.push(e)
    log('queued', [e])
    // Reported last, and flagged first: an onError that tracks an event finds the queue within
    // its bound, and is not called again for its own event.
    if (full && !dropping) {
      dropping = true
      report(new VexilError('QUEUE_FULL', `event queue full (maxQueueSize ${o.maxQueueSize}), dropping the oldest`))
    }
  }

  const remove = (batch: VexilEvent[], kind: 'sent' | 'failed'): void => {
    const s = new Set(batch)
    queue = queue.filter((e) => !s.has(e))
    dropping = false
    log(kind, batch)
    save()
  }

  const body = (events: VexilEvent[]): string => JSON.stringify({ sdk: SDK, sentAt: iso(env.now()), events })

  const arm = (ms = interval): void => {
    // No timer without a destination: a server renderer's client per request must be collectable.
    if (closed || !url) return
    armed = true
    timer(tick, ms)
  }

  const summarize = (): void => {
    // Without a destination, usage counts would only fill the queue.
    if (url && counts.size) {
      const end = env.now()
      // The summary event (SPEC §5): this period's counts, one per flag and variation.
      add({ type: 'summary', id: env.uuid(), start: iso(lastSummary), end: iso(end), counts: [...counts.values()] })
      counts = new Map()
      lastSummary = end
      save()
    }
  }

  const tick = (): void => {
    armed = false
    if (env.now() - lastSummary >= o.summaryInterval) summarize()
    // The heartbeat: a rewrite keeps other instances from adopting a live queue.
    if (queue.length) save()
    void send()
    // Every interval even while backing off (the heartbeat must not outlive the lease), sooner when
    // a retry is due first: timers may fire a little early.
    const due = retryAt - env.now()
    if (queue.length || counts.size) arm(due > 0 ? Math.min(interval, due + 1) : interval)
  }

  /** Sends batches until the queue is empty (or only a partial batch is left, with `full`). */
  const send = (keepalive = false, full = false, last = false): Promise<void> =>
    (sending ??= (async () => {
      // `last` (close): one more try however the backoff stands; nothing may come after it.
      while (url && queue.length >= (full ? size : 1) && ((!backoff.wait() && env.now() >= retryAt) || last)) {
        const batch = (flying = queue.slice(0, size))
        let failure: VexilError | undefined
        // A network failure or a timeout is status 0: retried like a 5xx.
        const status = await request(env, o, url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: body(batch), keepalive }).then(
          (r) => r.status,
          (e: VexilError) => ((failure = e), 0),
        )
        flying = []
        if (status > 199 && status < 300) {
          backoff.ok()
          failing = false
          remove(batch, 'sent')
        } else if (!status || isRetryable(status)) {
          const delay = backoff.fail()
          retryAt = env.now() + delay
          arm(Math.min(delay, interval))
          // Once per run of failures (its first cause): the app learns that delivery stalls, not of every retry.
          failures++
          if (!failing && !last) report(failure ?? new VexilError('HTTP', `${url} answered ${status}, retrying`, { status }))
          failing = true
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
    const pending = queue.filter((e) => !flying.includes(e) && !beaconed.has(e))
    while (pending.length) {
      const batch = pending.splice(0, size)
      let ok: boolean | undefined
      try {
        // A string body is sent as text/plain: CORS-simple, so no preflight the page cannot await.
        ok = env.sendBeacon?.(target, body(batch))
      } catch {}
      if (!ok) {
        void send(true)
        break
      }
      // While delivery fails, an accepted beacon may be lost unseen (it gets no answer): its events
      // stay queued, for this page's next try or the next page's adoption (duplicates are dropped by
      // id), but are not beaconed again by this page (hidden, then pagehide, would send them twice).
      if (failing) batch.forEach((e) => beaconed.add(e))
      else remove(batch, 'sent')
    }
    save()
  }

  const unlisten = url && env.onPage((ev) => ev != 'visible' && beacon())

  const q: EventQueue = {
    activity,
    push(e) {
      add(e)
      save()
      if (!armed) arm()
      if (url && queue.length >= size && !sending) queueMicrotask(() => void send(false, true))
    },
    count(flag, variation) {
      const k = (variation ??= '') + '\n' + flag
      const c = counts.get(k) ?? counts.set(k, { flag, variation, count: 0 }).get(k)!
      c.count++
      // The periodic timer carries the summary.
      if (!armed) arm()
    },
    flush() {
      summarize()
      return send().then(persister.flush)
    },
    async adopt() {
      adoptTimer()
      let next = Infinity
      const now = env.now()
      for (const key of await persister.keys('q:')) {
        if (key == slot) continue
        const s = (await persister.read(key)) as Slot | undefined
        // A slot is taken once its owner has been silent for the lease; a heartbeat that is no number
        // is as old as can be.
        const due = (typeof s?.t == 'number' ? s.t : 0) + lease
        if (due > now) next = Math.min(next, due)
        else {
          const taken = (await persister.read(key, true)) as Slot | undefined
          if (!Array.isArray(taken?.e)) continue
          const have = new Set(queue.map((e) => e.id))
          // Another page's (or an older SDK's) events: one that JSON cannot write would stop every
          // batch it lands in, so it is left out.
          for (const e of taken.e)
            try {
              if (typeof e?.id == 'string' && !have.has(e.id) && JSON.stringify(e)) add(e)
            } catch {}
          save()
          arm(0)
        }
      }
      if (next < Infinity && !closed) adoptTimer(q.adopt, next - now + 1)
    },
    async close() {
      if (unlisten) unlisten()
      summarize()
      // After any send in flight; once more past a backoff, unless that send has just failed (a
      // hanging service would make close() wait two timeouts).
      const before = failures
      await sending
      if (failures == before) await send(false, false, true)
      await persister.flush()
      if (url && queue.length)
        report(new VexilError('EVENTS_UNSENT', `close(): ${queue.length} events unsent`))
      closed = true
      timer()
      adoptTimer()
    },
  }
  return q
}
