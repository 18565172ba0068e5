import type { ClientOptions } from '@vexil/core'

/**
 * The browser client's options. Every URL is on the shop's own origin: the shop proxies `/vexil/…`
 * to the flag service, so the requests are first-party (no CORS preflight, nothing for an ad blocker
 * to single out). Events are flushed every second so the demo's results move while you watch.
 */
export function browserClientOptions(clientKey: string): ClientOptions {
  return {
    snapshotUrl: '/vexil/v1/snapshot',
    streamUrl: '/vexil/v1/stream',
    eventsUrl: '/vexil/v1/events',
    clientKey,
    flushInterval: 1000,
  }
}
