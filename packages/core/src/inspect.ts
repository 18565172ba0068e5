/**
 * `@vexil/core/inspect`: looking into a client, for tools (the devtools, the OpenFeature adapter):
 * the current snapshot's flags, the live event log, a link that reproduces the overrides. Functions
 * of their own entry point rather than client methods, so an app that only reads flags ships none of
 * this code.
 */
import type { ActivityListener, FlagInfo, VexilClient } from './clientTypes'
import type { CompiledSnapshot } from './compiledTypes'
import { clientInternals, type ClientInternals } from './clientInternals'
import { formatUrlOverrides } from './urlOverrides'
import { explain } from './validationMessages'

export type { ActivityEntry, ActivityListener, FlagInfo } from './clientTypes'

// Stable per compiled snapshot, so a `useSyncExternalStore` selector over it does not loop.
const flagLists = new WeakMap<CompiledSnapshot, readonly FlagInfo[]>()
const NO_FLAGS: readonly FlagInfo[] = []

function internalsOf(client: VexilClient): ClientInternals {
  const internals = clientInternals.get(client)
  if (!internals) throw new TypeError('[vexil] not a client made by createClient of this @vexil/core')
  return internals
}

/**
 * Metadata and validation errors of the client's current snapshot's flags, in snapshot order.
 *
 * @returns the same array until the snapshot changes; empty before the first snapshot.
 * @throws TypeError when `client` was not made by `createClient` (of this copy of `@vexil/core`).
 */
export function getFlags(client: VexilClient): readonly FlagInfo[] {
  const c = internalsOf(client).snapshot()
  if (!c) return NO_FLAGS
  let list = flagLists.get(c)
  if (!list) {
    list = c.flagKeys.map((key) => {
      const x = c.flags.get(key)!
      const info: FlagInfo = { key, type: x.type ?? 'json', variations: { ...x.variations } }
      if (x.description !== undefined) info.description = x.description
      if (x.tags.length) info.tags = [...x.tags]
      // Worded here, not by the client: the message table stays out of an app that only reads flags.
      if (x.issues.length) info.errors = explain(x.issues)
      return info
    })
    flagLists.set(c, list)
  }
  return list
}

/**
 * Listens to the client's live event log: each event as it is queued, sent, failed or dropped.
 *
 * @returns the function that stops listening.
 * @throws TypeError when `client` was not made by `createClient`.
 */
export function subscribeActivity(client: VexilClient, listener: ActivityListener): () => void {
  const { activity } = internalsOf(client)
  activity.add(listener)
  return () => void activity.delete(listener)
}

/**
 * A URL that reproduces the client's variation overrides as `?vexil=flag:variation,…`, for a client
 * created with `urlOverrides: true`. Value overrides (`{ value }`) cannot be written in a URL and are
 * left out.
 *
 * @param baseUrl - the page to link to; the current page by default, a bare query outside a browser.
 * @throws TypeError when `client` was not made by `createClient`.
 */
export function getOverrideLink(client: VexilClient, baseUrl?: string): string {
  const { href } = internalsOf(client)
  const pairs: Record<string, string> = {}
  for (const [k, o] of Object.entries(client.getOverrides())) if ('variation' in o) pairs[k] = o.variation
  return formatUrlOverrides(baseUrl ?? href(), pairs)
}
