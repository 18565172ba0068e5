/**
 * Compiles a snapshot once into an index that evaluation reads without parsing: flags in a map,
 * dates and versions parsed, split thresholds cumulated, every check of SPEC §1 done. Cached per
 * snapshot object, which is why a snapshot must not be mutated once used.
 */
import type { CompiledSnapshot } from './compiledTypes'
import { compileSegment, type MutableSegment } from './compileConditions'
import { compileFlag, type MutableFlag, NO_VARIATIONS } from './compileFlag'
import { asName, asObject, at, bad, briefly, field, has, isKey, isObject, isString, type Issue, NONE } from './snapshotChecks'
import * as Code from './problemCodes'

const cache = new WeakMap<object, CompiledSnapshot>()

/** Records a problem of flag `f` at its `prerequisites[i]`, below at `name`. */
function badPrerequisite(f: MutableFlag, i: number | undefined, code: number, detail: unknown, name: string): void {
  // A valid flag shares the empty list until it has a problem.
  at.issues = (f.issues = f.issues == NONE ? [] : f.issues) as Issue[]
  at.steps = ['flags', f.key, 'prerequisites', i as number]
  bad(code, detail, 4, name)
}

/**
 * Checks every prerequisite against the flag it names (SPEC §1), and returns the flags on a
 * prerequisite cycle, by index: members of a strongly connected component of more than one flag, or
 * flags that require themselves. One walk does both: an iterative Tarjan over the prerequisites
 * (a recursive one would overflow the stack on a long chain), which follows each of them once. The
 * `low` of a flag whose component is done is past every index, so that it lowers nothing (no "on
 * stack" marks needed).
 */
function checkPrerequisites(list: readonly MutableFlag[], flags: ReadonlyMap<string, MutableFlag>): Set<number> {
  const n = list.length
  const index = new Int32Array(n)
  const low = new Int32Array(n)
  const stack: number[] = []
  // Depth-first frames: a flag and how many of its prerequisites are followed.
  const frames: Array<[number, number]> = []
  const out = new Set<number>()
  let counter = 0
  const visit = (v: number): void => {
    index[v] = low[v] = ++counter
    stack.push(v)
    frames.push([v, 0])
  }
  list.forEach((flag, root) => {
    // A flag without prerequisites closes no cycle: most flags are like that.
    if (!flag.q.length || index[root]) return
    visit(root)
    for (let frame; (frame = frames[frames.length - 1]); ) {
      const v = frame[0]
      const f = list[v] as MutableFlag
      const p = f.q[frame[1]++]
      if (p) {
        const target = flags.get(p.f)
        // A flag that is not a string is already reported.
        if (!target) isString(p.f) && badPrerequisite(f, p.i, Code.noFlag, p.f, 'flag')
        else {
          const w = target.n
          target.dep = true
          // A target without a variations object has no keys to check against.
          for (const variation of p.v) {
            if (target.variations != NO_VARIATIONS && !has.call(target.variations, variation)) badPrerequisite(f, p.i, Code.notVariationOf, [variation, p.f], 'variations')
          }
          if (!index[w]) visit(w)
          else low[v] = Math.min(low[v] as number, low[w] as number)
        }
      } else {
        frames.pop()
        if (low[v] == index[v]) {
          const component = stack.splice(stack.lastIndexOf(v))
          for (const m of component) {
            low[m] = n + 1
            if (component.length > 1 || f.q.some((q) => q.f == f.key)) out.add(m)
          }
        }
        const parent = frames[frames.length - 1]
        if (parent) low[parent[0]] = Math.min(low[parent[0]] as number, low[v] as number)
      }
    }
  })
  return out
}

/**
 * Compiles `section[key]` (a flag or a segment) with its own problems, at path `<name>.<key>`. A
 * getter that throws makes it unreadable rather than the snapshot.
 */
