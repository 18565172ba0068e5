/**
 * The one error type the service throws on purpose. The HTTP layer turns it into
 * `{ error: { code, message, details? } }`; anything else becomes a 500 without internals.
 */

/** An error with an HTTP status and a stable machine-readable code. */
export class ServiceError extends Error {
  readonly status: number
  readonly code: string
  readonly details: unknown

  constructor(status: number, code: string, message: string, details?: unknown) {
    super(message)
    this.name = 'ServiceError'
    this.status = status
    this.code = code
    this.details = details
  }
}

/** 400: the request is malformed. */
export function badRequest(message: string, details?: unknown): ServiceError {
  return new ServiceError(400, 'BAD_REQUEST', message, details)
}

/** 404: the named resource does not exist. */
export function notFound(what: string): ServiceError {
  return new ServiceError(404, 'NOT_FOUND', `${what} not found`)
}

/** 409: the resource changed since the client read it, or already exists. */
export function conflict(message: string, details?: unknown): ServiceError {
  return new ServiceError(409, 'CONFLICT', message, details)
}

/** 422: the change is well-formed but would make a snapshot invalid. */
export function invalidChange(message: string, details: unknown): ServiceError {
  return new ServiceError(422, 'INVALID_CHANGE', message, details)
}
