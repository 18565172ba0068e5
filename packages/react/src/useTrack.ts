'use client'
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
export const useTrack = (): VexilClient['track'] =>
  // The client's own method: a closure over the client (no `this`), as stable as the client.
  useVexilClient().track
