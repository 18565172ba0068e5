'use client'
import { Suspense, lazy, useCallback, useId, useRef, useState, useSyncExternalStore } from 'react'
import type { ReactNode } from 'react'
import type { VexilClient } from '@vexil/core'
import type { DevtoolsPosition } from './types'
import { OverlayBoundary } from './OverlayBoundary'
import { ShadowHost } from './ShadowHost'
import { ToggleButton } from './ToggleButton'
import { activeElement } from './focusable'
import { useActivityLog } from './useActivityLog'
import { useShortcut } from './useShortcut'
import { useViewAs } from './useViewAs'

// The panel is the heavy part: it is fetched the first time the panel opens.
const DevtoolsPanel = lazy(() => import('./DevtoolsPanel'))

/** Props of {@link DevtoolsShell}. @internal */
export interface DevtoolsShellProps {
  client: VexilClient
  initialIsOpen: boolean
  position: DevtoolsPosition
  shortcut: string | false
}

/**
 * The always-present part of the overlay: the shadow host, the toggle button, the shortcut, and the
 * state that must outlive the panel's visibility (open or not, the event log, "View as").
 *
 * @internal
 */
export default function DevtoolsShell({ client, initialIsOpen, position, shortcut }: DevtoolsShellProps): ReactNode {
  const [open, setOpen] = useState(initialIsOpen)
  // Once opened, the panel stays mounted (hidden when closed) so its tab and filters are kept.
  const [loaded, setLoaded] = useState(initialIsOpen)
  const toggleRef = useRef<HTMLButtonElement>(null)
  const rootRef = useRef<HTMLDivElement>(null)
  const panelId = useId()
  const log = useActivityLog(client)
  const viewAs = useViewAs(client)
  const overrides = useSyncExternalStore(client.subscribe, useCallback(() => client.getOverrides(), [client]))

  const close = useCallback(() => {
    const root = rootRef.current
    // Give focus back to the button only when it was in the panel; a shortcut pressed in the page
    // must not pull focus away from what the user was typing in.
    if (root && root.contains(activeElement(root))) toggleRef.current?.focus()
    setOpen(false)
  }, [])
  const toggle = useCallback(() => {
    if (open) return close()
    setLoaded(true)
    setOpen(true)
  }, [open, close])
  useShortcut(shortcut, toggle)

  return (
    <ShadowHost>
      <div className="vx-root" ref={rootRef}>
        <ToggleButton
          open={open}
          onClick={toggle}
          position={position}
          panelId={panelId}
          overrideCount={Object.keys(overrides).length}
          viewingAs={viewAs.active}
          shortcut={shortcut}
          buttonRef={toggleRef}
        />
        {/* A panel that fails leaves the toggle button, the shortcut and the app as they are. */}
        {loaded && (
          <OverlayBoundary part="the devtools panel">
            <Suspense
              fallback={
                <div className={`vx-panel vx-${position}`} role="status" hidden={!open}>
                  <p className="vx-note">Loading the Vexil devtools…</p>
                </div>
              }
            >
              <DevtoolsPanel id={panelId} client={client} log={log} open={open} onClose={close} position={position} viewAs={viewAs} />
            </Suspense>
          </OverlayBoundary>
        )}
      </div>
    </ShadowHost>
  )
}
