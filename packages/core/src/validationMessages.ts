/**
 * The words of `validateSnapshot`: a message for each problem code the snapshot checks record.
 * Only `validateSnapshot` imports this table, so an app that only evaluates flags ships none of it.
 *
 * @internal
 */
import { OPS } from './compileConditions'
import { type Issue } from './snapshotChecks'
import * as Code from './problemCodes'
import type { ValidationError } from './types'
import { describe, TOP_LEVEL, type Detail } from './snapshotMessages'

const KEY_RULE = 'letters, digits, ".", "_", ":" or "-", starting with a letter or digit, at most 128 characters'
const PERCENT = 'must be a number from 0 to 100 with at most three decimals'
const DATE = 'a date like 2026-11-21T10:00:00Z or 2026-11-21'
const SERVE = '{ "variation": key } or { "split": [...] }'

/** The message of each problem {@link Code}, from what the check recorded and where. @internal */
export const MESSAGES: Record<number, (d: Detail, path: string) => string> = {
  ...Object.fromEntries(TOP_LEVEL.map((m, code) => [code, m])),
  [Code.unreadable]: (_, p) => `${p.startsWith('flags') ? 'flag' : 'segment'} could not be read (a getter threw); send plain JSON`,
  // Keys.
  [Code.flagKey]: () => `flag key must be ${KEY_RULE}`,
  [Code.segmentKey]: () => `segment key must be ${KEY_RULE}`,
  [Code.ruleId]: (d) => `rule id must be ${KEY_RULE}, not ${describe(d)}`,
  [Code.variationKey]: () => `variation key must be ${KEY_RULE}`,
  [Code.experimentKey]: (d) => `experiment key must be ${KEY_RULE}, not ${describe(d)}`,
  // Shapes anywhere.
  [Code.flag]: (d) => `a flag must be an object, not ${describe(d)}`,
  [Code.rule]: (d) => `a rule must be an object, not ${describe(d)}`,
  [Code.condition]: (d) => `a condition must be an object, not ${describe(d)}`,
  [Code.segment]: (d) => `a segment must be an object, not ${describe(d)}`,
  [Code.array]: (d, p) => `"${p.slice(p.lastIndexOf('.') + 1)}" must be an array, not ${describe(d)}`,
  [Code.boolean]: (d) => `must be true or false, not ${describe(d)}`,
  [Code.name]: (d) => `must be a non-empty string, not ${describe(d)}`,
  [Code.percent]: (d) => `${PERCENT}, not ${describe(d)}`,
  // A flag's own fields.
  [Code.type]: (d) => `must be "boolean", "string", "number" or "json", not ${describe(d)}`,
  [Code.enabled]: (d) => `needs "enabled": true or false, not ${describe(d)}`,
  [Code.variations]: (d) => `"variations" must be an object of key → value, not ${describe(d)}`,
  [Code.noVariations]: () => 'needs at least one variation',
  [Code.valueType]: ([value, type]) => `value ${describe(value)} is not a ${type} (the flag's type)`,
  [Code.offVariation]: (d) => `needs "offVariation", a key of "variations", not ${describe(d)}`,
  [Code.description]: (d) => `must be a string, not ${describe(d)}`,
  [Code.tags]: (d) => `must be an array of strings, not ${describe(d)}`,
  // Schedules and rollouts.
  [Code.schedule]: (d) => `a schedule must be an object with "start" and/or "end", not ${describe(d)}`,
  [Code.date]: (d) => `must be ${DATE}, not ${describe(d)}`,
  [Code.startEnd]: () => '"start" must be before "end"',
  [Code.rolloutShape]: (d) => `rollout must be a percentage or { from, to, start, end }, not ${describe(d)}`,
  [Code.needsDate]: (d) => `needs ${DATE}, not ${describe(d)}`,
  [Code.endAfterStart]: () => '"end" must be after "start"',
  // Rules and serves.
  [Code.duplicateId]: (d) => `rule id "${d}" is used twice in this flag; make it unique`,
  [Code.noServe]: () => `a rule needs "serve": ${SERVE}`,
  [Code.noFallthrough]: () => `needs "fallthrough": ${SERVE}`,
  [Code.serve]: (d) => `must be ${SERVE}, not ${describe(d)}`,
  [Code.serveBoth]: () => 'give either "variation" or "split", not both',
  [Code.serveNeither]: () => 'needs "variation" (a fixed variation) or "split"',
  [Code.split]: (d) => `must be a non-empty array of { variation, weight }, not ${describe(d)}`,
  [Code.splitEntry]: (d) => `must be { variation, weight }, not ${describe(d)}`,
  [Code.noVariation]: (d) => `variation ${describe(d)} is not in "variations"`,
  [Code.weights]: (d) => `weights add up to ${d}; make them add up to 100`,
  [Code.experimentOnFixed]: () => '"experiment" is allowed only where a split is served; remove it or serve a split',
  // Prerequisites.
  [Code.prerequisite]: (d) => `must be { flag, variations }, not ${describe(d)}`,
  [Code.prerequisiteFlag]: (d) => `must name a flag, not ${describe(d)}`,
  [Code.prerequisiteVariations]: (d) => `must be a non-empty array of variation keys (strings), not ${describe(d)}`,
  [Code.noFlag]: (d) => `flag "${d}" does not exist; remove the prerequisite or add the flag`,
  [Code.notVariationOf]: ([variation, flag]) => `"${variation}" is not a variation of flag "${flag}"`,
  [Code.cycle]: () => 'this flag is on a prerequisite cycle; remove one prerequisite of the cycle',
  // Conditions.
  [Code.segmentAndAttribute]: () => 'give either "segment", or "attribute" and "op", not both',
  [Code.nestedSegment]: () => "a segment's conditions cannot name segments; copy its conditions instead",
  [Code.noSegment]: (d) => `segment ${describe(d)} does not exist in "segments"`,
  [Code.badSegment]: ([key, first]) => `segment "${key}" is invalid${first ? ` (${first[1]}: ${message(first)})` : ''}; fix it first`,
  [Code.attribute]: (d) => `needs "attribute", a non-empty string (or "segment"), not ${describe(d)}`,
  [Code.op]: (d) => `unknown operator ${describe(d)}; use one of ${OPS.join(', ')}`,
  [Code.values]: (d) => `"${d}" needs "values", a non-empty array`,
  [Code.scalar]: ([, value]) => `must be a string, a finite number or a boolean, not ${describe(value)}`,
  [Code.strings]: ([op, value]) => `"${op}" takes ${op == 'matches' ? 'pattern ' : ''}strings, not ${describe(value)}`,
  [Code.longPattern]: (d) => `pattern is ${d} characters long; shorten it to 256 at most`,
  [Code.pattern]: (d) => `not a valid regular expression (${d})`,
  [Code.bound]: ([op, value]) => `"${op}" compares to a finite number, not ${describe(value)}`,
  [Code.dateBound]: ([op, value]) => `"${op}" needs ${DATE}, not ${describe(value)}`,
  [Code.version]: ([op, value]) => `"${op}" needs a SemVer 2.0.0 version like 1.2.3, not ${describe(value)}`,
  // Segments.
  [Code.stringList]: (d) => `must be an array of strings, not ${describe(d)}`,
  [Code.string]: (d) => `must be a string, not ${describe(d)}`,
  [Code.segmentBucketBy]: (d) => `must be a non-empty attribute name, e.g. "userId", not ${describe(d)}`,
}

/** The message of a problem. */
function message([code, path, detail]: Issue): string {
  return (MESSAGES[code] as (d: Detail, path: string) => string)(detail, path)
}

/** Problems as `validateSnapshot` reports them: each path with a message that says what to fix. */
export const explain = (issues: readonly Issue[]): ValidationError[] => issues.map((issue) => ({ path: issue[1], message: message(issue) }))
