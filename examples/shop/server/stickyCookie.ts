/**
 * The server's sticky store (SPEC §4), kept in a cookie and given to `createBootstrap({ sticky })`:
 * a user whose experiment split changed since their first visit is rendered their kept arm by the
 * server, and the payload carries it to the browser, which keeps its own copy in IndexedDB. The
 * cookie is per browser, like the browser's store, so the two agree.
 */
import type { IncomingMessage } from 'node:http'
import type { StickyAssignment, StickyStore } from '@vexil/core'

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

/** A request's cookie as a sticky store, and the `Set-Cookie` header once an assignment was made. */
export interface StickyCookie {
  store: StickyStore
  /** The header to send when the store changed, else `undefined`. */
  setCookie(): string | undefined
}

/** The sticky store of one request, over the browser's `vexil_sticky` cookie. */
export function stickyCookie(req: IncomingMessage): StickyCookie {
  const entries = readCookie(req)
  let changed = false
  const id = (flag: string, unit: string, salt: string): string => `${flag}|${unit}|${salt}`
  return {
    store: {
      get: (flag, unit, salt) => entries[id(flag, unit, salt)],
      set(flag, unit, salt, assignment) {
        entries[id(flag, unit, salt)] = assignment
        changed = true
      },
    },
    setCookie() {
      if (!changed) return undefined
      const kept = Object.fromEntries(Object.entries(entries).slice(-MAX_ENTRIES))
      return `${STICKY_COOKIE}=${encodeURIComponent(JSON.stringify(kept))}; Path=/; Max-Age=31536000; SameSite=Lax`
    },
  }
}
