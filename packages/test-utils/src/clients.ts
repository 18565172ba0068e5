/** A ready in-memory client and a fake snapshot service, for tests and stories. */
import { createClient } from '@vexil/core'
import type { ClientOptions, Context, FetchLike, Snapshot, VexilClient } from '@vexil/core'
import { createBootstrap } from '@vexil/core/server'

/**
 * A client that is ready at once: bootstrapped with `snapshot` for `context`, in memory, not
 * polling, with silent logs; `options` overrides any of that.
 */
export function bootstrappedClient(snapshot: Snapshot, context: Context, options: ClientOptions = {}): VexilClient {
  return createClient({
    persistence: 'memory',
    pollInterval: 0,
    logger: { warn() {}, error() {} },
    context,
    bootstrap: createBootstrap({ snapshot, context }),
    ...options,
  })
}

/** A fake snapshot endpoint (see {@link fakeSnapshotService}). */
export interface FakeSnapshotService {
  /** What it serves now (with the revision as ETag); a test replaces it, or calls {@link set}. */
  snapshot: Snapshot
  /** While `true`, requests fail as an offline network's do. */
  down: boolean
  /** How many requests it has received. */
  calls: number
  /** The fetch a client uses to reach it. */
  fetch: FetchLike
  /** Serves `next` from now on. */
  set(next: Snapshot): void
  /** Holds every answer until the returned function is called. */
  hold(): () => void
}

/** A fake snapshot endpoint serving `initial` until a test replaces it. */
export function fakeSnapshotService(initial: Snapshot): FakeSnapshotService {
  let gate: Promise<void> | undefined
  const service: FakeSnapshotService = {
    snapshot: initial,
    down: false,
    calls: 0,
    fetch: async () => {
      service.calls++
      await gate
      if (service.down) throw new TypeError('network down')
      const current = service.snapshot
      const body = JSON.stringify(current)
      return { status: 200, headers: { get: (h: string) => (h.toLowerCase() === 'etag' ? `"${current.revision}"` : null) }, text: async () => body }
    },
    set: (next) => {
      service.snapshot = next
    },
    hold: () => {
      let release!: () => void
      gate = new Promise((r) => (release = r))
      return () => {
        gate = undefined
        release()
      }
    },
  }
  return service
}
