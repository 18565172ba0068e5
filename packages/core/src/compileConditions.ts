/**
 * Validates and compiles conditions and segments (SPEC §1 and §3). Every problem is recorded with
 * its path; the compiled form is only used when the owner (a flag, a segment) has no errors.
 *
 * @internal
 */
import type { CompiledCondition, CompiledSegment } from './compiledTypes'
import { Op, SMALL_LIST } from './compiledTypes'
import { splitPath } from './conditions'
import { parseSnapshotDate } from './dates'
import { parseSemVer } from './semver'
import type { SemVer } from './semver'
import { child, describe, isKey, isObject, Issues, item, KEY_RULE, own, sub } from './snapshotChecks'

/** The longest `matches` pattern accepted (SPEC §3). */
export const MAX_PATTERN_LENGTH = 256

/** Finds a compiled segment by key; absent inside a segment, where segment conditions are not allowed. */
export type SegmentLookup = (key: string) => CompiledSegment | undefined

const NO_VALUES: readonly unknown[] = []
const NO_CONDITIONS: readonly CompiledCondition[] = []

const OPS: ReadonlyMap<string, number> = new Map(Object.entries(Op))

// Every condition gets every field, in one order, so they share a hidden class.
class Condition implements CompiledCondition {
  segment: CompiledSegment | undefined = undefined
  path: readonly string[] | undefined = undefined
  op: number = Op.exists
  negate = false
  values: readonly unknown[] = NO_VALUES
  operand: ReadonlySet<unknown> | number | SemVer | readonly RegExp[] | undefined = undefined
}

/** Checks `values` for the operator and stores the compiled operands on `c`. */
function compileValues(c: Condition, opName: string, values: unknown, path: string, issues: Issues): void {
  const op = c.op
  if (op === Op.exists) return
  const at = sub(path, '.values')
  if (!Array.isArray(values) || values.length === 0) {
    issues.add(at, `"${opName}" needs "values", a non-empty array`)
    return
  }
  const n = values.length
  switch (op) {
    case Op.in:
    case Op.notIn: {
      for (let i = 0; i < n; i++) {
        const v: unknown = values[i]
        const ok = typeof v === 'string' || typeof v === 'boolean' || (typeof v === 'number' && Number.isFinite(v))
        if (!ok) issues.add(`${at}[${i}]`, `must be a string, a finite number or a boolean, not ${describe(v)}`)
      }
      c.values = values
      if (n > SMALL_LIST) c.operand = new Set<unknown>(values)
      return
    }
    case Op.contains:
    case Op.startsWith:
    case Op.endsWith: {
      const strings: string[] = []
      for (let i = 0; i < n; i++) {
        const v: unknown = values[i]
        if (typeof v === 'string') strings.push(v)
        else issues.add(`${at}[${i}]`, `"${opName}" takes strings, not ${describe(v)}`)
      }
      c.values = strings.length === n ? values : strings
      return
    }
    case Op.matches: {
      let valid = 0
      for (let i = 0; i < n; i++) {
        const v: unknown = values[i]
        if (typeof v !== 'string') {
          issues.add(`${at}[${i}]`, `"matches" takes pattern strings, not ${describe(v)}`)
        } else if (v.length > MAX_PATTERN_LENGTH) {
          issues.add(`${at}[${i}]`, `pattern is ${v.length} characters long; shorten it to ${MAX_PATTERN_LENGTH} at most`)
        } else {
          try {
            // Compiled to validate only; the evaluator compiles the patterns again on first use. The
            // result is read so that no minifier drops the construction as unused.
            if (new RegExp(v).source !== '') valid++
          } catch (error) {
            issues.add(`${at}[${i}]`, `not a valid regular expression (${error instanceof Error ? error.message : 'rejected'})`)
          }
        }
      }
      if (valid === n) c.values = values
      return
    }
    case Op.gt:
    case Op.gte:
    case Op.lt:
    case Op.lte: {
      const v: unknown = values[0]
      if (typeof v === 'number' && Number.isFinite(v)) c.operand = v
      else issues.add(`${at}[0]`, `"${opName}" compares to a finite number, not ${describe(v)}`)
      return
    }
    case Op.before:
    case Op.after: {
      const date = parseSnapshotDate(values[0])
      if (date !== undefined) c.operand = date
      else issues.add(`${at}[0]`, `"${opName}" needs a date like 2026-11-21T10:00:00Z or 2026-11-21, not ${describe(values[0])}`)
      return
    }
    default: {
      const version = parseSemVer(values[0])
      if (version !== undefined) c.operand = version
      else issues.add(`${at}[0]`, `"${opName}" needs a SemVer 2.0.0 version like 1.2.3, not ${describe(values[0])}`)
    }
  }
}

/**
 * Validates and compiles one condition.
 *
 * @param segments - segment lookup; `undefined` inside a segment, where naming a segment is an error.
 */
