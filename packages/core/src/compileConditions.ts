/**
 * Validates and compiles conditions and segments (SPEC §1 and §3). Problems are recorded with
 * {@link bad}; the compiled form is only used when its owner (a flag, a segment) has none.
 *
 * @internal
 */
import { type AttributePath, type CompiledCondition, type CompiledSegment, SEGMENT } from './compiledTypes'
import { PLAIN, splitPath } from './conditions'
import { parseSnapshotDate } from './dates'
import { parseSemVer } from './semver'
import { asBoolean, asName, asObject, at, bad, field, isObject, isString, map, NONE, own } from './snapshotChecks'
import * as Code from './problemCodes'

/** The operators of SPEC §3; a compiled condition holds an operator's index here. */
export const OPS = 'in notIn contains startsWith endsWith matches gt gte lt lte before after semverEq semverGt semverGte semverLt semverLte exists'.split(' ')

// Looked up by hash: scanning `OPS` for every condition costs a big snapshot ~2 ms more.
const OP_INDEX = new Map(OPS.map((op, i) => [op, i]))

/** A compiled segment before `compileSnapshot` has settled `valid` and `issues`. */
export type MutableSegment = { -readonly [K in keyof CompiledSegment]: CompiledSegment[K] }

const finite = (value: unknown): number | undefined => (Number.isFinite(value) ? (value as number) : undefined)

/** Checks one of `values` of the operator `o` (below 6: the operators that read every value). */
function value(item: unknown, d: number, o: number): unknown {
  // `in` / `notIn` take JSON scalars, the others strings.
  if (o < 2 ? !isString(item) && typeof item != 'boolean' && !Number.isFinite(item) : !isString(item)) {
    bad(o < 2 ? Code.scalar : Code.strings, [OPS[o], item], d)
  } else if (o == 5) {
    const pattern = item as string
    if (pattern.length > 256) bad(Code.longPattern, pattern.length, d)
    // Plain text is a valid pattern by its syntax; any other pattern is compiled here to be checked,
    // as a browser would (the evaluator compiles it again on first use, rather than keeping
    // thousands that never run).
    else if (!PLAIN.test(pattern)) {
      try {
        new RegExp(pattern)
      } catch (error) {
        bad(Code.pattern, (error as Error).message, d)
      }
    }
  }
  return item
}

/** Validates and compiles one condition at depth `d`; segments are named only outside segments. */
export function compileCondition(raw: unknown, d: number): CompiledCondition {
  let a: AttributePath | undefined
  let o = 17
  let n = false
  let v: readonly unknown[] = NONE
  let x: CompiledCondition['x']
  if (!isObject(raw)) bad(Code.condition, raw, d)
  else {
    n = field(raw, 'negate', Code.boolean, asBoolean, d, false)
    const op = own(raw, 'op')
    const segment = own(raw, 'segment')
    if (segment !== undefined) {
      const segments = at.g
      const s = segments?.get(segment as string)
      if (own(raw, 'attribute') !== undefined || op !== undefined) bad(Code.segmentAndAttribute, 0, d)
      if (!segments) bad(Code.nestedSegment, segment, d, 'segment')
      else if (!s) bad(Code.noSegment, segment, d, 'segment')
      else if (!s.valid) bad(Code.badSegment, [segment, s.issues[0]], d, 'segment')
      else {
        o = SEGMENT
        x = s
      }
    } else {
      const attribute = field(raw, 'attribute', Code.attribute, asName, d)
      if (attribute) a = splitPath(attribute)
      o = OP_INDEX.get(op as string) ?? -1
      const values = own(raw, 'values')
      if (o < 0) bad(Code.op, op, d, 'op')
      else if (o < 17) {
        if (!Array.isArray(values) || !values.length) bad(Code.values, op, d, 'values')
        // Every value is read; long `in` / `notIn` lists are looked up in a `Set`, short ones are
        // cheaper to scan than to hash.
        else if (o < 6) {
          v = map(raw, 'values', d, value, o)
          if (o < 2 && v.length > 8) x = new Set(v)
        } else {
          // Only values[0] is read.
          x = (o < 10 ? finite : o < 12 ? parseSnapshotDate : parseSemVer)(values[0])
          if (x === undefined) bad(o < 10 ? Code.bound : o < 12 ? Code.dateBound : Code.version, [op, values[0]], d, 'values', 0)
        }
      }
    }
  }
  return { a, o, n, v, x }
}

/** `include` or `exclude` item: a string. */
const string = (item: unknown, d: number): unknown => (isString(item) ? item : bad(Code.string, item, d))

/** Validates and compiles a segment (at depth 2: `segments.<key>`); the caller settles `valid` and `issues`. */
export function compileSegment(raw: unknown): MutableSegment {
  const r = asObject(raw) ?? (bad(Code.segment, raw, 2), {})
  return {
    valid: true,
    issues: NONE,
    i: new Set(map(r, 'include', 2, string, 0, Code.stringList)),
    e: new Set(map(r, 'exclude', 2, string, 0, Code.stringList)),
    b: splitPath(field(r, 'bucketBy', Code.segmentBucketBy, asName, 2, 'userId')),
    c: map(r, 'conditions', 2, compileCondition, 0),
  }
}
