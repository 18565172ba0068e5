/**
 * Who is calling. A token is compared with every known token in constant time (over SHA-256
 * digests, so lengths leak nothing either) and every candidate is checked, so the time taken does
 * not depend on which key matched or how much of it did.
 */
import { createHash, timingSafeEqual } from 'node:crypto'
import type { FastifyReply, FastifyRequest } from 'fastify'
import { ServiceError } from '../errors'
import type { ResolvedOptions } from '../options'

/** An authenticated caller. */
export type Principal =
  | { kind: 'admin' }
  | { kind: 'browser'; environment: string }
  | { kind: 'server'; environment: string }

/** What a route needs. */
export type Scope = 'admin' | 'client'

const digest = (token: string): Buffer => createHash('sha256').update(token).digest()

/** Resolves tokens to principals. */
export class Authenticator {
  readonly #entries: Array<{ digest: Buffer; principal: Principal }> = []

  constructor(options: ResolvedOptions) {
    this.#entries.push({ digest: digest(options.adminToken), principal: { kind: 'admin' } })
    for (const env of options.environments) {
      this.#entries.push({ digest: digest(env.browserKey), principal: { kind: 'browser', environment: env.key } })
      this.#entries.push({ digest: digest(env.serverKey), principal: { kind: 'server', environment: env.key } })
    }
    const seen = new Set(this.#entries.map((e) => e.digest.toString('hex')))
    if (seen.size !== this.#entries.length) throw new Error('[vexil] every key and the admin token must be different')
  }

  /** The principal of a token, if any. */
  identify(token: string): Principal | undefined {
    const candidate = digest(token)
    let found: Principal | undefined
    for (const entry of this.#entries) {
      if (timingSafeEqual(entry.digest, candidate)) found = entry.principal
    }
    return found
  }

  /**
   * Reads the token from `Authorization: Bearer …` or, where headers are impossible (beacons,
   * `EventSource`), from `?key=`; fails with 401 or 403.
   */
  authenticate(request: FastifyRequest, scope: Scope): Principal {
    const token = tokenOf(request)
    if (token === undefined) {
      throw new ServiceError(401, 'UNAUTHORIZED', 'missing key: send Authorization: Bearer <key> or ?key=<key>')
    }
    const principal = this.identify(token)
    if (!principal) throw new ServiceError(401, 'UNAUTHORIZED', 'unknown key')
    const allowed = scope === 'admin' ? principal.kind === 'admin' : principal.kind !== 'admin'
    if (!allowed) {
      throw new ServiceError(
        403,
        'FORBIDDEN',
        scope === 'admin'
          ? 'this endpoint needs the admin token; client keys only read snapshots and post events'
          : 'this endpoint needs an environment client key; the admin token manages, it does not read snapshots',
      )
    }
    return principal
  }
}

function tokenOf(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization
  if (typeof header === 'string') {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(header)
    if (match?.[1]) return match[1]
  }
  const query = request.query as Record<string, unknown> | undefined
  const key = query?.key
  return typeof key === 'string' && key.length > 0 ? key : undefined
}

/** The actor recorded in audit entries: `X-Vexil-Actor` if given, else `admin`. */
export function actorOf(request: FastifyRequest): string {
  const header = request.headers['x-vexil-actor']
  const value = Array.isArray(header) ? header[0] : header
  return value && value.length <= 200 ? value : 'admin'
}

/** Sends the error envelope. */
export function sendError(reply: FastifyReply, error: ServiceError): FastifyReply {
  const body: { error: { code: string; message: string; details?: unknown } } = {
    error: { code: error.code, message: error.message },
  }
  if (error.details !== undefined) body.error.details = error.details
  return reply.code(error.status).type('application/json').send(body)
}
