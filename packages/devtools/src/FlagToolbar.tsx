'use client'
import type { ReactNode } from 'react'

/** Props of {@link FlagToolbar}. @internal */
export interface FlagToolbarProps {
  query: string
  onQuery: (query: string) => void
  overriddenOnly: boolean
  onOverriddenOnly: (on: boolean) => void
  overrideCount: number
  onClearAll: () => void
  /** The id of the list the search filters. */
  listId: string
}

/** Search by key or tag, the "overridden only" filter and "Clear all overrides". @internal */
export function FlagToolbar(p: FlagToolbarProps): ReactNode {
  return (
    <div className="vx-toolbar">
      <input
        type="search"
        className="vx-input"
        placeholder="Search key or tag"
        aria-label="Search flags by key or tag"
        aria-controls={p.listId}
        value={p.query}
        onChange={(e) => p.onQuery(e.target.value)}
        data-autofocus=""
      />
      <label className="vx-check">
        <input type="checkbox" checked={p.overriddenOnly} onChange={(e) => p.onOverriddenOnly(e.target.checked)} />
        Overridden only
      </label>
      <button type="button" className="vx-btn" disabled={p.overrideCount === 0} onClick={p.onClearAll}>
        Clear all overrides
      </button>
    </div>
  )
}
