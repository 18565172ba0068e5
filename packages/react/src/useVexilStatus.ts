'use client'
import type { ClientState } from '@vexil/core'
import type { VexilStatus } from './types'
import { useVexilClient } from './useVexilClient'
import { useSelector } from './context'

/**
 * The client's lifecycle: `status` (`loading`, `ready`, `error`), the snapshot's `source`, whether it
 * is `stale`, and the last `error`. Re-renders only when one of these changes, not on event counters.
 */
export const useVexilStatus = (): VexilStatus => {
  const client = useVexilClient()
  const getState = (): ClientState => client.getState()
  return useSelector(
    client.subscribe,
    getState,
    getState,
    ({ status, source, stale, error }) => ({ status, source, stale, error }),
    // By identity, not JSON: a VexilError's message is no own property, so every error with the same
    // code would look equal and a new failure would not reach the component.
    (a, b) => a.status === b.status && a.source === b.source && a.stale === b.stale && a.error === b.error,
  )
}
