/**
 * Compiles a snapshot once into an index that evaluation reads without parsing: flags in a map,
 * dates and versions parsed, split thresholds cumulated, every check of SPEC §1 done. Cached per
 * snapshot object, which is why a snapshot must not be mutated once used.
 */
import type { CompiledFlag, CompiledSegment, CompiledSnapshot } from './compiledTypes'
import { compileSegment } from './compileConditions'
import { compileFlag, type MutableFlag, NO_VARIATIONS } from './compileFlag'
import { at, bad, briefly, Code, has, isObject, isString, type Issue, NONE, own } from './snapshotChecks'

const cache = new WeakMap<object, CompiledSnapshot>()

/**
 * The flags on a prerequisite cycle: members of a strongly connected component of more than one
 * flag, or flags that require themselves. An iterative Tarjan, since a recursive one would overflow
 * the stack on a long prerequisite chain.
 */
function onCycles(edges: ReadonlyArray<number[] | undefined>): Set<number> {
  const n = edges.length
  const index = new Int32Array(n)
  const low = new Int32Array(n)
  const onStack = new Uint8Array(n)
  const stack: number[] = []
  // Depth-first frames: a flag and how many of its prerequisites are visited.
  const frames: Array<[number, number]> = []
  const out = new Set<number>()
  let counter = 0
  const visit = (v: number): void => {
    index[v] = low[v] = ++counter
    onStack[v] = 1
    stack.push(v)
    frames.push([v, 0])
  }
  for (let root = 0; root < n; root++) {
    // A flag without prerequisites closes no cycle; most flags are like that.
    if (index[root] || !edges[root]) continue
    visit(root)
    while (frames.length) {
      const frame = frames[frames.length - 1] as [number, number]
      const v = frame[0]
      const targets: readonly number[] = edges[v] ?? NONE
      if (frame[1] < targets.length) {
        const w = targets[frame[1]++] as number
        if (!index[w]) visit(w)
        else if (onStack[w]) low[v] = Math.min(low[v] as number, index[w] as number)
        continue
      }
      frames.pop()
      const parent = frames[frames.length - 1]
      if (parent) low[parent[0]] = Math.min(low[parent[0]] as number, low[v] as number)
      if (low[v] == index[v]) {
        const component = stack.splice(stack.lastIndexOf(v))
        for (const m of component) {
          onStack[m] = 0
          if (component.length > 1 || targets.includes(v)) out.add(m)
        }
      }
    }
  }
  return out
}

/** A compiled snapshot; without `flags`, one rejected at the top level. */
function compiled(issues: Issue[], revision: unknown, environment: unknown, flags?: Map<string, CompiledFlag>, flagKeys?: string[], invalidFlags?: string[], all = issues): CompiledSnapshot {
  const errors = briefly(issues)
  return {
    valid: !!flags,
    errors: flags ? NONE : errors,
    allErrors: flags ? briefly(all) : errors,
    issues: all,
    revision: isString(revision) ? revision : undefined,
    environment: isString(environment) ? environment : undefined,
    flagKeys: flagKeys ?? NONE,
    flags: flags ?? new Map(),
    invalidFlags: invalidFlags ?? NONE,
  }
}

