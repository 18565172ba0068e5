'use client'
import { Suspense, lazy, useEffect, useState } from 'react'
import type { ReactNode } from 'react'
import type { VexilClient } from '@vexil/core'
import { useVexilClient } from '@vexil/react'
import type { VexilDevtoolsProps } from './types'
import { DEFAULT_SHORTCUT } from './types'
import { OverlayBoundary } from './OverlayBoundary'

// The only edge to the overlay's code: bundlers split it into its own chunk, fetched after mount.
const DevtoolsShell = lazy(() => import('./DevtoolsShell'))

type LoaderProps = Omit<VexilDevtoolsProps, 'enabled'>

function Shell({ client, initialIsOpen = false, position = 'bottom-right', shortcut = DEFAULT_SHORTCUT }: LoaderProps & { client: VexilClient }): ReactNode {
  return (
    <OverlayBoundary part="the devtools">
      <Suspense fallback={null}>
        <DevtoolsShell client={client} initialIsOpen={initialIsOpen} position={position} shortcut={shortcut} />
      </Suspense>
    </OverlayBoundary>
  )
}

function FromProvider(props: LoaderProps): ReactNode {
  return <Shell {...props} client={useVexilClient()} />
}

/**
 * Renders the lazily loaded overlay once the app has mounted: never on the server, so server and
 * client markup agree, and never before the app's own first paint.
 *
 * @internal
 */
export function DevtoolsLoader({ enabled: _, ...props }: VexilDevtoolsProps): ReactNode {
  const [mounted, setMounted] = useState(false)
  useEffect(() => setMounted(true), [])
  if (!mounted) return null
  return props.client ? <Shell {...props} client={props.client} /> : <FromProvider {...props} />
}
