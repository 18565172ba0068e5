/**
 * Keeps the snapshot fresh from the network: conditional GETs (`If-None-Match`), polling paused
 * while the page is hidden, an optional SSE stream that announces revisions (polling stops while it
 * is open, resumes as a fallback when it fails, and the stream reconnects with backoff), a request
 * timeout, and backoff with a circuit breaker after failures.
 */
import type { Environment, EventSourceLike } from './environment'
import { VexilError } from './errors'
import { createBackoff, request, withKey } from './transport'

/** Options of {@link createSnapshotFetcher}. */
export interface SnapshotFetcherOptions {
  env: Environment
  url: string
  streamUrl: string | undefined
  clientKey: string | undefined
  /** Ms between polls; 0: no polling (failures are still retried). */
  pollInterval: number
  timeout: number
  /** The revision the client has, to skip fetches a stream message does not need. */
  revision(): string | undefined
  /** A 200 with its parsed body; false when the snapshot was refused (its ETag is then not kept). */
  onData(json: unknown, etag: string | null): boolean
  /** A 304: the current snapshot is confirmed. */
  onNotModified(): void
  onError(error: VexilError): void
}

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

/** Creates the snapshot fetcher of one client. */
export function createSnapshotFetcher(o: SnapshotFetcherOptions): SnapshotFetcher {
  const { env } = o
  const backoff = createBackoff(env)
  const streamBackoff = createBackoff(env)
  let inflight: Promise<void> | undefined
  let timer: unknown
  let streamTimer: unknown
  let es: EventSourceLike | undefined
  let streaming = false
  let running = false
  let failed = false
  // The client makes the first fetch itself (after reading storage, to send its ETag): polls count from now.
  let last = env.now()
  let unlisten: (() => void) | undefined
  let wanted: unknown

  const clear = (): void => {
    env.clearTimeout(timer)
    timer = undefined
  }
  const interval = (): number => (streamTimer !== undefined && !o.pollInterval ? FALLBACK_POLL : o.pollInterval)
  /** Arms the next fetch in `ms`, or when the next poll is due (none while streaming). */
  const plan = (ms?: number): void => {
    clear()
    if (!running || env.isHidden()) return
    if (ms === undefined) {
      if (streaming || !interval()) return
      ms = Math.max(0, last + interval() - env.now())
    }
    timer = env.setTimeout(() => void f.fetch(), ms)
  }

  const attempt = async (): Promise<void> => {
    if (backoff.wait()) return plan(backoff.wait())
    const headers: Record<string, string> = { accept: 'application/json' }
    if (f.etag) headers['if-none-match'] = f.etag
    if (o.clientKey) headers.authorization = 'Bearer ' + o.clientKey
    let error: VexilError | undefined
    try {
      const res = await request(env, o.url, { headers, timeout: o.timeout })
      last = env.now()
      if (res.status === 304) o.onNotModified()
      else if (res.status >= 200 && res.status < 300) {
        let json: unknown
        try {
          json = JSON.parse(res.body)
        } catch {
          error = new VexilError('SNAPSHOT_PARSE', 'snapshot is not JSON')
        }
        // A refused snapshot's ETag must not be sent: a 304 would then "confirm" it.
        if (!error && o.onData(json, res.etag)) f.etag = res.etag
      } else error = new VexilError('HTTP', `snapshot ${res.status}`, { status: res.status })
    } catch (e) {
      error = e as VexilError
    }
    failed = !!error
    if (error) {
      o.onError(error)
      plan(backoff.fail())
    } else {
      backoff.ok()
      plan()
    }
  }

  const openStream = (): void => {
    streamTimer = undefined
    if (!running || !o.streamUrl || !env.EventSource) return
    let s: EventSourceLike
    try {
      s = new env.EventSource(withKey(o.streamUrl, o.clientKey))
    } catch {
      return
    }
    es = s
    s.onopen = () => {
      streaming = true
      streamBackoff.ok()
      // Revisions may have changed while the stream was down.
      void f.fetch()
    }
    s.onerror = () => {
      // The browser would retry at its own pace; we close and own the schedule (backoff, fallback).
      s.close()
      es = undefined
      streaming = false
      streamTimer = env.setTimeout(openStream, Math.max(1000, streamBackoff.fail()))
      if (!inflight && !failed) plan()
    }
    const onMessage = (ev: { data?: unknown }): void => {
      let rev: unknown = ev.data
      try {
        rev = (JSON.parse(String(ev.data)) as { revision?: unknown }).revision ?? rev
      } catch {}
      if (rev === o.revision()) return
      // A fetch in flight may have left before this revision existed: check again when it lands.
      if (inflight) wanted = rev
      else void f.fetch()
    }
    for (const t of ['message', 'revision', 'snapshot']) s.addEventListener(t, onMessage)
  }

  const f: SnapshotFetcher = {
    etag: null,
    fetch: () =>
      (inflight ??= attempt().finally(() => {
        inflight = undefined
        const w = wanted
        wanted = undefined
        if (w !== undefined && w !== o.revision()) void f.fetch()
      })),
    run(on) {
      if (on === running) return
      running = on
      unlisten?.()
      unlisten = undefined
      clear()
      env.clearTimeout(streamTimer)
      streamTimer = undefined
      es?.close()
      es = undefined
      streaming = false
      if (!on) return
      unlisten = env.onPage((ev) => {
        if (ev === 'hidden' || ev === 'pagehide') clear()
        // Back in view: fetch if a poll was due while hidden, else resume the remaining wait.
        else if (!inflight) plan(failed ? 0 : undefined)
      })
      openStream()
      if (!inflight) plan(failed ? 0 : undefined)
    },
  }
  return f
}
