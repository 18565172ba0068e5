/**
 * Everything the client needs from its platform, injected so tests (and non-browser hosts) can
 * replace it. Defaults late-bind globals at call time, never at module load: a test that installs
 * fake timers after importing Vexil is honoured, and Node 20 without `window` works.
 */

/** The part of a `fetch` response the client reads. */
export interface FetchResponse {
  /** The HTTP status: 2xx is read, 304 confirms the cached snapshot, 408/429/5xx are retried. */
  status: number
  /** Response headers; the client reads `etag` to send it back as `If-None-Match`. */
  headers: {
    /** The value of header `name` (case-insensitive), or `null` when it is absent. */
    get(name: string): string | null
  }
  /** The body as text (the snapshot JSON is parsed from it). */
  text(): Promise<string>
}

/** The part of `fetch` the client uses. */
export type FetchLike = (
  url: string,
  init: {
    method?: string
    headers?: Record<string, string>
    body?: string
    signal?: AbortSignal
    keepalive?: boolean
  },
) => Promise<FetchResponse>

/** The part of `EventSource` the client uses. */
export interface EventSourceLike {
  /** Set by the client: on (re)connection it fetches, since revisions may have changed meanwhile. */
  onopen: ((event: unknown) => void) | null
  /** Set by the client: on an error it closes the source and reconnects itself, with backoff. */
  onerror: ((event: unknown) => void) | null
  /**
   * Subscribes to a named event; the client listens to `message`, `revision` and `snapshot`, whose
   * `data` is a revision or JSON with a `revision` field.
   */
  addEventListener(type: string, listener: (event: { data?: unknown }) => void): void
  /** Closes the connection for good (the client opens a new source to reconnect). */
  close(): void
}

/** Page lifecycle signals. */
export type PageEvent = 'hidden' | 'visible' | 'pagehide'

/** The injected environment of a client. */
export interface Environment {
  /** Sends snapshot requests and event batches. @default the global `fetch`, read at call time */
  fetch: FetchLike
  /** Schedules polls, flushes and retries; returns a handle for `clearTimeout`. @default the global one */
  setTimeout(fn: () => void, ms: number): unknown
  /** Cancels what `setTimeout` scheduled. @default the global one */
  clearTimeout(id: unknown): void
  /** Epoch milliseconds. */
  now(): number
  /** A number in [0, 1), for backoff jitter. */
  random(): number
  /** A random UUID for event ids. */
  uuid(): string
  /** Whether the page is hidden now (never in Node). */
  isHidden(): boolean
  /** Listens to visibility changes and `pagehide`; returns the function that stops listening. */
  onPage(listener: (event: PageEvent) => void): () => void
  /** `navigator.sendBeacon` when the platform has it. */
  sendBeacon: ((url: string, body: string) => boolean) | undefined
  /** `EventSource` when the platform has it. */
  EventSource: (new (url: string) => EventSourceLike) | undefined
  /** The page URL, for URL overrides. */
  href(): string | undefined
}

const g = globalThis as unknown as {
  crypto?: Crypto
  addEventListener?: (type: string, fn: (e: Event) => void) => void
  removeEventListener?: (type: string, fn: (e: Event) => void) => void
  document?: Document
  navigator?: Navigator
  location?: Location
  EventSource?: new (url: string) => EventSourceLike
}

/**
 * A v4 UUID, also where `crypto.randomUUID` is missing (insecure origins) or `crypto` itself is
 * (React Native without a polyfill): ids only need to be unique, and a client must not fail to start.
 * Each 0, 1 or 8 of the template becomes a random hex digit; 8 keeps the variant bits (8, 9, a, b).
 */
export const uuid = (c = g.crypto): string =>
  c?.randomUUID?.() ??
  // getRandomValues where there is one (insecure origins have it): ids must not collide across devices.
  '10000000-1000-4000-8000-100000000000'.replace(/[018]/g, (d) =>
    (+d ^ ((c?.getRandomValues ? c.getRandomValues(new Uint8Array(1))[0]! : Math.random() * 256) & (15 >> (+d / 4)))).toString(16),
  )

/**
 * The platform's environment, with a client's `fetch` and `now` options, then its `environment`
 * option, on top (an option left `undefined` keeps the platform's).
 */
export function createEnvironment(o: { fetch?: FetchLike; now?: () => number; environment?: Partial<Environment> } = {}): Environment {
  const n = g.navigator
  return {
    fetch: o.fetch ?? ((url, init) => fetch(url, init)),
    setTimeout: (fn, ms) => setTimeout(fn, ms),
    clearTimeout: (id) => clearTimeout(id as ReturnType<typeof setTimeout>),
    now: o.now ?? (() => Date.now()),
    random: () => Math.random(),
    uuid,
    isHidden: () => g.document?.visibilityState == 'hidden',
    onPage(listener) {
      const d = g.document
      // A server DOM shim may have a document but no window events: no page lifecycle to follow.
      if (!d || !g.addEventListener || !g.removeEventListener) return () => {}
      // Anything but `hidden` (the legacy `prerender`, `unloaded`) counts as visible.
      const on = (e: Event): void => listener(e.type == 'pagehide' ? 'pagehide' : d.visibilityState == 'hidden' ? 'hidden' : 'visible')
      // One body for both: the listeners removed are exactly the ones added.
      const each = (m: 'addEventListener' | 'removeEventListener'): void => {
        d[m]('visibilitychange', on)
        g[m]!('pagehide', on)
      }
      each('addEventListener')
      return () => each('removeEventListener')
    },
    // Bound: sendBeacon throws "Illegal invocation" when called detached from navigator.
    sendBeacon: n?.sendBeacon && ((url, body) => n.sendBeacon(url, body)),
    EventSource: g.EventSource,
    href: () => g.location?.href,
    ...o.environment,
  }
}

/**
 * A timer slot of `env`: `timer(fn, ms)` replaces the pending call (if any) with `fn` in `ms`;
 * `timer()` (or `timer(false)`) cancels it.
 */
export function createTimer(env: Environment): (fn?: (() => unknown) | false, ms?: number) => void {
  let id: unknown
  return (fn, ms) => {
    env.clearTimeout(id)
    id = fn && env.setTimeout(fn, ms!)
  }
}
