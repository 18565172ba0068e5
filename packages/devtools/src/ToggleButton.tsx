'use client'
import type { ReactNode, RefObject } from 'react'
import type { DevtoolsPosition } from './types'
import { FlagIcon } from './FlagIcon'

/** Props of {@link ToggleButton}. @internal */
export interface ToggleButtonProps {
  open: boolean
  onClick: () => void
  position: DevtoolsPosition
  /** The panel's element id, for `aria-controls`. */
  panelId: string
  /** How many overrides are in force, shown as a badge. */
  overrideCount: number
  /** Whether a "View as" context is applied. */
  viewingAs: boolean
  shortcut: string | false
  buttonRef: RefObject<HTMLButtonElement | null>
}

/** The floating button that opens and closes the panel. @internal */
export function ToggleButton({ open, onClick, position, panelId, overrideCount, viewingAs, shortcut, buttonRef }: ToggleButtonProps): ReactNode {
  // A disclosure button: a constant name, its state in aria-expanded.
  const label = 'Vexil devtools'
  const notes = [overrideCount ? `${overrideCount} override${overrideCount === 1 ? '' : 's'}` : '', viewingAs ? 'viewing as another context' : '']
    .filter(Boolean)
    .join(', ')
  return (
    <button
      ref={buttonRef}
      type="button"
      className={`vx-toggle vx-${position}`}
      aria-label={notes ? `${label} (${notes})` : label}
      aria-expanded={open}
      aria-controls={panelId}
      {...(shortcut && { 'aria-keyshortcuts': shortcut, title: `${open ? 'Close' : 'Open'} the Vexil devtools (${shortcut})` })}
      onClick={onClick}
    >
      <FlagIcon />
      <span aria-hidden="true">Flags</span>
      {overrideCount > 0 && (
        <span className="vx-count" aria-hidden="true">
          {overrideCount}
        </span>
      )}
      {viewingAs && (
        <span className="vx-count" aria-hidden="true" title="Viewing as another context">
          as
        </span>
      )}
    </button>
  )
}
