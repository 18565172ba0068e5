/**
 * Serves the flag service's SDK endpoints under the shop's origin: `/vexil/v1/snapshot`, `/stream`
 * and `/events` are forwarded to the service as they are, streamed both ways (the SSE stream stays
 * open, beacons and compressed snapshots pass untouched). The management API is not forwarded:
 * the admin token never leaves the shop's server.
 */
import { request } from 'node:http'
import type { IncomingMessage, ServerResponse } from 'node:http'

const FORWARDED = /^\/vexil(\/v1\/(?:snapshot|stream|events))(\?.*)?$/

/** Hop-by-hop headers are about one connection, not the message; a proxy must not forward them. */
const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'proxy-connection', 'transfer-encoding', 'upgrade', 'te', 'trailer', 'host'])

/** Forwards `req` when it is an SDK call; returns false (doing nothing) for any other path. */
export function proxyFlagService(flagServiceUrl: string, req: IncomingMessage, res: ServerResponse): boolean {
  const match = FORWARDED.exec(req.url ?? '')
  if (!match) return false
  const target = new URL(match[1]! + (match[2] ?? ''), flagServiceUrl)
  const headers: Record<string, string | string[]> = {}
  for (const [name, value] of Object.entries(req.headers)) if (value !== undefined && !HOP_BY_HOP.has(name)) headers[name] = value
  headers['x-forwarded-for'] = req.socket.remoteAddress ?? ''
  const upstream = request(target, { method: req.method ?? 'GET', headers }, (answer) => {
    const out: Record<string, string | string[]> = {}
    for (const [name, value] of Object.entries(answer.headers)) if (value !== undefined && !HOP_BY_HOP.has(name)) out[name] = value
    res.writeHead(answer.statusCode ?? 502, out)
    // Flush each SSE message as it comes instead of waiting for a buffer to fill.
    res.flushHeaders()
    answer.pipe(res)
  })
  upstream.on('error', () => {
    if (!res.headersSent) {
      res.writeHead(502, { 'content-type': 'application/json' })
      res.end(JSON.stringify({ error: { code: 'FLAG_SERVICE_UNREACHABLE', message: 'the flag service did not answer' } }))
    } else res.destroy()
  })
  // A browser that leaves (page closed, SSE reconnect) must not keep the upstream stream open.
  res.on('close', () => upstream.destroy())
  req.pipe(upstream)
  return true
}
