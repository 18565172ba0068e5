/**
 * The management routes every document kind shares (flags, segments, experiments): list, create,
 * read, update, delete, archive, history, one past version, rollback. Reads answer with
 * `ETag: "<version>"`; writes honour `If-Match` and answer 409 when it is stale.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { badRequest } from '../errors'
import type { DocumentKind, Versioned } from '../model'
import type { DocumentTypes } from '../services/catalog'
import type { ChangeContext, DocumentService } from '../services/documentService'
import { isObject, parseIfMatch } from '../services/inputs'
import { actorOf } from './auth'

/** The JSON of a stored document: its fields plus `version`, `updatedAt`, `updatedBy`. */
export function documentJson<D extends object>(stored: Versioned<D>): D & { version: number; updatedAt: string; updatedBy: string } {
  return { ...stored.document, version: stored.version, updatedAt: stored.updatedAt, updatedBy: stored.updatedBy }
}

/** Sends a document with its version as the ETag. */
export function sendDocument<D extends object>(reply: FastifyReply, stored: Versioned<D>, status = 200): FastifyReply {
  return reply.code(status).header('ETag', `"${stored.version}"`).send(documentJson(stored))
}

/** The actor and `If-Match` of a request. */
export function changeContext(request: FastifyRequest): ChangeContext {
  return { actor: actorOf(request), ifMatch: parseIfMatch(request.headers['if-match']) }
}

/** Reads a positive integer route parameter. */
export function versionParam(value: unknown): number {
  const n = Number(value)
  if (!Number.isSafeInteger(n) || n < 1) throw badRequest('version must be a positive integer')
  return n
}

type KeyParams = { key: string }

/** Registers the shared routes of one kind under `/v1/<plural>`. */
export function registerDocumentRoutes<K extends DocumentKind>(
  app: FastifyInstance,
  plural: string,
  service: DocumentService<K>,
): void {
  const base = `/v1/${plural}`
  app.get<{ Querystring: { archived?: string } }>(base, (request) => {
    const includeArchived = request.query.archived === 'true'
    return { [plural]: service.list(includeArchived).map((d) => documentJson<DocumentTypes[K]>(d)) }
  })
  app.post(base, (request, reply) => sendDocument(reply, service.create(request.body, changeContext(request)), 201))
  app.get<{ Params: KeyParams }>(`${base}/:key`, (request, reply) => sendDocument(reply, service.get(request.params.key)))
  app.patch<{ Params: KeyParams }>(`${base}/:key`, (request, reply) =>
    sendDocument(reply, service.update(request.params.key, request.body, changeContext(request))),
  )
  app.delete<{ Params: KeyParams }>(`${base}/:key`, (request, reply) => {
    service.remove(request.params.key, changeContext(request))
    return reply.code(204).send()
  })
  app.post<{ Params: KeyParams }>(`${base}/:key/archive`, (request, reply) =>
    sendDocument(reply, service.setArchived(request.params.key, true, changeContext(request))),
  )
  app.post<{ Params: KeyParams }>(`${base}/:key/unarchive`, (request, reply) =>
    sendDocument(reply, service.setArchived(request.params.key, false, changeContext(request))),
  )
  app.get<{ Params: KeyParams }>(`${base}/:key/history`, (request) => ({
    key: request.params.key,
    versions: service.history(request.params.key),
  }))
  app.get<{ Params: KeyParams & { version: string } }>(`${base}/:key/versions/:version`, (request) =>
    service.version(request.params.key, versionParam(request.params.version)),
  )
  app.post<{ Params: KeyParams }>(`${base}/:key/rollback`, (request, reply) => {
    const body = request.body
    if (!isObject(body)) throw badRequest('the body must be { "version": n }')
    const stored = service.rollback(request.params.key, versionParam(body.version), changeContext(request))
    return sendDocument(reply, stored)
  })
}