function compile(input: unknown): CompiledSnapshot {
  // Restored at the end: a getter of this snapshot may compile another one while this one compiles.
  const saved = { ...at }
  at.steps = []
  const issues: Issue[] = (at.issues = [])
  let revision: unknown
  let environment: unknown
  try {
    // The top level: any problem here rejects the whole snapshot.
    if (!isObject(input)) {
      bad(Code.snapshot, input)
      return compiled(issues, 0, 0)
    }
    const version = own(input, 'schemaVersion')
    if (version !== 1) bad(Code.schemaVersion, version, 'schemaVersion')
    revision = own(input, 'revision')
    environment = own(input, 'environment')
    ;[revision, environment].forEach((value, i) => {
      const name = i ? 'environment' : 'revision'
      if (typeof value != 'string' || !value) bad(Code.nonEmpty, [name, value], name)
    })
    const rawFlags = own(input, 'flags')
    if (!isObject(rawFlags)) bad(Code.flags, rawFlags, 'flags')
    const rawSegments = own(input, 'segments')
    if (rawSegments !== undefined && !isObject(rawSegments)) bad(Code.segments, rawSegments, 'segments')
    if (issues.length) return compiled(issues, revision, environment)

    const segments = new Map<string, CompiledSegment>()
    for (const key of Object.keys(rawSegments ?? {})) segments.set(key, compileSegment(key, rawSegments as Record<string, unknown>))
    const lookup = (key: string): CompiledSegment | undefined => segments.get(key)

    const flagKeys = Object.keys(rawFlags as object)
    const flags = new Map<string, MutableFlag>()
    const list: MutableFlag[] = []
    // Each flag's problems, kept apart until the cross-flag checks have added theirs.
    const flagIssues: Array<Issue[] | undefined> = []
    // One steps array and one problem list for all flags, so that a valid flag allocates neither.
    const steps: Array<string | number> = ['flags', '']
    at.issues = []
    flagKeys.forEach((key, i) => {
      let flag: MutableFlag
      at.steps = steps
      steps[1] = key
      try {
        flag = compileFlag(key, (rawFlags as Record<string, unknown>)[key], lookup)
      } catch {
        steps.length = 2
        flag = compileFlag(key, undefined, lookup)
        at.issues.length = 0
        bad(Code.unreadable, 'flag')
      }
      flag.n = i
      flags.set(key, flag)
      list.push(flag)
      if (at.issues.length) flagIssues[i] = at.issues.splice(0)
    })

    // Prerequisite targets and their variations, then cycles.
    const edges: Array<number[] | undefined> = []
    list.forEach((flag, i) => {
      if (!flag.q.length) return
      at.steps = ['flags', flag.key, 'prerequisites', 0]
      at.issues = flagIssues[i] ?? []
      const targets: number[] = (edges[i] = [])
      for (const p of flag.q) {
        at.steps[3] = p.i
        const target = flags.get(p.f)
        if (!target) bad(Code.noFlag, p.f, 'flag')
        else {
          targets.push(target.n)
          target.dep = true
          // A target without a variations object has no keys to check against.
          for (const v of p.v) {
            if (target.variations != NO_VARIATIONS && isString(v) && !has.call(target.variations, v)) bad(Code.notVariationOf, [v, p.f], 'variations')
          }
        }
      }
      if (at.issues.length) flagIssues[i] = at.issues
    })
    edges.length = list.length
    const cyclic = onCycles(edges)
    const all: Issue[] = []
    const invalidFlags: string[] = []
    list.forEach((flag, i) => {
      if (cyclic.has(i)) {
        const on = flag.q.find((p) => cyclic.has(flags.get(p.f)?.n as number))
        at.steps = on ? ['flags', flag.key, 'prerequisites', on.i, 'flag'] : ['flags', flag.key]
        at.issues = flagIssues[i] ??= []
        bad(Code.cycle)
      }
      const found = flagIssues[i]
      if (found) {
        flag.valid = false
        flag.errors = briefly(found)
        flag.issues = found
        invalidFlags.push(flag.key)
        all.push(...found)
      }
    })
    // Then every segment's problems, used or not.
    segments.forEach((segment) => all.push(...segment.issues))
    return compiled(NONE as never, revision, environment, flags as Map<string, CompiledFlag>, flagKeys, invalidFlags, all)
  } catch (error) {
    return compiled([[Code.unreadableSnapshot, '', error instanceof Error ? error.message : 'unreadable']], 0, 0)
  } finally {
    Object.assign(at, saved)
  }
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
  if (typeof input != 'object' || input === null) return compile(input)
  let compiled = cache.get(input)
  if (!compiled) cache.set(input, (compiled = compile(input)))
  return compiled
}