function compileEntry<T extends MutableFlag | MutableSegment>(
  name: string,
  section: Record<string, unknown>,
  key: string,
  compileOne: (raw: unknown, key: string) => T,
  keyCode: number,
): T {
  // The problems gather in this compile's own list, and only an invalid entry gets a copy: a list
  // per valid flag would cost a 10,000-flag compile some 3 ms.
  const issues = at.issues
  const steps = at.steps
  steps[0] = name
  steps[1] = key
  if (!isKey(key)) bad(keyCode, key, 2)
  let out: T
  try {
    out = compileOne(section[key], key)
  } catch {
    out = compileOne(undefined, key)
    issues.length = 0
    bad(Code.unreadable, 0, 2)
  }
  out.valid = !(out.issues = issues.length ? issues.splice(0) : NONE).length
  return out
}

function compile(input: unknown): CompiledSnapshot {
  // Restored at the end: a getter of this snapshot may compile another one while this one compiles.
  const saved = { ...at }
  let top: Issue[] = (at.issues = [])
  let all = top
  let revision: string | undefined
  let environment: string | undefined
  const flags = new Map<string, MutableFlag>()
  let flagKeys: readonly string[] = []
  let invalidFlags: readonly string[] = []
  at.steps = []
  at.g = undefined
  try {
    // The top level: any problem here rejects the whole snapshot.
    if (!isObject(input)) bad(Code.object, input, 0)
    else {
      field(input, 'schemaVersion', Code.schemaVersion, (version) => (version === 1 ? 1 : undefined), 0)
      revision = field(input, 'revision', Code.nonEmpty, asName, 0)
      environment = field(input, 'environment', Code.nonEmpty, asName, 0)
      const rawFlags = field(input, 'flags', Code.object, asObject, 0)
      const rawSegments = field(input, 'segments', Code.object, asObject, 0, {})
      if (rawFlags && !top.length) {
        all = []
        at.issues = []
        const segments = new Map<string, MutableSegment>()
        for (const key of Object.keys(rawSegments)) segments.set(key, compileEntry('segments', rawSegments, key, compileSegment, Code.segmentKey))
        at.g = segments
        flagKeys = Object.keys(rawFlags)
        const list = flagKeys.map((key, n) => {
          const flag = compileEntry('flags', rawFlags, key, compileFlag, Code.flagKey)
          flag.n = n
          flags.set(key, flag)
          return flag
        })
        const cyclic = checkPrerequisites(list, flags)
        list.forEach((flag) => {
          if (cyclic.has(flag.n)) badPrerequisite(flag, flag.q.find((p) => cyclic.has(flags.get(p.f)?.n as number))?.i, Code.cycle, 0, 'flag')
          if (!(flag.valid = !flag.issues.length)) {
            flag.errors = briefly(flag.issues)
            ;(invalidFlags as string[]).push(flag.key)
            all.push(...flag.issues)
          }
        })
        // Then every segment's problems, used or not.
        segments.forEach((segment) => all.push(...segment.issues))
      }
    }
  } catch (error) {
    top = all = [[Code.unreadableSnapshot, '', error instanceof Error ? error.message : 'unreadable']]
    // Rejected as a whole: nothing read so far is kept.
    flagKeys = invalidFlags = NONE
    revision = environment = undefined
    flags.clear()
  } finally {
    Object.assign(at, saved)
  }
  // Without `flags`, `segments` or with a bad top-level field, nothing was compiled.
  return {
    valid: !top.length,
    errors: briefly(top),
    allErrors: briefly(all),
    issues: all,
    revision,
    environment,
    flagKeys,
    flags,
    invalidFlags,
  }
}

/**
 * Validates and indexes a snapshot, once per snapshot object (cached in a `WeakMap`).
 *
 * Never throws: a snapshot whose properties throw when read is reported invalid.
 *
 * @param input - any value; a non-object gives an invalid compiled snapshot.
 * @returns the compiled snapshot: `valid` and `errors` for the top level, `flags.get(key)` for each
 *   flag (its `valid`, `issues`, `type`, `variations`, `offVariation`, `bucketBy`, `salt`, `sticky`,
 *   `clientSide`, `description`, `tags`), and `allErrors`.
 * @internal For the client runtime; end users call `validateSnapshot` and `evaluate`.
 */
export function compileSnapshot(input: unknown): CompiledSnapshot {
  if (typeof input != 'object' || input === null) return compile(input)
  let compiled = cache.get(input)
  if (!compiled) cache.set(input, (compiled = compile(input)))
  return compiled
}