export function compileCondition(
  raw: unknown,
  path: string,
  issues: Issues,
  segments: SegmentLookup | undefined,
  segmentExists: (key: string) => boolean,
): CompiledCondition {
  const c = new Condition()
  if (!isObject(raw)) {
    issues.add(path, `a condition must be an object, not ${describe(raw)}`)
    return c
  }
  const negate = own(raw, 'negate')
  if (negate !== undefined && typeof negate !== 'boolean') issues.add(`${path}.negate`, 'must be true or false')
  const segment = own(raw, 'segment')
  const attribute = own(raw, 'attribute')
  const opName = own(raw, 'op')
  c.negate = negate === true
  if (segment !== undefined) {
    if (attribute !== undefined || opName !== undefined) {
      issues.add(path, 'give either "segment", or "attribute" and "op", not both')
    }
    if (segments === undefined) {
      issues.add(`${path}.segment`, "a segment's conditions cannot name segments; copy its conditions instead")
      return c
    }
    if (typeof segment !== 'string' || !segmentExists(segment)) {
      issues.add(`${path}.segment`, `segment ${describe(segment)} does not exist in "segments"`)
      return c
    }
    const compiled = segments(segment)
    if (compiled === undefined || !compiled.valid) {
      const first = compiled?.errors[0]
      issues.add(`${path}.segment`, `segment "${segment}" is invalid${first ? ` (${first.path}: ${first.message})` : ''}; fix it first`)
      return c
    }
    c.segment = compiled
    return c
  }
  if (typeof attribute !== 'string' || attribute === '') {
    issues.add(`${path}.attribute`, 'needs "attribute", a non-empty string (or "segment")')
  }
  const op = typeof opName === 'string' && Object.hasOwn(Op, opName) ? OPS.get(opName) : undefined
  if (op === undefined) {
    issues.add(`${path}.op`, `unknown operator ${describe(opName)}; use one of ${[...OPS.keys()].join(', ')}`)
    return c
  }
  c.op = op
  if (typeof attribute === 'string') c.path = splitPath(attribute)
  compileValues(c, opName as string, own(raw, 'values'), path, issues)
  return c
}

/** Validates and compiles a list of conditions (optional: `undefined` is the empty list). */
export function compileConditionList(
  raw: unknown,
  path: string,
  issues: Issues,
  segments: SegmentLookup | undefined,
  segmentExists: (key: string) => boolean,
): readonly CompiledCondition[] {
  // Shared: most rollout and experiment rules have no conditions.
  if (raw === undefined) return NO_CONDITIONS
  if (!Array.isArray(raw)) {
    issues.add(path, `"conditions" must be an array, not ${describe(raw)}`)
    return []
  }
  // Sized up front: arrays grown by push keep spare capacity, and a big snapshot holds many of these.
  const out = new Array<CompiledCondition>(raw.length)
  for (let i = 0; i < raw.length; i++) {
    out[i] = compileCondition(raw[i], item(path, i), issues, segments, segmentExists)
  }
  return out
}

function stringSet(raw: unknown, path: string, issues: Issues): Set<string> {
  if (raw === undefined) return new Set()
  if (!Array.isArray(raw)) {
    issues.add(path, `must be an array of strings, not ${describe(raw)}`)
    return new Set()
  }
  const out = new Set<string>()
  raw.forEach((v: unknown, i) => {
    if (typeof v === 'string') out.add(v)
    else issues.add(`${path}[${i}]`, `must be a string, not ${describe(v)}`)
  })
  return out
}

/** Validates and compiles one segment; its errors have paths under `segments.<key>`. */
export function compileSegment(key: string, raw: unknown): CompiledSegment {
  const issues = new Issues()
  const path = child('segments', key)
  if (!isKey(key)) issues.add(path, `segment key must be ${KEY_RULE}`)
  let include: ReadonlySet<string> = new Set()
  let exclude: ReadonlySet<string> = new Set()
  let bucketBy = 'userId'
  let conditions: readonly CompiledCondition[] = NO_CONDITIONS
  if (!isObject(raw)) {
    issues.add(path, `a segment must be an object, not ${describe(raw)}`)
  } else {
    include = stringSet(own(raw, 'include'), `${path}.include`, issues)
    exclude = stringSet(own(raw, 'exclude'), `${path}.exclude`, issues)
    const by = own(raw, 'bucketBy')
    if (by !== undefined) {
      if (typeof by === 'string' && by !== '') bucketBy = by
      else issues.add(`${path}.bucketBy`, 'must be a non-empty attribute name, e.g. "userId"')
    }
    conditions = compileConditionList(own(raw, 'conditions'), `${path}.conditions`, issues, undefined, () => false)
  }
  return {
    key,
    valid: issues.count === 0,
    errors: issues.list,
    include,
    exclude,
    bucketPath: splitPath(bucketBy),
    conditions,
  }
}
