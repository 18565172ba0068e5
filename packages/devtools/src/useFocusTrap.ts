'use client'
import { useCallback } from 'react'
import type { KeyboardEvent, RefObject } from 'react'
import { activeElement, focusable } from './focusable'

/**
 * A keydown handler for the open panel: Tab and Shift+Tab wrap around inside it, so keyboard users
 * stay in the panel; Escape calls `onEscape`. Clicking the page still moves focus out, on purpose:
 * the panel is a tool beside the page, not a blocking dialog for mouse users.
 *
 * @internal
 */
export function useFocusTrap(ref: RefObject<HTMLElement | null>, onEscape: () => void): (e: KeyboardEvent) => void {
  return useCallback(
    (e: KeyboardEvent) => {
      const root = ref.current
      if (!root) return
      if (e.key === 'Escape') {
        e.preventDefault()
        onEscape()
        return
      }
      if (e.key !== 'Tab') return
      const items = focusable(root)
      const first = items[0]
      const last = items[items.length - 1]
      if (!first || !last) return
      const active = activeElement(root)
      if (e.shiftKey && (active === first || !root.contains(active))) {
        e.preventDefault()
        last.focus()
      } else if (!e.shiftKey && (active === last || !root.contains(active))) {
        e.preventDefault()
        first.focus()
      }
    },
    [ref, onEscape],
  )
}
