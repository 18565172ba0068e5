/**
 * Test helpers: snapshots and a fake flag service behind a Vexil client, so the provider is tested
 * through the real client (fetch, validation, evaluation, events) without a network.
 */
import { createClient } from '@vexil/core'
import type { ActivityEntry, Flag, Snapshot, VexilClient } from '@vexil/core'
import { subscribeActivity } from '@vexil/core/inspect'
import { booleanFlag as boolFlag, snapshotOf } from '@vexil/test-utils'
import type { FakeSnapshotService } from '@vexil/test-utils'

/** A snapshot of `flags` at `revision`. */
export const snap = (flags: Record<string, unknown>, revision = '1'): Snapshot => snapshotOf(flags as Record<string, Flag>, { revision })

/** A boolean flag serving `on` (true) by default. */
export { booleanFlag as boolFlag } from '@vexil/test-utils'

/** The flags most tests use: one per type and per reason. */
export const FLAGS = {
  'new-checkout': boolFlag({
    rules: [{ id: 'germany', conditions: [{ attribute: 'country', op: 'in', values: ['DE'] }], serve: { variation: 'off' } }],
  }),
  'killed': boolFlag({ enabled: false }),
  'theme': {
    type: 'string',
    enabled: true,
    variations: { light: 'light', dark: 'dark' },
    offVariation: 'light',
    fallthrough: { split: [{ variation: 'dark', weight: 100 }, { variation: 'light', weight: 0 }], experiment: 'theme-test' },
  },
  'max-items': { type: 'number', enabled: true, variations: { few: 10, many: 50 }, offVariation: 'few', fallthrough: { variation: 'many' } },
  'banner': {
    type: 'json',
    enabled: true,
    variations: { a: { text: 'Hi' }, plain: 'just a string' },
    offVariation: 'a',
    fallthrough: { variation: 'a' },
    rules: [{ id: 'plain', conditions: [{ attribute: 'plain', op: 'exists' }], serve: { variation: 'plain' } }],
  },
  'broken': boolFlag({ offVariation: 'nope' }),
  'launch': boolFlag({ fallthrough: { variation: 'off' }, rules: [{ id: 'early', conditions: [{ attribute: 'signedUp', op: 'before', values: ['2026-01-01'] }], serve: { variation: 'on' } }] }),
} satisfies Record<string, unknown>

/** A fake flag service: serves `snapshot`, or fails while `down`. */
export type FakeService = FakeSnapshotService

/** A fake flag service serving `snapshot`. */
export { fakeSnapshotService as fakeService } from '@vexil/test-utils'

/** A client of `service`, with memory persistence, no polling and silent logs; `activity` records its events. */
export function clientOf(service: FakeService, context: Record<string, unknown> = { userId: 'u-1' }): VexilClient & { activity: ActivityEntry[] } {
  const client = createClient({
    snapshotUrl: 'https://flags.test/v1/snapshot',
    fetch: service.fetch,
    persistence: 'memory',
    pollInterval: 0,
    context,
    onError: () => {},
    logger: { warn: () => {}, error: () => {} },
  })
  const activity: ActivityEntry[] = []
  subscribeActivity(client, (e) => activity.push(e))
  return Object.assign(client, { activity })
}

/** Lets promise callbacks and scheduled notifications run. */
export async function settle(): Promise<void> {
  for (let i = 0; i < 10; i++) await new Promise((r) => setTimeout(r, 0))
}
