'use client'
import type { ReactNode } from 'react'

/** The flag glyph of the toggle button; decorative. @internal */
export function FlagIcon(): ReactNode {
  return (
    <svg viewBox="0 0 16 16" aria-hidden="true" focusable="false">
      <path d="M3 1.5a.75.75 0 0 1 .75.75V3h8.4a.6.6 0 0 1 .5.93L11.2 6.25l1.45 2.32a.6.6 0 0 1-.5.93h-8.4v5.25a.75.75 0 0 1-1.5 0V2.25A.75.75 0 0 1 3 1.5Z" />
    </svg>
  )
}
