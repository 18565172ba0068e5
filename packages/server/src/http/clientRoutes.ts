/**
 * The endpoints SDKs call with an environment's client key: the snapshot (ETag/304, pre-compressed
 * bodies), the SSE stream of revisions, and event batches (JSON, or `text/plain` from
 * `sendBeacon`, whose body must stay a CORS "simple" request).
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type { ServerContext } from '../context'
import { badRequest, ServiceError } from '../errors'
import type { SnapshotPayload } from '../services/snapshotService'

function matches(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false
  return ifNoneMatch.split(',').some((tag) => {
    const t = tag.trim()
    return t === '*' || t === etag || t === `W/${etag}`
  })
}

function encodingFor(request: FastifyRequest): 'br' | 'gzip' | undefined {
  const accept = request.headers['accept-encoding']
  if (typeof accept !== 'string') return undefined
  // Quality values of 0 mean "not acceptable"; anything else counts as accepted.
  const accepted = new Set(
    accept
      .split(',')
      .map((part) => part.trim().split(';'))
      .filter(([, q]) => !q || !/^\s*q=0(\.0*)?\s*$/.test(q))
      .map(([name]) => name?.trim().toLowerCase()),
  )
  if (accepted.has('br')) return 'br'
  if (accepted.has('gzip') || accepted.has('*')) return 'gzip'
  return undefined
}

function sendSnapshot(request: FastifyRequest, reply: FastifyReply, payload: SnapshotPayload): FastifyReply {
  // Keep the `Vary: Origin` that CORS set: the body depends on all three.
  const vary = reply.getHeader('vary')
  reply
    .header('ETag', payload.etag)
    .header('Cache-Control', 'no-cache')
    .header('Vary', [vary, 'Authorization', 'Accept-Encoding'].filter((v) => v !== undefined && v !== '').join(', '))
  if (matches(request.headers['if-none-match'], payload.etag)) return reply.code(304).send()
  reply.type('application/json; charset=utf-8')
  // Tiny bodies are not worth an encoding header.
  const encoding = payload.body.length >= 1024 ? encodingFor(request) : undefined
  if (encoding === 'br') return reply.header('Content-Encoding', 'br').send(payload.brotli())
  if (encoding === 'gzip') return reply.header('Content-Encoding', 'gzip').send(payload.gzip())
  return reply.send(payload.body)
}

/** Registers `/v1/snapshot`, `/v1/stream` and `/v1/events`. */
export function registerClientRoutes(app: FastifyInstance, ctx: ServerContext): void {
  const { auth, snapshots, hub } = ctx

  app.get('/v1/snapshot', { compress: false }, (request, reply) => {
    const principal = auth.authenticate(request, 'client')
    if (principal.kind === 'admin') throw new Error('unreachable')
    return sendSnapshot(request, reply, snapshots.get(principal.environment, principal.kind))
  })

  app.get('/v1/stream', { compress: false }, (request, reply) => {
    const principal = auth.authenticate(request, 'client')
    if (principal.kind === 'admin') throw new Error('unreachable')
    const revision = snapshots.revision(principal.environment)
    reply.hijack()
    const raw = reply.raw
    // Hijacked replies skip Fastify's header pipeline, so carry over what hooks set (CORS).
    const headers: Record<string, string | number | string[]> = {}
    for (const [name, value] of Object.entries(reply.getHeaders())) if (value !== undefined) headers[name] = value
    raw.writeHead(200, {
      ...headers,
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-cache, no-transform',
      Connection: 'keep-alive',
      // Tells nginx-style proxies not to buffer the stream.
      'X-Accel-Buffering': 'no',
    })
    request.raw.socket.setNoDelay(true)
    request.raw.socket.setTimeout(0)
    hub.add(principal.environment, raw, revision)
  })

  app.post('/v1/events', { bodyLimit: ctx.options.bodyLimit }, async (request, reply) => {
    const principal = auth.authenticate(request, 'client')
    if (principal.kind === 'admin') throw new Error('unreachable')
    let body: unknown = request.body
    // Fastify's built-in text/plain parser hands us the string a beacon sent.
    if (typeof body === 'string') {
      try {
        body = JSON.parse(body) as unknown
      } catch {
        throw new ServiceError(400, 'INVALID_JSON', 'the text/plain body must be a JSON event batch')
      }
    }
    if (body === undefined || body === null) throw badRequest('the body must be { "events": [ … ] } (SPEC §5)')
    const result = await ctx.events.ingest(principal.environment, body)
    if (result.accepted === 0 && result.duplicates === 0 && result.rejected.length > 0) {
      throw new ServiceError(400, 'INVALID_EVENTS', 'no event in the batch is valid', { rejected: result.rejected })
    }
    return reply.code(200).send(result)
  })
}
