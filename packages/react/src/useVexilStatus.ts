'use client'
import type { VexilStatus } from './types'
import { useVexilClient } from './useVexilClient'
import { useSelector } from './context'

/** The fields of {@link VexilStatus}: what is picked from the client's state, and compared. */
const FIELDS = ['status', 'source', 'stale', 'error'] as const

/**
 * The client's lifecycle: `status` (`loading`, `ready`, `error`), the snapshot's `source`, whether it
 * is `stale`, and the last `error`. Re-renders only when one of these changes, not on event counters.
 */
export const useVexilStatus = (): VexilStatus => {
  const client = useVexilClient()
  return useSelector(
    client.subscribe,
    client.getState,
    client.getState,
    (state) => Object.fromEntries(FIELDS.map((f) => [f, state[f]])) as unknown as VexilStatus,
    // By identity, not JSON: a VexilError's message is no own property, so every error with the same
    // code would look equal and a new failure would not reach the component.
    (a, b) => FIELDS.every((f) => a[f] === b[f]),
  )
}
