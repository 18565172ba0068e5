'use client'
import { useCallback } from 'react'
import type { VexilClient } from '@vexil/core'
import { useVexilClient } from './useVexilClient'

/**
 * A stable function that records a conversion event (`client.track`), for experiment metrics.
 *
 * @example
 * ```tsx
 * const track = useTrack()
 * <button onClick={() => track('checkout-completed', { value: 42 })}>Pay</button>
 * ```
 */
export const useTrack = (): VexilClient['track'] => {
  // Calls through the client when the event fires, so a spy or wrapper set on it after render sees it.
  const client = useVexilClient()
  return useCallback<VexilClient['track']>((event, options) => client.track(event, options), [client])
}
