'use client'
import { useCallback, useSyncExternalStore } from 'react'
import type { ClientState, VexilClient } from '@vexil/core'

/** The client's whole state (status, source, revision, events…), re-rendering on each change. @internal */
export function useClientState(client: VexilClient): ClientState {
  // Only `subscribe` is documented as bound; `getState` is called through the client.
  const get = useCallback(() => client.getState(), [client])
  return useSyncExternalStore(client.subscribe, get, get)
}
