/**
 * `loadSnapshot`: reads a rules snapshot from a file or an `http(s)` URL (such as the flag service's
 * `/v1/snapshot`), and parses it.
 */
import { readFile } from 'node:fs/promises'
import { resolve } from 'node:path'

/** The part of a `fetch` response that {@link loadSnapshot} reads. */
export interface SnapshotResponse {
  /** Whether the status is 2xx. */
  ok: boolean
  /** The HTTP status, reported on failure. */
  status: number
  /** The HTTP status text, reported on failure. */
  statusText: string
  /** Reads the body. */
  text(): Promise<string>
}

/** The part of `fetch` that {@link loadSnapshot} uses. */
export type SnapshotFetch = (url: string, init: { headers: Record<string, string>; signal: AbortSignal }) => Promise<SnapshotResponse>

/** Options of {@link loadSnapshot}. */
export interface LoadSnapshotOptions {
  /** Sent as `Authorization: Bearer <key>` when loading from a URL. */
  clientKey?: string
  /** The directory a relative file path is read from. @default process.cwd() */
  cwd?: string
  /** Ms before a request is abandoned. @default 10000 */
  timeout?: number
  /** Replaces the global `fetch`. */
  fetch?: SnapshotFetch
}

/**
 * Reads and parses a snapshot.
 *
 * @param source - a file path, or an `http://` / `https://` URL
 * @param options - the client key, the base directory, the timeout, a `fetch`
 * @returns the parsed JSON, not yet validated
 * @throws an `Error` whose message says what failed (missing file, HTTP status, invalid JSON)
 */
export async function loadSnapshot(source: string, options: LoadSnapshotOptions = {}): Promise<unknown> {
  const text = /^https?:\/\//i.test(source) ? await download(source, options) : await readLocal(source, options.cwd)
  try {
    return JSON.parse(text) as unknown
  } catch (e) {
    throw new Error(`${source} is not valid JSON: ${(e as Error).message}`)
  }
}

async function readLocal(path: string, cwd = process.cwd()): Promise<string> {
  try {
    return await readFile(resolve(cwd, path), 'utf8')
  } catch (e) {
    throw new Error(`cannot read ${path}: ${(e as Error).message}`)
  }
}

async function download(url: string, options: LoadSnapshotOptions): Promise<string> {
  const fetcher: SnapshotFetch = options.fetch ?? ((u, init) => fetch(u, init))
  const headers: Record<string, string> = { accept: 'application/json' }
  if (options.clientKey) headers.authorization = `Bearer ${options.clientKey}`
  let response: SnapshotResponse
  try {
    response = await fetcher(url, { headers, signal: AbortSignal.timeout(options.timeout ?? 10_000) })
  } catch (e) {
    throw new Error(`cannot fetch ${url}: ${(e as Error).message}`)
  }
  if (!response.ok) {
    const said = await reason(response)
    // A refused key is the usual cause: say how to give one (the service's own words may not).
    const hint =
      response.status == 401 || response.status == 403
        ? options.clientKey
          ? '; the service refused the client key given'
          : '; pass the client key with --key <key> or $VEXIL_CLIENT_KEY'
        : ''
    throw new Error(`cannot fetch ${url}: HTTP ${response.status} ${response.statusText}`.trimEnd() + (said && `: ${said}`) + hint)
  }
  return response.text()
}

/** The service's own explanation of a refusal: `error.message` of a JSON body, or a short text body. */
async function reason(response: SnapshotResponse): Promise<string> {
  const text = (await response.text().catch(() => '')).trim()
  try {
    const message = (JSON.parse(text) as { error?: { message?: unknown } })?.error?.message
    if (typeof message == 'string') return message
  } catch {}
  return text.length <= 200 && !text.startsWith('<') ? text : ''
}
