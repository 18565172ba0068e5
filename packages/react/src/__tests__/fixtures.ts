/** Snapshots and a scripted in-memory service shared by the React tests. */
import { createClient } from '@vexil/core'
import type { ClientOptions, FetchLike, Snapshot, VexilClient } from '@vexil/core'

/**
 * `flag-a` depends on the context (`country`), `flag-b` does not, `exp` is a 50/50 experiment
 * bucketed by `userId`.
 */
export function snapshot(revision = '1', aOn = false): Snapshot {
  return {
    schemaVersion: 1,
    revision,
    environment: 'test',
    flags: {
      'flag-a': {
        type: 'boolean',
        enabled: true,
        variations: { on: true, off: false },
        offVariation: 'off',
        rules: [{ id: 'germany', conditions: [{ attribute: 'country', op: 'in', values: ['DE'] }], serve: { variation: 'on' } }],
        fallthrough: { variation: aOn ? 'on' : 'off' },
      },
      'flag-b': {
        type: 'string',
        enabled: true,
        variations: { blue: 'blue', green: 'green' },
        offVariation: 'blue',
        fallthrough: { variation: 'green' },
      },
      exp: {
        type: 'string',
        enabled: true,
        variations: { control: 'old', treatment: 'new' },
        offVariation: 'control',
        fallthrough: {
          split: [
            { variation: 'control', weight: 50 },
            { variation: 'treatment', weight: 50 },
          ],
          experiment: 'exp-1',
        },
      },
    },
  }
}

/** A fake snapshot endpoint: serves `current`, which a test replaces; `hold` delays the answer. */
export function fakeService(initial: Snapshot): {
  fetch: FetchLike
  set(next: Snapshot): void
  hold(): () => void
} {
  let current = initial
  let gate: Promise<void> | undefined
  return {
    fetch: async () => {
      await gate
      const body = JSON.stringify(current)
      return { status: 200, headers: { get: (h) => (h.toLowerCase() === 'etag' ? `"${current.revision}"` : null) }, text: async () => body }
    },
    set: (next) => {
      current = next
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
}

/** A client on the fake service, in memory, not polling. */
export function serviceClient(service: { fetch: FetchLike }, options: ClientOptions = {}): VexilClient {
  return createClient({ snapshotUrl: '/snapshot', fetch: service.fetch, persistence: 'memory', pollInterval: 0, ...options })
}
