/**
 * Flags as code: the JSON flags file. Its `flags` and `segments` are in SPEC §1's shape (a flag
 * entry may also carry `name`, `owner`, `kind`, `clientSide`, `description`, `tags`); the optional
 * `environments` object holds per-environment differences, shallow-merged over the base entry:
 *
 * ```json
 * { "flags": { "new-checkout": { "type": "boolean", "enabled": false, … } },
 *   "segments": { "beta-testers": { "include": ["u-1"] } },
 *   "environments": { "development": { "flags": { "new-checkout": { "enabled": true } } } },
 *   "experiments": { "hero-layout": { "flag": "hero-layout", "primaryMetric": { "event": "purchase" } } } }
 * ```
 *
 * In an override a field set to `null` removes it, and an entry set to `null` leaves the flag or
 * segment out of that environment. `experiments` is this service's extension. Export writes the
 * same shape, so export → import is the identity.
 */
import { badRequest } from '../errors'
import type { ExperimentDocument, FlagDocument, SegmentDocument, Versioned } from '../model'
import type { Catalog, Change } from './catalog'
import { parseNewExperiment, patchExperiment } from './experimentDocuments'
import { parseNewFlag, parseNewSegment } from './flagDocuments'
import { cloneJson, isObject, requireKey, requireObject } from './inputs'
import type { JsonObject } from './inputs'

/** The parsed top level of a flags file. */
export interface FlagsFile {
  /**
   * Flags by key, in SPEC §1's shape, optionally with `name`, `owner`, `kind`, `clientSide`,
   * `description` and `tags`; the base of every environment.
   */
  flags: Record<string, JsonObject>
  /** Segments by key, in SPEC §1's shape, optionally with `name` and `description`. */
  segments: Record<string, JsonObject>
  /** Per-environment differences by environment key, shallow-merged over the base entries. */
  environments?: Record<
    string,
    {
      /** Fields that differ from the base flag entry (`null` removes a field); `null` leaves the flag out. */
      flags?: Record<string, JsonObject | null>
      /** Fields that differ from the base segment entry; `null` leaves the segment out. */
      segments?: Record<string, JsonObject | null>
    }
  >
  /** Experiments by key (this service's extension); an existing one keeps its status and conclusion. */
  experiments?: Record<string, JsonObject>
}

/** What an import did. */
export interface ImportResult {
  /** Documents that did not exist, as `<kind>:<key>` (e.g. `flag:new-checkout`). */
  created: string[]
  /** Existing documents the file changed, as `<kind>:<key>`. */
  updated: string[]
  /** Flags and segments missing from the file, deleted by `mode=replace`, as `<kind>:<key>`. */
  deleted: string[]
  /** How many documents the file left as they were. */
  unchanged: number
  /** New revision per environment that changed. */
  revisions: Record<string, number>
}

const FLAG_META = ['name', 'owner', 'kind', 'clientSide', 'description', 'tags'] as const
const SEGMENT_META = ['name', 'description'] as const

function merge(base: JsonObject, override: JsonObject | undefined): JsonObject {
  const out = cloneJson(base)
  for (const [field, value] of Object.entries(override ?? {})) {
    if (value === null) delete out[field]
    else out[field] = value
  }
  return out
}

function perEnvironment(
  key: string,
  base: JsonObject,
  section: 'flags' | 'segments',
  file: FlagsFile,
  environments: readonly string[],
  meta: readonly string[],
): Record<string, JsonObject> {
  const stripped = cloneJson(base)
  for (const field of meta) delete stripped[field]
  const out: Record<string, JsonObject> = {}
  for (const env of environments) {
    const override = file.environments?.[env]?.[section]?.[key]
    if (override === null) continue
    if (override !== undefined && !isObject(override)) {
      throw badRequest(`environments.${env}.${section}.${key} must be an object or null`)
    }
    out[env] = merge(stripped, override)
  }
  return out
}

/** Reads and checks the top level of a flags file. */
export function parseFlagsFile(input: unknown, environments: readonly string[]): FlagsFile {
  const body = requireObject(input, 'flags file')
  const section = (name: string): Record<string, JsonObject> => {
    const value = body[name] ?? {}
    const obj = requireObject(value, name)
    for (const [key, entry] of Object.entries(obj)) {
      requireKey(key, `${name} key ${JSON.stringify(key)}`)
      if (!isObject(entry)) throw badRequest(`${name}.${key} must be an object`)
    }
    return obj as Record<string, JsonObject>
  }
  if (body.flags === undefined) throw badRequest('a flags file needs a top-level `flags` object')
  const file: FlagsFile = { flags: section('flags'), segments: section('segments') }
  if (body.experiments !== undefined) file.experiments = section('experiments')
  if (body.environments !== undefined) {
    const envs = requireObject(body.environments, 'environments')
    for (const [env, value] of Object.entries(envs)) {
      if (!environments.includes(env)) throw badRequest(`environments.${env}: unknown environment (known: ${environments.join(', ')})`)
      const entry = requireObject(value, `environments.${env}`)
      for (const part of ['flags', 'segments'] as const) {
        if (entry[part] !== undefined) requireObject(entry[part], `environments.${env}.${part}`)
      }
    }
    file.environments = envs as FlagsFile['environments'] & object
  }
  return file
}

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b)

/**
 * Imports a flags file as one commit (one revision per changed environment). With `replace`, flags
 * and segments missing from the file are deleted.
 */
