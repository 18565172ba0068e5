/**
 * Validates and compiles conditions and segments (SPEC §1 and §3). Problems are recorded with
 * {@link bad}; the compiled form is only used when its owner (a flag, a segment) has none.
 *
 * @internal
 */
import { type CompiledCondition, type CompiledSegment, SEGMENT } from './compiledTypes'
import { PLAIN, splitPath } from './conditions'
import { parseSnapshotDate } from './dates'
import { parseSemVer } from './semver'
import { at, bad, Code, isKey, isObject, isString, list, NONE, own } from './snapshotChecks'



/** The operators of SPEC §3; a compiled condition holds an operator's index here. */
export const OPS = 'in notIn contains startsWith endsWith matches gt gte lt lte before after semverEq semverGt semverGte semverLt semverLte exists'.split(' ')
const OP_INDEX = new Map(OPS.map((op, i) => [op, i]))

/** Finds a compiled segment by key (`undefined` when there is none); absent inside a segment. */
export type SegmentLookup = (key: string) => CompiledSegment | undefined

/** Validates and compiles one condition; `segments` is absent inside a segment. */
function compileCondition(raw: unknown, segments: SegmentLookup | undefined): CompiledCondition {
  let a
  let o = 17
  let n = false
  let v: readonly unknown[] = NONE
  let x: CompiledCondition['x']
  if (!isObject(raw)) bad(Code.object, ['a condition', raw])
  else {
    const negate = own(raw, 'negate')
    const segment = own(raw, 'segment')
    const attribute = own(raw, 'attribute')
    const op = own(raw, 'op')
    if (negate !== undefined && typeof negate != 'boolean') bad(Code.boolean, 0, 'negate')
    n = negate === true
    if (segment !== undefined) {
      if (attribute !== undefined || op !== undefined) bad(Code.segmentAndAttribute)
      const s = typeof segment == 'string' && segments ? segments(segment) : undefined
      if (!segments) bad(Code.nestedSegment, 0, 'segment')
      else if (!s) bad(Code.noSegment, segment, 'segment')
      else if (!s.valid) bad(Code.badSegment, [segment, s.issues[0]], 'segment')
      else {
        o = SEGMENT
        x = s
      }
    } else {
      if (typeof attribute != 'string' || !attribute) bad(Code.attribute, 0, 'attribute')
      else a = splitPath(attribute)
      o = OP_INDEX.get(op as string) ?? -1
      if (o < 0) bad(Code.op, op, 'op')
      else if (o < 17) {
        const values = own(raw, 'values')
        if (o < 6) {
          // Every value is read: `in` / `notIn` take JSON scalars, the others strings.
          if (!Array.isArray(values) || !values.length) bad(Code.values, op, 'values')
          else {
            const steps = at.steps
            const k = steps.push('values', 0) - 1
            for (let j = 0; j < values.length; j++) {
              const value: unknown = values[(steps[k] = j)]
              if (o < 2 ? !isString(value) && typeof value != 'boolean' && !Number.isFinite(value) : !isString(value)) {
                bad(o < 2 ? Code.scalar : Code.strings, [op, value])
              } else if (o == 5) {
                if ((value as string).length > 256) bad(Code.longPattern, (value as string).length)
                // Plain text is a valid pattern by its syntax; any other pattern is compiled here to be
                // checked, as a browser would (the evaluator compiles it again on first use, rather
                // than keeping thousands that never run).
                else if (!PLAIN.test(value as string)) {
                  try {
                    new RegExp(value as string)
                  } catch (error) {
                    bad(Code.pattern, (error as Error).message)
                  }
                }
              }
            }
            steps.pop()
            steps.pop()
          }
          // The snapshot's own array (the flag is invalid unless it is a non-empty one). Long lists
          // are looked up in a `Set`; short ones are cheaper to scan than to hash.
          if (Array.isArray(values)) v = values.slice()
          if (o < 2 && v.length > 8) x = new Set(v)
        } else if (!Array.isArray(values) || !values.length) bad(Code.values, op, 'values')
        else {
          // Only values[0] is read.
          const first: unknown = values[0]
          x = o < 10 ? (Number.isFinite(first) ? (first as number) : undefined) : o < 12 ? parseSnapshotDate(first) : parseSemVer(first)
          if (x === undefined) bad(o < 10 ? Code.bound : o < 12 ? Code.dateBound : Code.version, [op, first], 'values', 0)
        }
      }
    }
  }
  return { a, o, n, v, x }
}

/** Validates and compiles an optional list of conditions; the path is the list's owner. */
export function compileConditions(raw: unknown, segments: SegmentLookup | undefined): readonly CompiledCondition[] {
  if (!Array.isArray(raw)) {
    // `undefined` is the empty list; `list` reports anything else.
    list(raw, 'conditions', () => 0)
    return NONE
  }
  // A loop rather than `list`, which would cost a closure per list: a big snapshot has thousands.
  const steps = at.steps
  const i = steps.push('conditions', 0) - 1
  // Sized up front: an array grown by `push` keeps spare room, and a big snapshot has many.
  const out = new Array<CompiledCondition>(raw.length)
  for (let j = 0; j < raw.length; j++) out[j] = compileCondition(raw[(steps[i] = j)], segments)
  steps.pop()
  steps.pop()
  return out
}

/** `include` or `exclude`: an optional array of strings. */
const strings = (raw: Record<string, unknown>, name: string): ReadonlySet<unknown> =>
  new Set(list(own(raw, name), name, (s) => (isString(s) ? s : bad(Code.string, s)), Code.stringList, own(raw, name)))

/** Validates and compiles `segments[key]`, with its own problems (paths under `segments.<key>`). */
export function compileSegment(key: string, segments: Record<string, unknown>): CompiledSegment {
  const saved = { ...at }
  at.steps = ['segments', key]
  at.issues = []
  let include: ReadonlySet<unknown> = new Set()
  let exclude = include
  let bucketBy: unknown
  let c: readonly CompiledCondition[] = NONE
  try {
    if (!isKey(key)) bad(Code.key, 'segment key')
    const raw = segments[key]
    if (!isObject(raw)) bad(Code.object, ['a segment', raw])
    else {
      include = strings(raw, 'include')
      exclude = strings(raw, 'exclude')
      bucketBy = own(raw, 'bucketBy')
      if (bucketBy !== undefined && (typeof bucketBy != 'string' || !bucketBy)) bad(Code.segmentBucketBy, 0, 'bucketBy')
      c = compileConditions(own(raw, 'conditions'), undefined)
    }
  } catch {
    at.steps.length = 2
    bad(Code.unreadable, 'segment')
  }
  const issues = at.issues
  Object.assign(at, saved)
  return { valid: !issues.length, issues, i: include, e: exclude, b: splitPath(typeof bucketBy == 'string' && bucketBy ? bucketBy : 'userId'), c }
}
