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
export const useVexilClient = (): VexilClient => {
  const client = useContext(VexilContext)
  if (client) return client
  // `Error(…)` is `new Error(…)`, shorter in every app's bundle.
  throw Error(
    "[vexil] No <VexilProvider> above this component: wrap your app in <VexilProvider client={client}> (in tests, <VexilTestProvider> from '@vexil/react/testing')",
  )
}
