'use client'
import type { ReactNode } from 'react'

/** Props of {@link BooleanSwitch}. @internal */
export interface BooleanSwitchProps {
  flagKey: string
  checked: boolean
  onChange: (checked: boolean) => void
}

/** A switch forcing a boolean flag on or off; a native button, so Space and Enter work. @internal */
export function BooleanSwitch({ flagKey, checked, onChange }: BooleanSwitchProps): ReactNode {
  return (
    <button
      type="button"
      role="switch"
      aria-checked={checked}
      aria-label={`Force ${flagKey} on`}
      className="vx-switch"
      onClick={() => onChange(!checked)}
    >
      <span className="vx-switch-track" aria-hidden="true" />
      <span aria-hidden="true">{checked ? 'on' : 'off'}</span>
    </button>
  )
}
