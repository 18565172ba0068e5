/**
 * The demo's own logic, without a browser: the order API's token bucket, who a request is, and the
 * simulator's refusal to load anything but this machine.
 */
import type { IncomingMessage } from 'node:http'
import { describe, expect, it } from 'vitest'
import { rateLimiter } from '../../examples/shop/server/rateLimiter'
import { requestUser, USER_COOKIE } from '../../examples/shop/server/requestUser'
import { localServiceUrl } from '../../scripts/demo/simulation'

const request = (cookie?: string): IncomingMessage => ({ headers: cookie ? { cookie } : {} }) as IncomingMessage

describe('rateLimiter', () => {
  it('allows a burst, refuses the next order, and refills at the per-minute rate', () => {
    let now = 0
    const limiter = rateLimiter(() => now)
    const limit = { requestsPerMinute: 60, burst: 3 }
    expect([1, 2, 3, 4].map(() => limiter.take('u', limit))).toEqual([true, true, true, false])
    expect(limiter.take('someone-else', limit)).toBe(true)
    now += 999
    expect(limiter.take('u', limit)).toBe(false)
    now += 1
    expect(limiter.take('u', limit)).toBe(true)
  })

  it('follows a changed limit at once', () => {
    const limiter = rateLimiter(() => 0)
    expect(limiter.take('u', { requestsPerMinute: 60, burst: 1 })).toBe(true)
    expect(limiter.take('u', { requestsPerMinute: 60, burst: 1 })).toBe(false)
    // The bucket keeps its tokens; a bigger burst does not refill it, time does.
    expect(limiter.take('u', { requestsPerMinute: 600, burst: 100 })).toBe(false)
  })
})

describe('requestUser', () => {
  it('takes ?user= over the cookie, and remembers it', () => {
    const r = requestUser(request(`${USER_COOKIE}=user-4`), new URL('http://shop/?user=user-1'))
    expect(r.user).toMatchObject({ id: 'user-1', name: 'Ada', country: 'DE' })
    expect(r.setCookie).toMatch(new RegExp(`^${USER_COOKIE}=user-1;`))
  })

  it('uses the cookie without setting it again', () => {
    const r = requestUser(request(`a=b; ${USER_COOKIE}=user-4`), new URL('http://shop/'))
    expect(r.user.id).toBe('user-4')
    expect(r.setCookie).toBeUndefined()
  })

  it('gives a new visitor an anonymous id, and ignores ids that are not keys', () => {
    const r = requestUser(request(), new URL('http://shop/?user=%3Cscript%3E'))
    expect(r.user.id).toMatch(/^visitor-[0-9a-f]{8}$/)
    expect(r.user.email).toBe('')
    expect(r.setCookie).toContain(r.user.id)
  })
})

describe('localServiceUrl', () => {
  it('accepts this machine only', () => {
    expect(localServiceUrl('http://127.0.0.1:4000/x')).toBe('http://127.0.0.1:4000')
    expect(localServiceUrl('http://localhost:4000')).toBe('http://localhost:4000')
    expect(() => localServiceUrl('https://flags.example.com')).toThrow(/only talks to a flag service on 127.0.0.1/)
    expect(() => localServiceUrl('http://10.0.0.1:4000')).toThrow()
  })
})