export function importFlagsFile(
  catalog: Catalog,
  input: unknown,
  options: { replace: boolean; actor: string },
): ImportResult {
  const envs = catalog.environments
  const file = parseFlagsFile(input, envs)
  const changes: Change[] = []
  const result: ImportResult = { created: [], updated: [], deleted: [], unchanged: 0, revisions: {} }
  const consider = <D extends FlagDocument | SegmentDocument | ExperimentDocument>(
    kind: 'flag' | 'segment' | 'experiment',
    key: string,
    current: Versioned<D> | undefined,
    next: D,
  ): void => {
    if (current && same(current.document, next)) {
      result.unchanged++
      return
    }
    changes.push({ kind, key, before: current, after: next } as Change)
    ;(current ? result.updated : result.created).push(`${kind}:${key}`)
  }

  for (const [key, entry] of Object.entries(file.flags)) {
    const doc = parseNewFlag(
      { ...pick(entry, FLAG_META), key, environments: perEnvironment(key, entry, 'flags', file, envs, FLAG_META) },
      envs,
    )
    consider('flag', key, catalog.repository('flag').get(key), doc)
  }
  for (const [key, entry] of Object.entries(file.segments)) {
    const doc = parseNewSegment(
      { ...pick(entry, SEGMENT_META), key, environments: perEnvironment(key, entry, 'segments', file, envs, SEGMENT_META) },
      envs,
    )
    consider('segment', key, catalog.repository('segment').get(key), doc)
  }
  const now = new Date().toISOString()
  for (const [key, entry] of Object.entries(file.experiments ?? {})) {
    const current = catalog.repository('experiment').get(key)
    // The lifecycle (status, dates, conclusion) belongs to whoever runs the experiment, not the file.
    const { status: _status, conclusion: _conclusion, ...fields } = entry
    const doc = current
      ? patchExperiment(current.document, fields, envs, now)
      : parseNewExperiment({ ...entry, key }, envs, now)
    consider('experiment', key, current, doc)
  }
  if (options.replace) {
    for (const [kind, section] of [['flag', file.flags], ['segment', file.segments]] as const) {
      for (const current of catalog.repository(kind).list(true)) {
        if (section[current.document.key] !== undefined) continue
        changes.push({ kind, key: current.document.key, before: current, after: null } as Change)
        result.deleted.push(`${kind}:${current.document.key}`)
      }
    }
  }
  if (changes.length > 0) {
    const commit = catalog.commit(changes, 'import', options.actor)
    for (const bump of commit.bumps) result.revisions[bump.environment] = bump.revision
  }
  return result
}

function pick(entry: JsonObject, fields: readonly string[]): JsonObject {
  const out: JsonObject = {}
  for (const field of fields) if (entry[field] !== undefined) out[field] = entry[field]
  return out
}

function diff(base: JsonObject, env: JsonObject): JsonObject | undefined {
  const out: JsonObject = {}
  for (const field of new Set([...Object.keys(base), ...Object.keys(env)])) {
    if (!(field in env)) out[field] = null
    else if (!same(base[field], env[field])) out[field] = env[field]
  }
  return Object.keys(out).length > 0 ? out : undefined
}

/** Writes the current (non-archived) flags, segments and experiments as a flags file. */
export function exportFlagsFile(catalog: Catalog): FlagsFile & { environments: NonNullable<FlagsFile['environments']> } {
  const envs = catalog.environments
  const file = { flags: {}, segments: {}, environments: {}, experiments: {} } as FlagsFile & {
    environments: NonNullable<FlagsFile['environments']>
    experiments: Record<string, JsonObject>
  }
  const section = (env: string, part: 'flags' | 'segments'): Record<string, JsonObject | null> =>
    ((file.environments[env] ??= {})[part] ??= {})

  const write = (part: 'flags' | 'segments', key: string, meta: JsonObject, configs: Record<string, unknown>): void => {
    const baseEnv = envs.find((env) => configs[env] !== undefined)
    if (baseEnv === undefined) return
    const base = configs[baseEnv] as JsonObject
    file[part][key] = { ...cloneJson(base), ...meta }
    for (const env of envs) {
      const config = configs[env] as JsonObject | undefined
      if (config === undefined) section(env, part)[key] = null
      else {
        const d = diff(base, config)
        if (d) section(env, part)[key] = d
      }
    }
  }
  for (const { document: f } of catalog.repository('flag').list(false)) {
    write('flags', f.key, { name: f.name, description: f.description, tags: f.tags, owner: f.owner, kind: f.kind, clientSide: f.clientSide }, f.environments)
  }
  for (const { document: s } of catalog.repository('segment').list(false)) {
    write('segments', s.key, { name: s.name, description: s.description }, s.environments)
  }
  for (const { document: e } of catalog.repository('experiment').list(false)) {
    const { key: _key, archived: _archived, ...rest } = e
    file.experiments[e.key] = rest as unknown as JsonObject
  }
  // Drop empty environment sections so an export of uniform flags stays short.
  for (const env of Object.keys(file.environments)) {
    const entry = file.environments[env]
    if (entry?.flags && Object.keys(entry.flags).length === 0) delete entry.flags
    if (entry?.segments && Object.keys(entry.segments).length === 0) delete entry.segments
    if (entry && Object.keys(entry).length === 0) delete file.environments[env]
  }
  return file
}
