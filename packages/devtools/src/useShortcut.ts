'use client'
import { useEffect, useRef } from 'react'
import { isProduction } from './isProduction'
import { matchesShortcut, parseShortcut } from './shortcut'

/**
 * Calls `onPress` when the shortcut is pressed anywhere in the page. The latest `onPress` is used
 * without re-subscribing, so an inline callback does not add and remove a listener on each render.
 *
 * @internal
 */
export function useShortcut(shortcut: string | false, onPress: () => void): void {
  const latest = useRef(onPress)
  latest.current = onPress
  useEffect(() => {
    const parsed = shortcut ? parseShortcut(shortcut) : undefined
    if (!parsed) {
      if (shortcut && !isProduction())
        console.warn(`[vexil] devtools: cannot read the shortcut "${shortcut}"; write it like "Alt+Shift+V".`)
      return
    }
    const onKey = (e: KeyboardEvent): void => {
      if (e.repeat || !matchesShortcut(parsed, e)) return
      e.preventDefault()
      latest.current()
    }
    // Capture phase: the page's own handlers that stop propagation must not swallow the shortcut.
    window.addEventListener('keydown', onKey, true)
    return () => window.removeEventListener('keydown', onKey, true)
  }, [shortcut])
}
