/**
 * Who is shopping: `?user=` (the switcher) wins and is remembered in a cookie; otherwise the cookie;
 * otherwise a new anonymous visitor id, so even a first visit is bucketed consistently.
 */
import { randomBytes } from 'node:crypto'
import type { IncomingMessage } from 'node:http'
import { findUser } from '../src/users'
import type { DemoUser } from '../src/users'

export const USER_COOKIE = 'vexil_demo_user'
const VALID_ID = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$/

function cookie(req: IncomingMessage, name: string): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [k, ...v] = part.trim().split('=')
    if (k === name) return decodeURIComponent(v.join('='))
  }
  return undefined
}

/** The user and, when it changed, the `Set-Cookie` header that remembers them. */
export function requestUser(req: IncomingMessage, url: URL): { user: DemoUser; setCookie?: string } {
  const asked = url.searchParams.get('user')
  const stored = cookie(req, USER_COOKIE)
  const id = [asked, stored].find((v): v is string => !!v && VALID_ID.test(v)) ?? `visitor-${randomBytes(4).toString('hex')}`
  const user = findUser(id)
  if (id === stored) return { user }
  return { user, setCookie: `${USER_COOKIE}=${encodeURIComponent(id)}; Path=/; Max-Age=31536000; SameSite=Lax` }
}
