import { useState } from 'react'
import type { ReactNode } from 'react'
import { VexilProvider } from '@vexil/react'
import { VexilDevtools } from '@vexil/devtools'
import { SpaApp } from './SpaApp'
import { SPA_USERS, storedUserIndex, storeUserIndex } from './users'

/**
 * One client for the app's life. Switching user changes only `context`: the provider calls
 * `setContext`, flags re-evaluate locally and only components whose flag changed re-render. No reload,
 * no request.
 */
export function SpaRoot(): ReactNode {
  const [userIndex, setUserIndex] = useState(storedUserIndex)
  const pick = (i: number): void => {
    storeUserIndex(i)
    setUserIndex(i)
  }
  return (
    <VexilProvider
      options={{
        snapshotUrl: '/vexil/v1/snapshot',
        streamUrl: '/vexil/v1/stream',
        eventsUrl: '/vexil/v1/events',
        clientKey: 'vexil-browser-development',
        flushInterval: 1000,
      }}
      context={SPA_USERS[userIndex]!.context}
    >
      <SpaApp userIndex={userIndex} onPickUser={pick} />
      <VexilDevtools enabled />
    </VexilProvider>
  )
}
