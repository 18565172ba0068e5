/**
 * Turns every failure into `{ error: { code, message, details? } }`. Framework errors (bad JSON,
 * body too large, unsupported media type) keep their status with a stable code; anything
 * unexpected is logged and answered with a bare 500, never a stack trace.
 */
import type { FastifyError, FastifyInstance } from 'fastify'
import { ServiceError } from '../errors'
import { sendError } from './auth'

const FASTIFY_CODES: Record<string, string> = {
  FST_ERR_CTP_BODY_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'BAD_REQUEST',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'BAD_REQUEST',
}

/**
 * Installs the error and not-found handlers. `report` receives unexpected errors (Fastify's logger
 * may be off, and a 500 must never vanish silently).
 */
export function installErrorHandler(app: FastifyInstance, report: (error: Error) => void): void {
  app.setErrorHandler((error: FastifyError, _request, reply) => {
    if (error instanceof ServiceError) return sendError(reply, error)
    const status = error.statusCode ?? 500
    if (status >= 400 && status < 500) {
      const code = FASTIFY_CODES[error.code] ?? (error instanceof SyntaxError || error.code === 'FST_ERR_CTP_INVALID_JSON_BODY' ? 'INVALID_JSON' : 'BAD_REQUEST')
      return sendError(reply, new ServiceError(status, code, error.message))
    }
    report(error)
    return sendError(reply, new ServiceError(500, 'INTERNAL', 'internal error; see the server log'))
  })
  app.setNotFoundHandler((request, reply) =>
    sendError(reply, new ServiceError(404, 'NOT_FOUND', `no route ${request.method} ${request.url.split('?')[0] ?? ''}`)),
  )
}
