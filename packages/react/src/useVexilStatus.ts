'use client'
import { useSyncExternalStoreWithSelector } from 'use-sync-external-store/with-selector'
import type { ClientState } from '@vexil/core'
import type { VexilStatus } from './types'
import { useVexilClient } from './useVexilClient'

const pick = ({ status, source, stale, error }: ClientState): VexilStatus => ({ status, source, stale, error })

const same = (a: VexilStatus, b: VexilStatus): boolean =>
  a.status === b.status && a.source === b.source && a.stale === b.stale && a.error === b.error

/**
 * The client's lifecycle: `status` (`loading`, `ready`, `error`), the snapshot's `source`, whether it
 * is `stale`, and the last `error`. Re-renders only when one of these changes, not on event counters.
 */
export function useVexilStatus(): VexilStatus {
  const client = useVexilClient()
    const getState = (): ClientState => client.getState()
  return useSyncExternalStoreWithSelector(client.subscribe, getState, getState, pick, same)
}
