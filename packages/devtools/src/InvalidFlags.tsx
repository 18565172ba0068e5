'use client'
import type { ReactNode } from 'react'
import type { FlagInfo } from '@vexil/core'

/** Props of {@link InvalidFlags}. @internal */
export interface InvalidFlagsProps {
  flags: readonly FlagInfo[]
}

/** The flags that failed validation, each with its errors (path and message). @internal */
export function InvalidFlags({ flags }: InvalidFlagsProps): ReactNode {
  const invalid = flags.filter((f) => f.errors?.length)
  if (invalid.length === 0) return <p className="vx-note">Every flag is valid.</p>
  return (
    <ul className="vx-list" aria-label="Invalid flags">
      {invalid.map((f) => (
        <li key={f.key} className="vx-flag" data-invalid="">
          <span className="vx-key vx-mono">{f.key}</span>
          <ul className="vx-error">
            {f.errors?.map((e) => (
              <li key={e.path + e.message} className="vx-mono">
                {e.path}: {e.message}
              </li>
            ))}
          </ul>
        </li>
      ))}
    </ul>
  )
}
