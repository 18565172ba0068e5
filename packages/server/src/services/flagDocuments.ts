/**
 * Turns request bodies into flag and segment documents. A body may give one `config` (or
 * `definition` for a segment) for every environment, or `environments: { [env]: … }` per
 * environment; on update an environment set to `null` drops the flag from it.
 */
import type { Flag, Segment } from '@vexil/core'
import { badRequest } from '../errors'
import { FLAG_KINDS } from '../model'
import type { FlagDocument, SegmentDocument } from '../model'
import {
  cloneJson,
  isObject,
  optionalBoolean,
  optionalEnum,
  optionalString,
  optionalStringList,
  requireKey,
  requireObject,
} from './inputs'
import type { JsonObject } from './inputs'

// Metadata that lives on the document; if a client puts them in a config they are lifted out, so
// there is one source of truth.
const DOCUMENT_FIELDS = ['clientSide', 'description', 'tags'] as const

function configFor(value: unknown, path: string): Flag {
  if (!isObject(value)) throw badRequest(`${path} must be a flag configuration object (SPEC §1)`)
  const config = cloneJson(value)
  for (const field of DOCUMENT_FIELDS) delete config[field]
  return config as unknown as Flag
}

function segmentFor(value: unknown, path: string): Segment {
  if (!isObject(value)) throw badRequest(`${path} must be a segment object (SPEC §1)`)
  return cloneJson(value) as Segment
}

function applyEnvironments<T>(
  target: Record<string, T>,
  body: JsonObject,
  single: 'config' | 'definition',
  environments: readonly string[],
  read: (value: unknown, path: string) => T,
): void {
  if (body[single] !== undefined) {
    const value = body[single]
    for (const env of environments) target[env] = read(value, single)
  }
  if (body.environments === undefined) return
  const perEnv = requireObject(body.environments, 'environments')
  for (const [env, value] of Object.entries(perEnv)) {
    if (!environments.includes(env)) {
      throw badRequest(`environments.${env}: unknown environment (known: ${environments.join(', ')})`)
    }
    if (value === null) delete target[env]
    else target[env] = read(value, `environments.${env}`)
  }
}

/** Builds a new flag document from a create body. */
export function parseNewFlag(input: unknown, environments: readonly string[]): FlagDocument {
  const body = requireObject(input, 'flag')
  const key = requireKey(body.key, 'key')
  if (body.config === undefined && body.environments === undefined) {
    throw badRequest('give the flag a `config` (every environment) or `environments` (per environment)')
  }
  const doc: FlagDocument = {
    key,
    name: key,
    description: '',
    tags: [],
    owner: '',
    kind: 'release',
    clientSide: true,
    archived: false,
    environments: {},
  }
  return patchFlag(doc, body, environments)
}

/** Applies an update body to a flag document (returns a new document). */
export function patchFlag(current: FlagDocument, input: unknown, environments: readonly string[]): FlagDocument {
  const body = requireObject(input, 'flag')
  if (body.key !== undefined && body.key !== current.key) throw badRequest('key cannot be changed')
  const next = cloneJson(current)
  // A config that carries document fields (as a flags file does) sets them unless the body does.
  const lifted = isObject(body.config) ? body.config : {}
  next.name = optionalString(body, 'name', 200) ?? next.name
  next.description = optionalString(body, 'description') ?? optionalString(lifted, 'description') ?? next.description
  next.tags = optionalStringList(body, 'tags') ?? optionalStringList(lifted, 'tags') ?? next.tags
  next.owner = optionalString(body, 'owner', 200) ?? next.owner
  next.kind = optionalEnum(body, 'kind', FLAG_KINDS) ?? next.kind
  next.clientSide = optionalBoolean(body, 'clientSide') ?? optionalBoolean(lifted, 'clientSide') ?? next.clientSide
  next.archived = optionalBoolean(body, 'archived') ?? next.archived
  applyEnvironments(next.environments, body, 'config', environments, configFor)
  return next
}

/** Replaces one environment's configuration. */
export function withFlagConfig(current: FlagDocument, environment: string, config: unknown): FlagDocument {
  const next = cloneJson(current)
  next.environments[environment] = configFor(config, 'body')
  return next
}

/** Builds a new segment document from a create body. */
export function parseNewSegment(input: unknown, environments: readonly string[]): SegmentDocument {
  const body = requireObject(input, 'segment')
  const key = requireKey(body.key, 'key')
  const doc: SegmentDocument = { key, name: key, description: '', archived: false, environments: {} }
  if (body.definition === undefined && body.environments === undefined) {
    for (const env of environments) doc.environments[env] = {}
  }
  return patchSegment(doc, body, environments)
}

/** Applies an update body to a segment document. */
export function patchSegment(current: SegmentDocument, input: unknown, environments: readonly string[]): SegmentDocument {
  const body = requireObject(input, 'segment')
  if (body.key !== undefined && body.key !== current.key) throw badRequest('key cannot be changed')
  const next = cloneJson(current)
  next.name = optionalString(body, 'name', 200) ?? next.name
  next.description = optionalString(body, 'description') ?? next.description
  next.archived = optionalBoolean(body, 'archived') ?? next.archived
  applyEnvironments(next.environments, body, 'definition', environments, segmentFor)
  return next
}
