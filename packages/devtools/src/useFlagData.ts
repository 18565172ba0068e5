'use client'
import { useCallback, useSyncExternalStore } from 'react'
import type { EvaluationResult, FlagInfo, StoredOverride, VexilClient } from '@vexil/core'
import { getFlags } from '@vexil/core/inspect'

/** Everything the flag list reads from the client. @internal */
export interface FlagData {
  flags: readonly FlagInfo[]
  results: Readonly<Record<string, EvaluationResult>>
  overrides: Readonly<Record<string, StoredOverride>>
}

/**
 * The snapshot's flags, their results and the overrides, each kept in step with the client. Each
 * read returns the same object until it changes, which is what `useSyncExternalStore` needs; the
 * devtools read with `evaluate()` semantics, so inspecting a flag never records an exposure.
 *
 * @internal
 */
export function useFlagData(client: VexilClient): FlagData {
  const flags = useSyncExternalStore(client.subscribe, useCallback(() => getFlags(client), [client]))
  const results = useSyncExternalStore(client.subscribe, useCallback(() => client.evaluateAll(), [client]))
  const overrides = useSyncExternalStore(client.subscribe, useCallback(() => client.getOverrides(), [client]))
  return { flags, results, overrides }
}
