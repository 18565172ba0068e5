/**
 * Small checks for request bodies. Deep SPEC §1 validation is `@vexil/core`'s job; these only make
 * sure the shapes the service itself relies on are there, with messages that say what to fix.
 */
import { badRequest } from '../errors'

/** The key pattern of SPEC §1, shared by flags, segments, experiments and variations. */
export const KEY_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/

/** A plain JSON object. */
export type JsonObject = Record<string, unknown>

/** True for a non-null, non-array object. */
export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** Asserts an object body. */
export function requireObject(value: unknown, what: string): JsonObject {
  if (!isObject(value)) throw badRequest(`${what} must be a JSON object`)
  return value
}

/** Asserts a key that matches SPEC §1's pattern. */
export function requireKey(value: unknown, field: string): string {
  if (typeof value !== 'string' || !KEY_PATTERN.test(value)) {
    throw badRequest(`${field} must match ${KEY_PATTERN.source}`)
  }
  return value
}

/** Reads an optional string field (at most `max` characters). */
export function optionalString(body: JsonObject, field: string, max = 2000): string | undefined {
  const value = body[field]
  if (value === undefined) return undefined
  if (typeof value !== 'string' || value.length > max) throw badRequest(`${field} must be a string of at most ${max} characters`)
  return value
}

/** Reads an optional boolean field. */
export function optionalBoolean(body: JsonObject, field: string): boolean | undefined {
  const value = body[field]
  if (value === undefined) return undefined
  if (typeof value !== 'boolean') throw badRequest(`${field} must be a boolean`)
  return value
}

/** Reads an optional list of strings. */
export function optionalStringList(body: JsonObject, field: string): string[] | undefined {
  const value = body[field]
  if (value === undefined) return undefined
  if (!Array.isArray(value) || !value.every((v) => typeof v === 'string' && v.length <= 200) || value.length > 100) {
    throw badRequest(`${field} must be a list of at most 100 strings`)
  }
  return value as string[]
}

/** Reads an optional value from a fixed set. */
export function optionalEnum<T extends string>(body: JsonObject, field: string, allowed: readonly T[]): T | undefined {
  const value = body[field]
  if (value === undefined) return undefined
  if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) {
    throw badRequest(`${field} must be one of ${allowed.join(', ')}`)
  }
  return value as T
}

/** Parses an `If-Match` header into a version number, if present. */
export function parseIfMatch(header: string | string[] | undefined): number | undefined {
  if (header === undefined) return undefined
  const raw = (Array.isArray(header) ? header[0] : header)?.trim() ?? ''
  const match = /^(?:W\/)?"?(\d+)"?$/.exec(raw)
  if (!match?.[1]) throw badRequest('If-Match must be a document version, e.g. "3"')
  return Number(match[1])
}

/** Deep copy of JSON data (documents are stored and compared as JSON). */
export function cloneJson<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T
}
