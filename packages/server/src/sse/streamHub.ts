/**
 * Server-sent events fan-out: one set of open streams per environment. A commit publishes the new
 * revision to every stream of the environments it bumped, at once (no polling loop in between);
 * comment heartbeats keep proxies from closing idle streams and let dead sockets be noticed.
 */
import type { ServerResponse } from 'node:http'

/** The SSE event name that announces a revision; its data is `{ revision, environment }`. */
export const REVISION_EVENT = 'revision'

/** Open SSE streams, grouped by environment. */
export class StreamHub {
  readonly #streams = new Map<string, Set<ServerResponse>>()
  readonly #timer: NodeJS.Timeout

  constructor(heartbeatInterval: number) {
    this.#timer = setInterval(() => this.#broadcast(': heartbeat\n\n'), heartbeatInterval)
    // A heartbeat must never be what keeps a process alive.
    this.#timer.unref()
  }

  /** How many streams are open (all environments, or one). */
  size(environment?: string): number {
    if (environment !== undefined) return this.#streams.get(environment)?.size ?? 0
    let n = 0
    for (const set of this.#streams.values()) n += set.size
    return n
  }

  /** Registers an open response (headers already written) and sends the current revision. */
  add(environment: string, response: ServerResponse, revision: string): void {
    let set = this.#streams.get(environment)
    if (!set) this.#streams.set(environment, (set = new Set()))
    set.add(response)
    const drop = (): void => {
      set.delete(response)
    }
    response.on('close', drop)
    response.on('error', drop)
    // The client reconnects after 3 s if the stream drops, then gets the current revision again.
    response.write(`retry: 3000\n${message(environment, revision)}`)
  }

  /** Tells every stream of `environment` about `revision`. */
  publish(environment: string, revision: string): void {
    const text = message(environment, revision)
    for (const response of this.#streams.get(environment) ?? []) write(response, text)
  }

  /** Ends every stream (for shutdown) and stops the heartbeat. */
  close(): void {
    clearInterval(this.#timer)
    for (const set of this.#streams.values()) {
      for (const response of set) response.end()
      set.clear()
    }
  }

  #broadcast(text: string): void {
    for (const set of this.#streams.values()) for (const response of set) write(response, text)
  }
}

// A client that stopped reading would make us buffer forever; past this it is cut off and will
// reconnect (and get the current revision) when it recovers.
const MAX_BUFFERED = 64 * 1024

function write(response: ServerResponse, text: string): void {
  if (response.writableLength > MAX_BUFFERED) response.destroy()
  else response.write(text)
}

function message(environment: string, revision: string): string {
  return `id: ${revision}\nevent: ${REVISION_EVENT}\ndata: ${JSON.stringify({ revision, environment })}\n\n`
}
