'use client'
import { useEffect, useRef, useState } from 'react'
import type { ReactNode } from 'react'
import type { VexilClient } from '@vexil/core'
import type { ActivityLog } from './activityLog'
import type { DevtoolsPosition } from './types'
import type { TabId } from './tabs'
import type { ViewAs } from './useViewAs'
import { EventsTab } from './EventsTab'
import { FlagsTab } from './FlagsTab'
import { PanelHeader } from './PanelHeader'
import { SnapshotTab } from './SnapshotTab'
import { TabList } from './TabList'
import { ViewAsTab } from './ViewAsTab'
import { focusable } from './focusable'
import { useClientState } from './useClientState'
import { useFocusTrap } from './useFocusTrap'

/** Props of {@link DevtoolsPanel}. @internal */
export interface DevtoolsPanelProps {
  id: string
  client: VexilClient
  log: ActivityLog
  open: boolean
  onClose: () => void
  position: DevtoolsPosition
  viewAs: ViewAs
}

/**
 * The panel: a labelled dialog whose keyboard focus stays inside while it is open, moved into it
 * when it opens, with one tab per concern.
 *
 * @internal
 */
export default function DevtoolsPanel({ id, client, log, open, onClose, position, viewAs }: DevtoolsPanelProps): ReactNode {
  const [tab, setTab] = useState<TabId>('flags')
  const ref = useRef<HTMLDivElement>(null)
  const onKeyDown = useFocusTrap(ref, onClose)
  const state = useClientState(client)

  useEffect(() => {
    const root = ref.current
    if (!open || !root) return
    const target = root.querySelector<HTMLElement>('[data-autofocus]') ?? focusable(root)[0]
    target?.focus()
  }, [open])

  return (
    <div
      ref={ref}
      id={id}
      role="dialog"
      aria-modal="true"
      aria-labelledby={`${id}-title`}
      className={`vx-panel vx-${position}`}
      hidden={!open}
      onKeyDown={onKeyDown}
    >
      <PanelHeader state={state} titleId={`${id}-title`} onClose={onClose} />
      <TabList selected={tab} onSelect={setTab} idPrefix={id} />
      <div className="vx-body" role="tabpanel" id={`${id}-tabpanel`} aria-labelledby={`${id}-tab-${tab}`}>
        {tab === 'flags' && <FlagsTab client={client} state={state} />}
        {tab === 'viewAs' && <ViewAsTab client={client} viewAs={viewAs} />}
        {tab === 'events' && <EventsTab client={client} log={log} state={state} />}
        {tab === 'snapshot' && <SnapshotTab client={client} state={state} />}
      </div>
    </div>
  )
}
