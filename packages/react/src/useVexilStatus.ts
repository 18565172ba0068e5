'use client'
import type { ClientState } from '@vexil/core'
import type { VexilStatus } from './types'
import { useVexilClient } from './useVexilClient'
import { sameContent, useSelector } from './context'

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
    sameContent,
  )
}
