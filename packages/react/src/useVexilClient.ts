'use client'
import { useContext } from 'react'
import type { VexilClient } from '@vexil/core'
import { VexilContext } from './context'

/**
 * The client of the nearest `VexilProvider`, for what the hooks do not cover (`setOverride`,
 * `expose`, `flush`, …).
 *
 * @throws when no `VexilProvider` is above the calling component; the message says how to add one.
 */
export function useVexilClient(): VexilClient {
  const client = useContext(VexilContext)
  if (!client) {
    throw new Error(
      '[vexil] No VexilProvider above this component. Wrap your app in <VexilProvider client={client}> ' +
        "(or <VexilTestProvider flags={…}> from '@vexil/react/testing' in tests).",
    )
  }
  return client
}
