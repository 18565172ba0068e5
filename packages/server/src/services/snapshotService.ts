/**
 * Serves snapshots from memory. A snapshot is built, serialised and compressed once per revision
 * and view; every request after that is a map lookup, which is what lets a 304 or a 200 cost
 * almost nothing. The cache is dropped for an environment when a commit bumps its revision.
 */
import { brotliCompressSync, constants, gzipSync } from 'node:zlib'
import type { Catalog } from './catalog'
import { browserView } from './snapshotBuilder'

/** Which snapshot a key may read. */
export type SnapshotView = 'server' | 'browser'

/** A serialised snapshot and its encodings. */
export interface SnapshotPayload {
  revision: string
  /** The `ETag` header value: the quoted revision. */
  etag: string
  body: Buffer
  /** Compressed lazily, then kept. */
  gzip(): Buffer
  brotli(): Buffer
}

function payload(revision: string, json: string): SnapshotPayload {
  const body = Buffer.from(json)
  let gz: Buffer | undefined
  let br: Buffer | undefined
  return {
    revision,
    etag: `"${revision}"`,
    body,
    gzip: () => (gz ??= gzipSync(body)),
    brotli: () =>
      (br ??= brotliCompressSync(body, {
        params: { [constants.BROTLI_PARAM_QUALITY]: 9, [constants.BROTLI_PARAM_SIZE_HINT]: body.length },
      })),
  }
}

/** The per-environment snapshot cache. */
export class SnapshotService {
  readonly #catalog: Catalog
  readonly #cache = new Map<string, { server: SnapshotPayload; browser: SnapshotPayload }>()

  constructor(catalog: Catalog) {
    this.#catalog = catalog
    catalog.onCommit((bumps) => {
      for (const bump of bumps) this.#cache.delete(bump.environment)
    })
  }

  /** The current revision of an environment, without building anything new. */
  revision(environment: string): string {
    return this.get(environment, 'server').revision
  }

  /** The current snapshot of an environment in the given view. */
  get(environment: string, view: SnapshotView): SnapshotPayload {
    let entry = this.#cache.get(environment)
    if (!entry) {
      const { revision, snapshot } = this.#catalog.snapshot(environment)
      const rev = String(revision)
      entry = { server: payload(rev, JSON.stringify(snapshot)), browser: payload(rev, JSON.stringify(browserView(snapshot))) }
      this.#cache.set(environment, entry)
    }
    return entry[view]
  }
}
