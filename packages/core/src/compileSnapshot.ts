/**
 * Compiles a snapshot once into an index that evaluation reads without parsing: flags and segments
 * in maps, regular expressions compiled, dates and versions parsed, split thresholds cumulated,
 * results that depend only on the snapshot prebuilt and frozen. Cached per snapshot object, which
 * is why a snapshot must not be mutated once used.
 */
import type { CompiledFlag, CompiledPrerequisite, CompiledSegment, CompiledSnapshot } from './compiledTypes'
import { compileSegment } from './compileConditions'
import type { FlagBuild, RawPrerequisite } from './compileFlag'
import { compileFlag } from './compileFlag'
import { makeResult } from './compileServe'
import { child, describe, isObject, own, paths } from './snapshotChecks'
import type { ValidationError } from './types'

const cache = new WeakMap<object, CompiledSnapshot>()

const NO_FLAGS: ReadonlyMap<string, CompiledFlag> = new Map()
const NO_SEGMENTS: ReadonlyMap<string, CompiledSegment> = new Map()

function rejected(errors: ValidationError[], raw: Record<string, unknown> | undefined): CompiledSnapshot {
  const revision = raw === undefined ? undefined : own(raw, 'revision')
  const environment = raw === undefined ? undefined : own(raw, 'environment')
  return {
    valid: false,
    errors,
    allErrors: errors,
    revision: typeof revision === 'string' ? revision : undefined,
    environment: typeof environment === 'string' ? environment : undefined,
    flagKeys: [],
    flags: NO_FLAGS,
    segments: NO_SEGMENTS,
    invalidFlags: [],
  }
}

function topLevelErrors(input: unknown): ValidationError[] {
  if (!isObject(input)) return [{ path: '', message: `a snapshot must be a JSON object, not ${describe(input)}` }]
  const errors: ValidationError[] = []
  const schemaVersion = own(input, 'schemaVersion')
  if (schemaVersion !== 1) {
    errors.push({ path: 'schemaVersion', message: `unknown schemaVersion ${describe(schemaVersion)}; this SDK reads version 1` })
  }
  for (const name of ['revision', 'environment'] as const) {
    const value = own(input, name)
    if (typeof value !== 'string' || value === '') {
      errors.push({ path: name, message: `"${name}" must be a non-empty string, not ${describe(value)}` })
    }
  }
  const flags = own(input, 'flags')
  if (!isObject(flags)) errors.push({ path: 'flags', message: `"flags" must be a JSON object of flag key → flag, not ${describe(flags)}` })
  const segments = own(input, 'segments')
  if (segments !== undefined && !isObject(segments)) {
    errors.push({ path: 'segments', message: `"segments" must be a JSON object of segment key → segment, not ${describe(segments)}` })
  }
  return errors
}

const NO_EDGES: readonly number[] = []

/**
 * Flags on a prerequisite cycle: strongly connected components with more than one flag, or a flag
 * that requires itself. Iterative Tarjan over integer ids, since a recursive one would overflow the
 * stack on a long prerequisite chain.
 */
function flagsOnCycles(keys: readonly string[], edges: ReadonlyArray<readonly number[]>): Set<string> {
  const n = keys.length
  const result = new Set<string>()
  const index = new Int32Array(n).fill(-1)
  const low = new Int32Array(n)
  const onStack = new Uint8Array(n)
  const stack: number[] = []
  const workNode: number[] = []
  const workNext: number[] = []
  let counter = 0
  for (let root = 0; root < n; root++) {
    // A flag without prerequisites closes no cycle; most flags are like that.
    if (index[root] !== -1 || (edges[root] as readonly number[]).length === 0) continue
    index[root] = low[root] = counter++
    stack.push(root)
    onStack[root] = 1
    workNode.push(root)
    workNext.push(0)
    while (workNode.length > 0) {
      const top = workNode.length - 1
      const node = workNode[top] as number
      const targets = edges[node] as readonly number[]
      const next = workNext[top] as number
      if (next < targets.length) {
        workNext[top] = next + 1
        const target = targets[next] as number
        if (index[target] === -1) {
          index[target] = low[target] = counter++
          stack.push(target)
          onStack[target] = 1
          workNode.push(target)
          workNext.push(0)
        } else if (onStack[target] === 1) {
          low[node] = Math.min(low[node] as number, index[target] as number)
        }
        continue
      }
      workNode.pop()
      workNext.pop()
      if (top > 0) {
        const parent = workNode[top - 1] as number
        low[parent] = Math.min(low[parent] as number, low[node] as number)
      }
      if (low[node] === index[node]) {
        let member: number
        let size = 0
        const component: number[] = []
        do {
          member = stack.pop() as number
          onStack[member] = 0
          component.push(member)
          size++
        } while (member !== node)
        if (size > 1 || targets.includes(node)) for (const m of component) result.add(keys[m] as string)
      }
    }
  }
  return result
}

