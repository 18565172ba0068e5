/**
 * Keyboard shortcuts written as `"Alt+Shift+V"`. Letters and digits are matched on the physical key
 * (`event.code`), because with Alt/Option held macOS reports another character in `event.key`.
 */

/** A parsed shortcut. @internal */
export interface Shortcut {
  ctrl: boolean
  alt: boolean
  shift: boolean
  meta: boolean
  /** `KeyV`, `Digit1`, or a lower-cased `event.key` such as `f2` or `.`. */
  key: string
}

/** The modifier and key fields of a keyboard event that a shortcut compares. @internal */
export interface KeyLike {
  ctrlKey: boolean
  altKey: boolean
  shiftKey: boolean
  metaKey: boolean
  key: string
  code: string
}

const keyCode = (key: string): string => {
  if (/^[a-z]$/i.test(key)) return 'Key' + key.toUpperCase()
  if (/^[0-9]$/.test(key)) return 'Digit' + key
  return key.toLowerCase()
}

/**
 * Parses `"Ctrl+Shift+K"`-style text (modifiers `ctrl`, `alt`/`option`, `shift`, `meta`/`cmd`; case
 * ignored). Returns `undefined` for text without exactly one non-modifier key.
 *
 * @internal
 */
export function parseShortcut(text: string): Shortcut | undefined {
  const out: Shortcut = { ctrl: false, alt: false, shift: false, meta: false, key: '' }
  // "Ctrl++" names the plus key: split on "+" only where it separates two parts.
  const parts = text.split(/\+(?!$)/).map((p) => p.trim())
  for (const part of parts) {
    const p = part.toLowerCase()
    if (p === 'ctrl' || p === 'control') out.ctrl = true
    else if (p === 'alt' || p === 'option') out.alt = true
    else if (p === 'shift') out.shift = true
    else if (p === 'meta' || p === 'cmd' || p === 'command') out.meta = true
    else if (!out.key && part) out.key = keyCode(part)
    else return undefined
  }
  return out.key ? out : undefined
}

/** Whether a keyboard event is the shortcut, modifiers included exactly. @internal */
export function matchesShortcut(s: Shortcut, e: KeyLike): boolean {
  if (e.ctrlKey !== s.ctrl || e.altKey !== s.alt || e.shiftKey !== s.shift || e.metaKey !== s.meta) return false
  return s.key.startsWith('Key') || s.key.startsWith('Digit') ? e.code === s.key : e.key.toLowerCase() === s.key
}
