/**
 * The full snapshot (server-only flags included) that the shop renders with. Fetched with the
 * environment's server key and revalidated on every request with `If-None-Match`: on loopback a 304
 * costs well under a millisecond, and a page rendered right after a flag change already shows it.
 */
import type { Snapshot } from '@vexil/core'

export interface SnapshotSource {
  get(): Promise<Snapshot>
}

export function snapshotSource(flagServiceUrl: string, serverKey: string): SnapshotSource {
  let cached: { etag: string; snapshot: Snapshot } | undefined
  return {
    async get() {
      const headers: Record<string, string> = { authorization: `Bearer ${serverKey}` }
      if (cached) headers['if-none-match'] = cached.etag
      const response = await fetch(`${flagServiceUrl}/v1/snapshot`, { headers })
      if (response.status === 304 && cached) return cached.snapshot
      if (!response.ok) throw new Error(`flag service answered ${response.status} for the snapshot`)
      const snapshot = (await response.json()) as Snapshot
      cached = { etag: response.headers.get('etag') ?? '', snapshot }
      return snapshot
    },
  }
}
