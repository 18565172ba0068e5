'use client'
import type { ReactNode } from 'react'
import type { ClientState, FlagInfo } from '@vexil/core'
import { withoutPrefix } from './errorMessage'

/** Props of {@link StatusBanners}. @internal */
export interface StatusBannersProps {
  state: ClientState
  flags: readonly FlagInfo[]
}

/**
 * What a QA engineer must know before trusting the list: still loading, no snapshot at all, values
 * possibly out of date, or flags that fail validation (and so serve the code's default).
 *
 * @internal
 */
export function StatusBanners({ state, flags }: StatusBannersProps): ReactNode {
  const error = state.error && `${state.error.code}: ${withoutPrefix(state.error.message)}`
  const invalid = flags.filter((f) => f.errors?.length).map((f) => f.key)
  return (
    <>
      {state.status === 'loading' && flags.length === 0 && (
        <p className="vx-banner" role="status">
          Loading the snapshot…
        </p>
      )}
      {state.status === 'error' && flags.length === 0 && (
        <p className="vx-banner vx-banner-error" role="alert">
          No snapshot could be loaded{error ? ` (${error})` : ''}. The app runs on its code defaults.
        </p>
      )}
      {state.stale && flags.length > 0 && (
        <p className="vx-banner" role="status">
          The last refresh failed{error ? ` (${error})` : ''}: values may be out of date.
        </p>
      )}
      {invalid.length > 0 && (
        <p className="vx-banner vx-banner-error" role="status">
          {invalid.length === 1 ? '1 invalid flag serves' : `${invalid.length} invalid flags serve`} the code’s default:{' '}
          <span className="vx-mono">{invalid.join(', ')}</span>. Details in the Snapshot tab.
        </p>
      )}
    </>
  )
}
