'use client'
import type { ReactNode } from 'react'
import type { ClientState } from '@vexil/core'
import { withoutPrefix } from './errorMessage'

/** Props of {@link PanelHeader}. @internal */
export interface PanelHeaderProps {
  state: ClientState
  titleId: string
  onClose: () => void
}

/** The panel's title, the client's status at a glance, and the close button. @internal */
export function PanelHeader({ state, titleId, onClose }: PanelHeaderProps): ReactNode {
  const status = state.status + (state.stale ? ' · stale' : '')
  return (
    <div className="vx-header">
      <h2 className="vx-title" id={titleId}>
        Vexil devtools
      </h2>
      <span
        className={`vx-status vx-status-${state.stale ? 'stale' : state.status}`}
        title={state.error ? withoutPrefix(state.error.message) : undefined}
      >
        <span className="vx-sr">Client status: </span>
        {status}
        {state.revision !== undefined && <span className="vx-muted"> · rev {state.revision}</span>}
      </span>
      <button type="button" className="vx-icon-btn" aria-label="Close Vexil devtools" onClick={onClose}>
        ×
      </button>
    </div>
  )
}
