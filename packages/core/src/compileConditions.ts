/**
 * Validates and compiles conditions and segments (SPEC §1 and §3). Every problem is recorded with
 * its path; the compiled form is only used when the owner (a flag, a segment) has no errors.
 *
 * @internal
 */
import type { CompiledCondition, CompiledSegment } from './compiledTypes'
import { Op } from './compiledTypes'
import { splitPath } from './conditions'
import { parseSnapshotDate } from './dates'
import { parseSemVer } from './semver'
import type { SemVer } from './semver'
import { child, describe, isKey, isObject, Issues, own } from './snapshotChecks'

/** The longest `matches` pattern accepted (SPEC §3). */
export const MAX_PATTERN_LENGTH = 256

/** Finds a compiled segment by key; absent inside a segment, where segment conditions are not allowed. */
export type SegmentLookup = (key: string) => CompiledSegment | undefined

const EMPTY_SET: ReadonlySet<unknown> = new Set()
const NO_STRINGS: readonly string[] = []
const NO_REGEXES: readonly RegExp[] = []

const OPS: ReadonlyMap<string, number> = new Map(Object.entries(Op))

function makeCondition(fields: Partial<CompiledCondition>): CompiledCondition {
  // Every condition gets every field, in one order, so they share a hidden class.
  return {
    segment: fields.segment,
    path: fields.path,
    op: fields.op ?? Op.exists,
    negate: fields.negate ?? false,
    set: fields.set ?? EMPTY_SET,
    strings: fields.strings ?? NO_STRINGS,
    regexes: fields.regexes ?? NO_REGEXES,
    number: fields.number ?? 0,
    version: fields.version,
  }
}

function compileValues(op: number, opName: string, values: unknown, path: string, issues: Issues): Partial<CompiledCondition> {
  if (op === Op.exists) return {}
  const at = `${path}.values`
  if (!Array.isArray(values) || values.length === 0) {
    issues.add(at, `"${opName}" needs "values", a non-empty array`)
    return {}
  }
  switch (op) {
    case Op.in:
    case Op.notIn: {
      values.forEach((v: unknown, i) => {
        const ok = typeof v === 'string' || typeof v === 'boolean' || (typeof v === 'number' && Number.isFinite(v))
        if (!ok) issues.add(`${at}[${i}]`, `must be a string, a finite number or a boolean, not ${describe(v)}`)
      })
      return { set: new Set<unknown>(values) }
    }
    case Op.contains:
    case Op.startsWith:
    case Op.endsWith: {
      values.forEach((v: unknown, i) => {
        if (typeof v !== 'string') issues.add(`${at}[${i}]`, `"${opName}" takes strings, not ${describe(v)}`)
      })
      return { strings: values.filter((v): v is string => typeof v === 'string') }
    }
    case Op.matches: {
      const regexes: RegExp[] = []
      values.forEach((v: unknown, i) => {
        if (typeof v !== 'string') return issues.add(`${at}[${i}]`, `"matches" takes pattern strings, not ${describe(v)}`)
        if (v.length > MAX_PATTERN_LENGTH) {
          return issues.add(`${at}[${i}]`, `pattern is ${v.length} characters long; shorten it to ${MAX_PATTERN_LENGTH} at most`)
        }
        try {
          regexes.push(new RegExp(v))
        } catch (error) {
          issues.add(`${at}[${i}]`, `not a valid regular expression (${error instanceof Error ? error.message : 'rejected'})`)
        }
      })
      return { regexes }
    }
    case Op.gt:
    case Op.gte:
    case Op.lt:
    case Op.lte: {
      const v: unknown = values[0]
      if (typeof v !== 'number' || !Number.isFinite(v)) {
        issues.add(`${at}[0]`, `"${opName}" compares to a finite number, not ${describe(v)}`)
        return {}
      }
      return { number: v }
    }
    case Op.before:
    case Op.after: {
      const date = parseSnapshotDate(values[0])
      if (date === undefined) {
        issues.add(`${at}[0]`, `"${opName}" needs a date like 2026-11-21T10:00:00Z or 2026-11-21, not ${describe(values[0])}`)
        return {}
      }
      return { number: date }
    }
    default: {
      const version: SemVer | undefined = parseSemVer(values[0])
      if (version === undefined) {
        issues.add(`${at}[0]`, `"${opName}" needs a SemVer 2.0.0 version like 1.2.3, not ${describe(values[0])}`)
        return {}
      }
      return { version }
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
  if (!isObject(raw)) {
    issues.add(path, `a condition must be an object, not ${describe(raw)}`)
    return makeCondition({})
  }
  const negate = own(raw, 'negate')
  if (negate !== undefined && typeof negate !== 'boolean') issues.add(`${path}.negate`, 'must be true or false')
  const segment = own(raw, 'segment')
  const attribute = own(raw, 'attribute')
  const opName = own(raw, 'op')
  const negated = negate === true
  if (segment !== undefined) {
    if (attribute !== undefined || opName !== undefined) {
      issues.add(path, 'give either "segment", or "attribute" and "op", not both')
    }
    if (segments === undefined) {
      issues.add(`${path}.segment`, "a segment's conditions cannot name segments; copy its conditions instead")
      return makeCondition({})
    }
    if (typeof segment !== 'string' || !segmentExists(segment)) {
      issues.add(`${path}.segment`, `segment ${describe(segment)} does not exist in "segments"`)
      return makeCondition({})
    }
    const compiled = segments(segment)
    if (compiled === undefined || !compiled.valid) {
      const first = compiled?.errors[0]
      issues.add(`${path}.segment`, `segment "${segment}" is invalid${first ? ` (${first.path}: ${first.message})` : ''}; fix it first`)
      return makeCondition({})
    }
    return makeCondition({ segment: compiled, negate: negated })
  }
  if (typeof attribute !== 'string' || attribute === '') {
    issues.add(`${path}.attribute`, 'needs "attribute", a non-empty string (or "segment")')
  }
  const op = typeof opName === 'string' && Object.prototype.hasOwnProperty.call(Op, opName) ? OPS.get(opName) : undefined
  if (op === undefined) {
    issues.add(`${path}.op`, `unknown operator ${describe(opName)}; use one of ${[...OPS.keys()].join(', ')}`)
    return makeCondition({})
  }
  const operands = compileValues(op, opName as string, own(raw, 'values'), path, issues)
  return makeCondition({
    ...operands,
    op,
    negate: negated,
    path: typeof attribute === 'string' ? splitPath(attribute) : undefined,
  })
}

/** Validates and compiles a list of conditions (optional: `undefined` is the empty list). */
export function compileConditionList(
  raw: unknown,
  path: string,
  issues: Issues,
  segments: SegmentLookup | undefined,
  segmentExists: (key: string) => boolean,
): CompiledCondition[] {
  if (raw === undefined) return []
  if (!Array.isArray(raw)) {
    issues.add(path, `"conditions" must be an array, not ${describe(raw)}`)
    return []
  }
  const out: CompiledCondition[] = []
  for (let i = 0; i < raw.length; i++) {
    out.push(compileCondition(raw[i], `${path}[${i}]`, issues, segments, segmentExists))
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
  if (!isKey(key)) issues.add(path, 'segment key must be letters, digits, ".", "_", ":" or "-", starting with a letter or digit')
  let include: ReadonlySet<string> = new Set()
  let exclude: ReadonlySet<string> = new Set()
  let bucketBy = 'userId'
  let conditions: CompiledCondition[] = []
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
