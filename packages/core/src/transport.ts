/**
 * HTTP for the client: requests with a timeout, retry classification, and a backoff with full
 * jitter that turns into a circuit breaker after repeated failures, so a dead service is not hammered.
 */
import type { ResolvedOptions } from './clientTypes'
import { createTimer, type Environment, type FetchLike } from './environment'
import { VexilError } from './errors'

/** A response as the client needs it. */
export interface HttpResponse {
  status: number
  etag: string | null
  body: string
}

/**
 * Sends a request with `Authorization: Bearer <clientKey>` when there is a key, abandoned after
 * `requestTimeout` ms (body included). Resolves with any HTTP status; rejects only with a
 * {@link VexilError} coded `NETWORK` or `TIMEOUT`.
 */
export function request(
  env: Environment,
  o: Pick<ResolvedOptions, 'clientKey' | 'requestTimeout'>,
  url: string,
  init: Omit<Parameters<FetchLike>[1], 'signal'>,
): Promise<HttpResponse> {
  // Old runtimes lack it: the request is then abandoned, not aborted.
  const ctrl = globalThis.AbortController && new AbortController()
  const timer = createTimer(env)
  return new Promise((resolve, reject) => {
    timer(() => {
      ctrl?.abort()
      reject(new VexilError('TIMEOUT', `no answer from ${url} in ${o.requestTimeout} ms`))
    }, o.requestTimeout)
    if (o.clientKey) init.headers = { ...init.headers, authorization: 'Bearer ' + o.clientKey }
    // Through a promise: a fetch that throws synchronously is a network failure too.
    Promise.resolve()
      .then(() => env.fetch(url, { ...init, ...(ctrl && { signal: ctrl.signal }) }))
      .then(async (res) => ({ status: res.status, etag: res.headers.get('etag'), body: await res.text() }))
      .then(resolve, (e: unknown) => reject(new VexilError('NETWORK', `${url}: ${(e as Error)?.message ?? e}`)))
      .finally(timer)
  })
}

/** Whether a failed status is worth retrying: 408, 429 and 5xx. */
export const isRetryable = (status: number): boolean => status == 408 || status == 429 || status >= 500

/** Consecutive-failure tracking: backoff delays and a circuit breaker. */
export interface Backoff {
  /** Records a failure; returns the delay before the next attempt. */
  fail(): number
  /** Records a success: delays and the breaker reset. */
  ok(): void
  /** Ms until the open breaker lets a request through; 0 when closed. */
  wait(): number
}

/** How long the breaker stays open: five minutes. */
const COOLDOWN = 300_000

/**
 * Exponential backoff with full jitter (`random() * 1 s * 2^n`), and from the sixth consecutive
 * failure a breaker that stays open for five minutes, then lets one attempt through. Below six
 * failures the delay is at most 32 s, so it needs no cap.
 */
export function createBackoff(env: Environment): Backoff {
  let failures = 0
  let until = 0
  return {
    fail: () => (++failures < 6 ? env.random() * 1000 * 2 ** failures : ((until = env.now() + COOLDOWN), COOLDOWN)),
    ok() {
      failures = until = 0
    },
    wait: () => Math.max(0, until - env.now()),
  }
}

/** `url` with `key` appended to its query string. */
export const withKey = (url: string, key: string | undefined): string =>
  key ? url + (url.includes('?') ? '&' : '?') + 'key=' + encodeURIComponent(key) : url
