/**
 * Sticky assignments on the server, kept in a cookie. `createBootstrap` has no sticky store (SPEC §7),
 * so without this a user whose split changed since their first visit would be rendered the new arm
 * by the server and the old one by their browser (which keeps its assignments in IndexedDB): a
 * flicker and a broken experiment. The cookie is per browser, like the browser's own store, and both
 * are written on the first visit from the same split, so they agree.
 */
import type { IncomingMessage } from 'node:http'
import { evaluate } from '@vexil/core'
import type { StickyAssignment, StickyStore } from '@vexil/core'
import type { BootstrapPayload } from '@vexil/core/server'

export const STICKY_COOKIE = 'vexil_sticky'
/** Enough for a handful of experiments per browser; a cookie must stay small. */
const MAX_ENTRIES = 20

function readCookie(req: IncomingMessage): Record<string, StickyAssignment> {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [k, ...v] = part.trim().split('=')
    if (k !== STICKY_COOKIE) continue
    try {
      const parsed = JSON.parse(decodeURIComponent(v.join('='))) as unknown
      if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) return parsed as Record<string, StickyAssignment>
    } catch {
      // A cookie we cannot read is a cookie we start over.
    }
  }
  return {}
}

/**
 * Re-evaluates the bootstrap's sticky flags with the browser's cookie assignments (a `STICKY` result
 * replaces a fresh split), and returns the `Set-Cookie` header when an assignment was made.
 */
export function applyStickyCookie(req: IncomingMessage, bootstrap: BootstrapPayload): string | undefined {
  const entries = readCookie(req)
  let changed = false
  const id = (flag: string, unit: string, salt: string): string => `${flag}|${unit}|${salt}`
  const store: StickyStore = {
    get: (flag, unit, salt) => entries[id(flag, unit, salt)],
    set(flag, unit, salt, assignment) {
      entries[id(flag, unit, salt)] = assignment
      changed = true
    },
  }
  const now = Date.parse(bootstrap.evaluatedAt)
  for (const [key, flag] of Object.entries(bootstrap.snapshot.flags)) {
    if (!flag || typeof flag !== 'object' || flag.sticky !== true) continue
    const r = evaluate(bootstrap.snapshot, key, bootstrap.context, { now, sticky: store, default: null })
    bootstrap.evaluations[key] = { value: r.value as never, reason: r.reason, ...(r.variation !== undefined && { variation: r.variation }) }
  }
  if (!changed) return undefined
  const kept = Object.fromEntries(Object.entries(entries).slice(-MAX_ENTRIES))
  return `${STICKY_COOKIE}=${encodeURIComponent(JSON.stringify(kept))}; Path=/; Max-Age=31536000; SameSite=Lax`
}
