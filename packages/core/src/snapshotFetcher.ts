/**
 * Keeps the snapshot fresh from the network: conditional GETs (`If-None-Match`), polling paused
 * while the page is hidden, an optional SSE stream that announces revisions (polling stops while it
 * is open, resumes as a fallback when it fails, and the stream reconnects with backoff), a request
 * timeout, and backoff with a circuit breaker after failures.
 */
import type { ResolvedOptions } from './clientTypes'
import { createTimer, type Environment, type EventSourceLike } from './environment'
import { VexilError } from './errors'
import { createBackoff, request, withKey } from './transport'

/** The snapshot fetcher of one client. */
export interface SnapshotFetcher {
  /** Fetches now (joins a fetch in flight); never rejects. */
  fetch(): Promise<void>
  /** The ETag sent as `If-None-Match`, e.g. restored from storage. */
  etag: string | null
  /** Starts or stops polling, the stream and visibility tracking. */
  run(on: boolean): void
}

/** Polling interval used while a failed stream is down and `pollInterval` is 0. */
const FALLBACK_POLL = 30_000

/**
 * Creates the snapshot fetcher of one client (`o.snapshotUrl` is set). `revision` is the revision
 * the client has (a stream message announcing it needs no fetch); `onData` takes a 200's parsed body
 * and returns false when it refused the snapshot (its ETag is then not kept, so a 304 cannot
 * "confirm" it), and is called with no body on a 304; `onError` takes a failure.
 */
export function createSnapshotFetcher(
  env: Environment,
  o: ResolvedOptions,
  revision: () => string | undefined,
  onData: (json?: unknown) => boolean,
  onError: (error: VexilError) => void,
): SnapshotFetcher {
  const { streamUrl, clientKey, pollInterval } = o
  const backoff = createBackoff(env)
  const streamBackoff = createBackoff(env)
  const timer = createTimer(env)
  const streamTimer = createTimer(env)
  let inflight: Promise<void> | undefined
  let es: EventSourceLike | undefined
  let streaming = false
  /** A failed stream is waiting to reconnect: polling stands in, even with `pollInterval` 0. */
  let down = false
  let running = false
  let failed = false
  // The client makes the first fetch itself (after reading storage, to send its ETag): polls count from now.
  let last = env.now()
  let unlisten: (() => void) | undefined
  /** The newest revision the stream announced, and whether a check of it is pending. */
  let wanted: unknown
  let waiting = false
  const check = (): unknown => {
    waiting = false
    return wanted !== revision() && f.fetch()
  }

  /** Arms the next fetch in `ms`, or when the next poll is due (none while streaming). */
  const plan = (ms?: number): void => {
    const interval = down && !pollInterval ? FALLBACK_POLL : pollInterval
    if (ms === undefined && !streaming && interval) ms = Math.max(0, last + interval - env.now())
    timer(running && !env.isHidden() && ms !== undefined && f.fetch, ms)
  }
  /** Resumes after a start or a return to view: at once after a failure, else when the poll is due. */
  const resume = (): void => void (inflight || plan(failed ? 0 : undefined))

  const attempt = async (): Promise<void> => {
    if (backoff.wait()) return plan(backoff.wait())
    try {
      const res = await request(env, o, o.snapshotUrl!, {
        headers: { accept: 'application/json', ...(f.etag && { 'if-none-match': f.etag }) },
      })
      const status = res.status
      last = env.now()
      if (status == 304) {
        // With no snapshot held (a cache that ignored If-None-Match) it is a failure: backed off.
        if (revision() === undefined) throw new VexilError('HTTP', 'snapshot request answered 304, no snapshot held', { status })
        onData()
      } else if (status < 200 || status > 299) throw new VexilError('HTTP', `snapshot request answered ${status}`, { status })
      // A refused snapshot's ETag must not be sent: a 304 would then "confirm" it.
      else if (onData(JSON.parse(res.body))) f.etag = res.etag
      failed = false
      backoff.ok()
      plan()
    } catch (e) {
      failed = true
      // Requests fail with a VexilError; anything else is the body's JSON.
      onError(e instanceof VexilError ? e : new VexilError('SNAPSHOT_PARSE', 'snapshot response is not JSON'))
      plan(backoff.fail())
    }
  }

  const openStream = (): void => {
    down = false
    if (!running || !streamUrl || !env.EventSource) return
    let s: EventSourceLike
    try {
      s = es = new env.EventSource(withKey(streamUrl, clientKey))
    } catch {
      return
    }
    s.onopen = () => {
      streaming = true
      streamBackoff.ok()
      // Revisions may have changed while the stream was down.
      void f.fetch()
    }
    s.onerror = () => {
      // The browser would retry at its own pace; we close and own the schedule (backoff, fallback).
      s.close()
      streaming = false
      down = true
      streamTimer(openStream, Math.max(1000, streamBackoff.fail()))
      if (!inflight && !failed) plan()
    }
    const onMessage = (ev: { data?: unknown }): void => {
      let rev: unknown = ev.data
      try {
        rev = (JSON.parse(String(ev.data)) as { revision?: unknown }).revision ?? rev
      } catch {}
      // A fetch in flight may have left before this revision existed: check the newest one announced
      // once it lands (one check per fetch, however many revisions were announced meanwhile).
      wanted = rev
      if (!waiting) {
        waiting = true
        void (inflight ? inflight.then(check) : check())
      }
    }
    for (const t of ['message', 'revision', 'snapshot']) s.addEventListener(t, onMessage)
  }

  const f: SnapshotFetcher = {
    etag: null,
    fetch: () => (inflight ??= attempt().finally(() => (inflight = undefined))),
    run(on) {
      if (on == running) return
      running = on
      unlisten?.()
      streamTimer()
      es?.close()
      streaming = down = false
      timer()
      if (!on) return
      // Hidden: no polls. Back in view: fetch if a poll was due while hidden, else resume the remaining wait.
      unlisten = env.onPage((ev) => (ev == 'visible' ? resume() : timer()))
      openStream()
      resume()
    },
  }
  return f
}