function compileUncached(input: unknown): CompiledSnapshot {
  const top = topLevelErrors(input)
  if (top.length > 0) return rejected(top, isObject(input) ? input : undefined)
  const raw = input as Record<string, unknown>
  const rawFlags = own(raw, 'flags') as Record<string, unknown>
  const rawSegments = (own(raw, 'segments') ?? {}) as Record<string, unknown>

  const segments = new Map<string, CompiledSegment>()
  const segmentKeys = Object.keys(rawSegments)
  const segmentKeySet = new Set(segmentKeys)
  // Segments compile on first use, so a 10,000-flag snapshot does not pay for unused ones twice.
  const lookup = (key: string): CompiledSegment | undefined => {
    let segment = segments.get(key)
    if (segment === undefined && segmentKeySet.has(key)) {
      // A segment is compiled once, with its paths, even when first met in a flag's silent pass.
      const on = paths.on
      paths.on = true
      try {
        segment = compileSegment(key, rawSegments[key])
      } catch {
        segment = { key, valid: false, errors: [{ path: child('segments', key), message: 'segment could not be read' }], include: new Set(), exclude: new Set(), bucketPath: undefined, conditions: [] }
      } finally {
        paths.on = on
      }
      segments.set(key, segment)
    }
    return segment
  }
  const segmentExists = (key: string): boolean => segmentKeySet.has(key)

  const flagKeys = Object.keys(rawFlags)
  // In flagKeys order: an array, not a map, since flags are only ever walked in that order.
  const builds: FlagBuild[] = []
  // With paths off, a flag's errors are only counted; one with errors is compiled again with them.
  // A flag with prerequisites is compiled with paths (see compileFlag), for the cross-flag checks.
  const compile = (key: string, withPaths: boolean): FlagBuild => {
    paths.on = withPaths
    try {
      return compileFlag(key, rawFlags[key], lookup, segmentExists)
    } finally {
      paths.on = true
    }
  }
  for (const key of flagKeys) {
    let build: FlagBuild
    try {
      build = compile(key, false)
      if (build.issues.count > 0) build = compile(key, true)
    } catch {
      build = compileFlag(key, null, lookup, segmentExists)
      build.issues.list.length = 0
      build.issues.add(child('flags', key), 'flag could not be read (a getter threw); send plain JSON')
      build.flag.valid = false
    }
    builds.push(build)
  }

  // Cross-flag checks: prerequisite targets and their variations, then cycles.
  const ids = new Map<string, number>()
  for (let i = 0; i < flagKeys.length; i++) ids.set(flagKeys[i] as string, i)
  const edges: Array<readonly number[]> = []
  for (const build of builds) {
    if (build.prerequisites.length === 0) {
      edges.push(NO_EDGES)
      continue
    }
    const targets: number[] = []
    for (const p of build.prerequisites) {
      const target = ids.get(p.flag)
      if (target === undefined) {
        build.issues.add(`${p.path}.flag`, `flag "${p.flag}" does not exist; remove the prerequisite or add the flag`)
        continue
      }
      targets.push(target)
      const rawTarget = rawFlags[p.flag]
      const targetVariations = isObject(rawTarget) ? own(rawTarget, 'variations') : undefined
      if (isObject(targetVariations)) {
        for (const v of p.variations) {
          if (!Object.hasOwn(targetVariations, v)) {
            build.issues.add(`${p.path}.variations`, `"${v}" is not a variation of flag "${p.flag}"`)
          }
        }
      }
    }
    edges.push(targets)
  }
  const cyclic = flagsOnCycles(flagKeys, edges)

  const flags = new Map<string, CompiledFlag>()
  const allErrors: ValidationError[] = []
  const invalidFlags: string[] = []
  for (let i = 0; i < builds.length; i++) {
    const key = flagKeys[i] as string
    const build = builds[i] as FlagBuild
    const { flag, issues } = build
    if (cyclic.has(key)) {
      const on = build.prerequisites.find((p) => cyclic.has(p.flag))
      issues.add(on === undefined ? child('flags', key) : `${on.path}.flag`, 'this flag is on a prerequisite cycle; remove one prerequisite of the cycle')
    }
    if (build.prerequisites.length > 0) flag.prerequisites = build.prerequisites.map((p: RawPrerequisite): CompiledPrerequisite => ({
      flag: p.flag,
      variations: new Set(p.variations),
      failed: makeResult(key, flag.offVariation, flag.variations[flag.offVariation], 'PREREQUISITE_FAILED', undefined, undefined, p.flag),
    }))
    flag.valid = issues.count === 0
    if (!flag.valid) flag.errors = issues.list
    if (!flag.valid) invalidFlags.push(key)
    for (const e of issues.list) allErrors.push(e)
    flags.set(key, flag)
  }
  for (const key of segmentKeys) {
    const segment = lookup(key)
    if (segment !== undefined) for (const e of segment.errors) allErrors.push(e)
  }
  const revision = own(raw, 'revision') as string
  const environment = own(raw, 'environment') as string
  return { valid: true, errors: [], allErrors, revision, environment, flagKeys, flags, segments, invalidFlags }
}

/**
 * Validates and indexes a snapshot, once per snapshot object (cached in a `WeakMap`).
 *
 * Never throws: a snapshot whose properties throw when read is reported invalid.
 *
 * @param input - any value; a non-object gives an invalid compiled snapshot.
 * @returns the compiled snapshot: `valid` and `errors` for the top level, `flags.get(key)` for each
 *   flag (its `valid`, `errors`, `type`, `variations`, `offVariation`, `bucketBy`, `salt`, `sticky`,
 *   `clientSide`, `description`, `tags`), and `allErrors`.
 * @internal For the client runtime; end users call `validateSnapshot` and `evaluate`.
 */
export function compileSnapshot(input: unknown): CompiledSnapshot {
  if (typeof input !== 'object' || input === null) return rejected(topLevelErrors(input), undefined)
  const cached = cache.get(input)
  if (cached !== undefined) return cached
  let compiled: CompiledSnapshot
  try {
    compiled = compileUncached(input)
  } catch (error) {
    const reason = error instanceof Error ? error.message : 'unreadable'
    compiled = rejected([{ path: '', message: `snapshot could not be read (${reason}); send plain JSON` }], undefined)
  }
  cache.set(input, compiled)
  return compiled
}
