/**
 * The words of `validateSnapshot`: a message for each problem code the snapshot checks record.
 * Only `validateSnapshot` imports this table, so an app that only evaluates flags ships none of it.
 *
 * @internal
 */
import { OPS } from './compileConditions'
import type { Issue } from './snapshotChecks'
import type { ValidationError } from './types'

// Details are whatever the check recorded: a value to describe, or a list of them.
type Detail = any

/** Describes a value briefly: its JSON type, or the string itself. */
function describe(value: unknown): string {
  if (value === null) return 'null'
  if (Array.isArray(value)) return 'an array'
  if (typeof value == 'string') return value.length > 40 ? `"${value.slice(0, 40)}…"` : JSON.stringify(value)
  if (typeof value == 'object') return 'an object'
  return typeof value == 'number' || typeof value == 'boolean' ? String(value) : typeof value
}

const KEY_RULE = 'letters, digits, ".", "_", ":" or "-", starting with a letter or digit, at most 128 characters'
const PERCENT = 'must be a number from 0 to 100 with at most three decimals'
const DATE = 'a date like 2026-11-21T10:00:00Z or 2026-11-21'
const SERVE = '{ "variation": key } or { "split": [...] }'

const MESSAGES: Record<string, (d: Detail) => string> = {
  // The top level.
  snapshot: (d) => `a snapshot must be a JSON object, not ${describe(d)}`,
  schemaVersion: (d) => `unknown schemaVersion ${describe(d)}; this SDK reads version 1`,
  nonEmpty: ([name, value]) => `"${name}" must be a non-empty string, not ${describe(value)}`,
  flags: (d) => `"flags" must be a JSON object of flag key → flag, not ${describe(d)}`,
  segments: (d) => `"segments" must be a JSON object of segment key → segment, not ${describe(d)}`,
  unreadableSnapshot: (d) => `snapshot could not be read (${d}); send plain JSON`,
  unreadable: (d) => `${d} could not be read (a getter threw); send plain JSON`,
  // Shapes and keys anywhere.
  key: (d) => `${d} must be ${KEY_RULE}`,
  object: ([what, value]) => `${what} must be an object, not ${describe(value)}`,
  array: ([name, value]) => `"${name}" must be an array, not ${describe(value)}`,
  boolean: () => 'must be true or false',
  name: (d) => `must be a non-empty string, not ${describe(d)}`,
  percent: (d) => (d ? `${d} ${PERCENT}` : PERCENT),
  // A flag's own fields.
  type: () => 'must be "boolean", "string", "number" or "json"',
  enabled: () => 'needs "enabled": true or false',
  variations: (d) => `"variations" must be an object of key → value, not ${describe(d)}`,
  noVariations: () => 'needs at least one variation',
  valueType: ([value, type]) => `value ${describe(value)} is not a ${type} (the flag's type)`,
  offVariation: (d) => `needs "offVariation", a key of "variations", not ${describe(d)}`,
  description: () => 'must be a string',
  tags: () => 'must be an array of strings',
  // Schedules and rollouts.
  schedule: (d) => `a schedule must be an object with "start" and/or "end", not ${describe(d)}`,
  date: (d) => `must be ${DATE}, not ${describe(d)}`,
  startEnd: () => '"start" must be before "end"',
  rolloutShape: (d) => `rollout must be a percentage or { from, to, start, end }, not ${describe(d)}`,
  needsDate: () => `needs ${DATE}`,
  endAfterStart: () => '"end" must be after "start"',
  // Rules and serves.
  duplicateId: (d) => `rule id "${d}" is used twice in this flag; make it unique`,
  noServe: () => `a rule needs "serve": ${SERVE}`,
  noFallthrough: () => `needs "fallthrough": ${SERVE}`,
  serve: (d) => `must be ${SERVE}, not ${describe(d)}`,
  serveBoth: () => 'give either "variation" or "split", not both',
  serveNeither: () => 'needs "variation" (a fixed variation) or "split"',
  split: () => 'must be a non-empty array of { variation, weight }',
  splitEntry: (d) => `must be { variation, weight }, not ${describe(d)}`,
  noVariation: (d) => `variation ${describe(d)} is not in "variations"`,
  weights: (d) => `weights add up to ${d}; make them add up to 100`,
  experimentOnFixed: () => '"experiment" is allowed only where a split is served; remove it or serve a split',
  // Prerequisites.
  prerequisite: (d) => `must be { flag, variations }, not ${describe(d)}`,
  prerequisiteFlag: () => 'must name a flag',
  prerequisiteVariations: () => 'must be a non-empty array of variation keys',
  variationStrings: () => 'variation keys must be strings',
  noFlag: (d) => `flag "${d}" does not exist; remove the prerequisite or add the flag`,
  notVariationOf: ([variation, flag]) => `"${variation}" is not a variation of flag "${flag}"`,
  cycle: () => 'this flag is on a prerequisite cycle; remove one prerequisite of the cycle',
  // Conditions.
  segmentAndAttribute: () => 'give either "segment", or "attribute" and "op", not both',
  nestedSegment: () => "a segment's conditions cannot name segments; copy its conditions instead",
  noSegment: (d) => `segment ${describe(d)} does not exist in "segments"`,
  badSegment: ([key, first]) => `segment "${key}" is invalid${first ? ` (${first[1]}: ${message(first)})` : ''}; fix it first`,
  attribute: () => 'needs "attribute", a non-empty string (or "segment")',
  op: (d) => `unknown operator ${describe(d)}; use one of ${OPS.join(', ')}`,
  values: (d) => `"${d}" needs "values", a non-empty array`,
  scalar: ([, value]) => `must be a string, a finite number or a boolean, not ${describe(value)}`,
  strings: ([op, value]) => `"${op}" takes ${op == 'matches' ? 'pattern ' : ''}strings, not ${describe(value)}`,
  longPattern: (d) => `pattern is ${d} characters long; shorten it to 256 at most`,
  pattern: (d) => `not a valid regular expression (${d})`,
  bound: ([op, value]) => `"${op}" compares to a finite number, not ${describe(value)}`,
  dateBound: ([op, value]) => `"${op}" needs ${DATE}, not ${describe(value)}`,
  version: ([op, value]) => `"${op}" needs a SemVer 2.0.0 version like 1.2.3, not ${describe(value)}`,
  // Segments.
  stringList: (d) => `must be an array of strings, not ${describe(d)}`,
  string: (d) => `must be a string, not ${describe(d)}`,
  segmentBucketBy: () => 'must be a non-empty attribute name, e.g. "userId"',
}

/** The message of a problem. */
function message([code, , detail]: Issue): string {
  return (MESSAGES[code] as (d: Detail) => string)(detail)
}

/** Problems as `validateSnapshot` reports them: each path with a message that says what to fix. */
export const explain = (issues: readonly Issue[]): ValidationError[] => issues.map((issue) => ({ path: issue[1], message: message(issue) }))
