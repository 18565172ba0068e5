/** Snapshots and a scripted in-memory service shared by the React tests. */
import { createClient } from '@vexil/core'
import type { ClientOptions, FetchLike, Snapshot, VexilClient } from '@vexil/core'
import { booleanFlag, onInGermany, snapshotOf, splitFlag, stringFlag } from '@vexil/test-utils'

/**
 * `flag-a` depends on the context (`country`), `flag-b` does not, `exp` is a 50/50 experiment
 * bucketed by `userId`.
 */
export function snapshot(revision = '1', aOn = false): Snapshot {
  return snapshotOf(
    {
      'flag-a': booleanFlag({ rules: [onInGermany()], fallthrough: { variation: aOn ? 'on' : 'off' } }),
      'flag-b': stringFlag({ blue: 'blue', green: 'green' }, 'green'),
      exp: splitFlag({ control: 'old', treatment: 'new' }, 'exp-1'),
    },
    { revision },
  )
}

/** A fake snapshot endpoint: serves `current`, which a test replaces; `hold` delays the answer. */
export { fakeSnapshotService as fakeService } from '@vexil/test-utils'

/** A client on the fake service, in memory, not polling. */
export function serviceClient(service: { fetch: FetchLike }, options: ClientOptions = {}): VexilClient {
  return createClient({ snapshotUrl: '/snapshot', fetch: service.fetch, persistence: 'memory', pollInterval: 0, ...options })
}
