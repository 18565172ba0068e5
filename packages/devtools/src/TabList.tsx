'use client'
import { useRef } from 'react'
import type { KeyboardEvent, ReactNode } from 'react'
import { TABS, type TabId } from './tabs'

/** Props of {@link TabList}. @internal */
export interface TabListProps {
  selected: TabId
  onSelect: (tab: TabId) => void
  /** Prefix of the tab and tab panel ids. */
  idPrefix: string
}

/**
 * The WAI-ARIA tab pattern: one tab in the Tab order, arrow keys (and Home/End) move between tabs
 * and select them.
 *
 * @internal
 */
export function TabList({ selected, onSelect, idPrefix }: TabListProps): ReactNode {
  const refs = useRef<Partial<Record<TabId, HTMLButtonElement | null>>>({})
  const onKeyDown = (e: KeyboardEvent): void => {
    const i = TABS.findIndex((t) => t.id === selected)
    const next =
      e.key === 'ArrowRight' ? i + 1 : e.key === 'ArrowLeft' ? i - 1 : e.key === 'Home' ? 0 : e.key === 'End' ? TABS.length - 1 : undefined
    if (next === undefined) return
    e.preventDefault()
    const tab = TABS[(next + TABS.length) % TABS.length]!
    onSelect(tab.id)
    refs.current[tab.id]?.focus()
  }
  return (
    <div className="vx-tabs" role="tablist" aria-label="Devtools sections" onKeyDown={onKeyDown}>
      {TABS.map((t) => (
        <button
          key={t.id}
          ref={(el) => {
            refs.current[t.id] = el
          }}
          type="button"
          role="tab"
          id={`${idPrefix}-tab-${t.id}`}
          aria-selected={t.id === selected}
          aria-controls={`${idPrefix}-tabpanel`}
          tabIndex={t.id === selected ? 0 : -1}
          className="vx-tab"
          onClick={() => onSelect(t.id)}
        >
          {t.label}
        </button>
      ))}
    </div>
  )
}
