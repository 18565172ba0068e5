/**
 * A token bucket per user, sized by the `rate-limit` flag: `burst` orders at once, refilled at
 * `requestsPerMinute`. The flag's value is read on every call, so a change applies at once.
 */
import type { RateLimit } from '../src/pageProps'

export interface RateLimiter {
  /** Takes one token for `key`; false when the bucket is empty. */
  take(key: string, limit: RateLimit): boolean
}

export function rateLimiter(now: () => number = Date.now): RateLimiter {
  const buckets = new Map<string, { tokens: number; at: number }>()
  return {
    take(key, { requestsPerMinute, burst }) {
      const t = now()
      const b = buckets.get(key) ?? { tokens: burst, at: t }
      b.tokens = Math.min(burst, b.tokens + ((t - b.at) / 60_000) * requestsPerMinute)
      b.at = t
      buckets.set(key, b)
      if (b.tokens < 1) return false
      b.tokens -= 1
      return true
    },
  }
}
