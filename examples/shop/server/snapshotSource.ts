/**
 * The full snapshot (server-only flags included) that the shop renders with. Fetched with the
 * environment's server key and revalidated on every request with `If-None-Match`: on loopback a 304
 * costs well under a millisecond, and a page rendered right after a flag change already shows it.
 * While the flag service is unreachable the last good snapshot is used, so the shop stays up.
 */
import type { Snapshot } from '@vexil/core'

export interface SnapshotSource {
  get(): Promise<Snapshot>
}

export function snapshotSource(flagServiceUrl: string, serverKey: string, timeoutMs = 2000): SnapshotSource {
  let cached: { etag: string; snapshot: Snapshot } | undefined
  return {
    async get() {
      const headers: Record<string, string> = { authorization: `Bearer ${serverKey}` }
      if (cached) headers['if-none-match'] = cached.etag
      let response: Response
      try {
        response = await fetch(`${flagServiceUrl}/v1/snapshot`, { headers, signal: AbortSignal.timeout(timeoutMs) })
      } catch (error) {
        if (cached) return cached.snapshot
        throw new Error(`the flag service at ${flagServiceUrl} is unreachable (${(error as Error).message})`)
      }
      if (response.status === 304 && cached) return cached.snapshot
      if (!response.ok) {
        if (cached) return cached.snapshot
        throw new Error(`the flag service answered ${response.status} for the snapshot`)
      }
      const snapshot = (await response.json()) as Snapshot
      cached = { etag: response.headers.get('etag') ?? '', snapshot }
      return snapshot
    },
  }
}
