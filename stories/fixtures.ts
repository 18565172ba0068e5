/**
 * Snapshots and clients for the stories: real clients (same evaluation, overrides and events as in
 * an app), started from a bootstrap so they are ready at once and never call a network.
 */
import { createClient } from '@vexil/core'
import type { ClientOptions, Context, FetchLike, Flag, Snapshot, VexilClient } from '@vexil/core'
import { booleanFlag, bootstrappedClient, checkoutFlags, snapshotOf } from '@vexil/test-utils'

/** The shop's flags: a boolean, a 3-way experiment, a targeted flag, a number and a JSON flag. */
export function shopSnapshot(revision = '42'): Snapshot {
  return snapshotOf(
    {
      ...checkoutFlags(),
      'theme-config': {
        type: 'json',
        enabled: true,
        variations: { light: { bg: '#ffffff', accent: '#7c3aed' }, dark: { bg: '#0f172a', accent: '#a78bfa' } },
        offVariation: 'light',
        fallthrough: { variation: 'light' },
      },
    },
    { revision, environment: 'storybook' },
  )
}

/** The shop's flags plus `count` generated ones of every type, as a large app has. */
export function manyFlagsSnapshot(count = 60): Snapshot {
  const base = shopSnapshot()
  const areas = ['search', 'cart', 'profile', 'payments', 'onboarding', 'emails']
  const flags: Record<string, Flag> = { ...base.flags }
  for (let i = 0; i < count; i++) {
    const area = areas[i % areas.length]!
    const key = `${area}-feature-${String(i).padStart(2, '0')}`
    flags[key] =
      i % 3 === 0
        ? { type: 'boolean', enabled: i % 4 !== 0, variations: { on: true, off: false }, offVariation: 'off', fallthrough: { variation: 'on' }, tags: [area] }
        : i % 3 === 1
          ? {
              type: 'string',
              enabled: true,
              variations: { a: 'variant-a', b: 'variant-b' },
              offVariation: 'a',
              fallthrough: { split: [{ variation: 'a', weight: 50 }, { variation: 'b', weight: 50 }] },
              tags: [area],
            }
          : { type: 'number', enabled: true, variations: { low: 10, high: 50 }, offVariation: 'low', fallthrough: { variation: 'high' }, tags: [area] }
  }
  return { ...base, revision: '1337', flags }
}

/** The shop's flags with three that fail validation, each for another reason. */
export function invalidFlagsSnapshot(): Snapshot {
  const base = shopSnapshot('43')
  return {
    ...base,
    flags: {
      ...base.flags,
      'legacy-footer': booleanFlag({ fallthrough: { variation: 'gone' } }),
      'price-test': {
        type: 'number',
        enabled: true,
        variations: { low: 9, high: 'twelve' as unknown as number },
        offVariation: 'low',
        fallthrough: { split: [{ variation: 'low', weight: 60 }, { variation: 'high', weight: 30 }] },
      },
      'eu-only': {
        type: 'boolean',
        enabled: true,
        variations: { on: true, off: false },
        offVariation: 'off',
        rules: [{ id: 'eu', conditions: [{ attribute: 'country', op: 'near' as 'in', values: ['EU'] }], serve: { variation: 'on' } }],
        fallthrough: { variation: 'off' },
      },
    },
  }
}

/** The context the stories run as. */
export const STORY_CONTEXT: Context = { userId: 'u-1', country: 'US', plan: 'pro' }

/** A ready, in-memory client over `snapshot`. */
export function readyClient(snapshot: Snapshot, options: ClientOptions = {}): VexilClient {
  return bootstrappedClient(snapshot, STORY_CONTEXT, options)
}

/** A client whose snapshot request never answers: it stays `loading`. */
export function loadingClient(): VexilClient {
  const fetch: FetchLike = () => new Promise(() => {})
  return createClient({ persistence: 'memory', pollInterval: 0, snapshotUrl: 'https://flags.example/snapshot', fetch, context: STORY_CONTEXT })
}

/** A fetch whose service answers 503. */
const unavailable: FetchLike = async () => ({ status: 503, headers: { get: () => null }, text: async () => 'Service Unavailable' })

/** A client whose service is down: with nothing stored it is in `error`, with no flags. */
export function failingClient(): VexilClient {
  return createClient({
    persistence: 'memory',
    pollInterval: 0,
    snapshotUrl: 'https://flags.example/snapshot',
    fetch: unavailable,
    context: STORY_CONTEXT,
    logger: { warn() {}, error() {} },
  })
}

/** A ready client whose refreshes fail: its snapshot is kept but `stale`, with the error. */
export function staleClient(): VexilClient {
  const client = readyClient(shopSnapshot(), { snapshotUrl: 'https://flags.example/snapshot', fetch: unavailable })
  void client.refresh()
  return client
}
