/**
 * Reading the context (SPEC §2) and matching conditions (SPEC §3). Hostile input is expected:
 * getters that throw, proxies, `__proto__` keys, huge arrays. Nothing here throws.
 */
import { type AttributePath, type CompiledCondition, type CompiledSegment, SEGMENT } from './compiledTypes'
import { parseSnapshotDate } from './dates'
import { parseSemVer } from './semver'
import { has } from './snapshotChecks'

// SPEC §3's `^\s*[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?\s*$` is the grammar `Number(s)` reads as a
// decimal, once the forms it adds are ruled out: hexadecimal, octal and binary literals, `Infinity`
// and the empty string. So the trimmed string (`trim` strips exactly what `\s` matches) only needs
// to start like a decimal and keep to its characters; `Number` rejects the rest as NaN. Linear.
const NUMERIC_STRING = /^[+-]?[\d.][\d.eE+-]*$/

const paths = new Map<string, AttributePath>()

/** The `String.prototype` methods of `contains`, `startsWith`, `endsWith` (operators 2 to 4). */
const TEXT = ['includes', 'startsWith', 'endsWith'] as const

/** The types of JSON scalars, which `notIn` compares (SPEC §3: any other value is the wrong type). */
const SCALARS = ['string', 'number', 'boolean']

/** A `matches` pattern, ready to test a string. */
type Matcher = (value: string) => boolean

/**
 * A pattern of plain text (escaped punctuation allowed), perhaps anchored by `^` and `$`: always a
 * valid regular expression, which matches where the text is found.
 *
 * @internal
 */
export const PLAIN = /^(\^?)((?:[^\\^$.|?*+()[\]{}]|\\[\\^$.|?*+()[\]{}/-])*)(\$?)$/

/**
 * A `matches` pattern as a test: plain text is compared as text, anything else is compiled. A
 * regular expression costs its compiled code, and a big snapshot's thousands of them thrash the
 * caches of a machine; most patterns are plain text (`@acme\.com$`).
 */
function matcher(pattern: unknown): Matcher {
  const plain = PLAIN.exec(pattern as string)
  if (!plain) {
    const regex = new RegExp(pattern as string)
    return (value) => regex.test(value)
  }
  const [, start, escaped, end] = plain
  const text = (escaped as string).replace(/\\(.)/g, '$1')
  const method = TEXT[start ? 1 : end ? 2 : 0]
  return start && end ? (value) => value == text : (value) => value[method](text)
}

/**
 * The interned path of an attribute name (snapshots repeat a few names thousands of times).
 *
 * @internal
 */
export function splitPath(name: string): AttributePath {
  let path = paths.get(name)
  if (!path) {
    if (paths.size > 4095) paths.clear()
    // A step that would reach prototypes: an attribute naming one is always missing.
    paths.set(name, (path = { s: /(^|\.)(__proto__|constructor|prototype)(\.|$)/.test(name) ? undefined : name.split('.'), g: 0, v: undefined }))
  }
  return path
}

/**
 * Whether `value` is a plain object: its prototype is `Object.prototype` or `null`. A proxy whose
 * `getPrototypeOf` trap throws is not.
 *
 * @internal
 */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  try {
    const proto: unknown = typeof value == 'object' && value !== null && Object.getPrototypeOf(value)
    return proto === Object.prototype || proto === null
  } catch {
    return false
  }
}

/** Walks own data of plain objects; a step that is missing, not own, or throws makes it missing. */
function readPath(context: object, steps: readonly string[] | undefined): unknown {
  if (!steps) return undefined
  try {
    let value: unknown = context
    for (let i = 0; i < steps.length; i++) {
      if ((i && !isPlainObject(value)) || !has.call(value, steps[i] as string)) return undefined
      value = (value as Record<string, unknown>)[steps[i] as string]
    }
    return value
  } catch {
    return undefined
  }
}

/**
 * An attribute of the context of evaluation `run`, read once per `evaluateAll` (every flag reads
 * the same few attributes).
 *
 * @internal
 */
export function read(context: object, path: AttributePath, run: number): unknown {
  // Run 0 keeps nothing: a single flag reads few attributes, and keeping costs two writes each.
  if (!run) return readPath(context, path.s)
  if (path.g !== run) {
    path.v = readPath(context, path.s)
    path.g = run
  }
  return path.v
}

/**
 * The unit read from a value: a non-empty string as is, a finite number as `Number::toString`,
 * anything else missing.
 *
 * @internal
 */
export const unitOf = (value: unknown): string | undefined =>
  typeof value == 'string' ? value || undefined : typeof value == 'number' && isFinite(value) ? '' + value : undefined

/**
 * The unit of a context for a `bucketBy` attribute (SPEC §4): the attribute when it is a non-empty
 * string, or a finite number as `Number::toString`; else `undefined`. A context that is not a plain
 * object is treated as `{}`.
 *
 * @param context - any value; never throws.
 * @param bucketBy - the attribute name, dotted paths allowed (`company.id`).
 * @returns the unit, or `undefined` when it is missing.
 */
export function readUnit(context: unknown, bucketBy: string): string | undefined {
  return typeof bucketBy == 'string' && bucketBy && isPlainObject(context) ? unitOf(readPath(context, splitPath(bucketBy).s)) : undefined
}

/** `in` / `notIn` membership: a `Set` for long lists, a scan for short ones (values are never NaN). */
const isIn = (c: CompiledCondition, value: unknown): boolean => (c.x ? (c.x as ReadonlySet<unknown>).has(value) : c.v.includes(value))

/** Whether one value (not null, not an array) matches an operator other than `notIn` and `exists`. */
function test(c: CompiledCondition, value: unknown): boolean {
  const op = c.o
  if (op < 2) return isIn(c, value)
  if (op < 6) {
    // `matches` compiles its patterns on first use: most conditions of a big snapshot never run.
    return (
      typeof value == 'string' &&
      (op < 5 ? c.v.some((s) => value[TEXT[(op - 2) as 0]](s as string)) : value.length <= 1024 && ((c.x ??= c.v.map(matcher)) as readonly Matcher[]).some((m) => m(value)))
    )
  }
  // The comparison operators: the value read as a finite number (epoch milliseconds for a date) or
  // a version key, compared with `x`, against the outcomes each one accepts, as a bit mask (1:
  // lower, 2: equal, 4: higher) for gt gte lt lte before after semverEq semverGt semverGte semverLt
  // semverLte. A value that does not read has no outcome.
  const n =
    op > 11
      ? parseSemVer(value)
      : op > 9 && typeof value == 'string'
        ? parseSnapshotDate(value)
        : typeof value == 'number' || (typeof value == 'string' && NUMERIC_STRING.test(value.trim())) ? +value : NaN
  const x = c.x as number
  return (+('46131424613'[op - 6] as string) & (op < 12 && !isFinite(n as number) ? 0 : (n as number) < x ? 1 : (n as number) > x ? 4 : n === x ? 2 : 0)) > 0
}

/** Whether a condition matches (SPEC §3), `negate` applied. */
function matchCondition(c: CompiledCondition, context: object, run: number): boolean {
  const op = c.o
  let result = false
  try {
    if (op == SEGMENT) result = matchSegment(c.x as CompiledSegment, context, run)
    else {
      const value = read(context, c.a as AttributePath, run)
      // A missing or null attribute matches no operator, `notIn` and `exists` included.
      result =
        value != null &&
        (op == 17 ||
          (Array.isArray(value)
            ? // An array is "not in" when none of its elements is; an empty array is not in anything.
              op == 1 ? !value.some((e) => isIn(c, e)) : value.some((e) => e != null && test(c, e))
            : op == 1 ? SCALARS.includes(typeof value) && !isIn(c, value) : test(c, value)))
    }
  } catch {
    // An array that is a throwing proxy, or an element getter that throws: treat as missing.
  }
  return result != c.n
}

/**
 * Whether every condition matches (an empty list matches everyone).
 *
 * @internal
 */
export function matchAll(conditions: readonly CompiledCondition[], context: object, run: number): boolean {
  for (let i = 0; i < conditions.length; i++) if (!matchCondition(conditions[i] as CompiledCondition, context, run)) return false
  return true
}

/**
 * Whether the context is in a segment: the unit in `include` matches, else in `exclude` fails,
 * else the segment's conditions decide (a segment without conditions matches no one else).
 */
function matchSegment(segment: CompiledSegment, context: object, run: number): boolean {
  // A missing unit (undefined) is in neither set.
  const unit = unitOf(read(context, segment.b, run))
  return segment.i.has(unit) || (!segment.e.has(unit) && segment.c.length > 0 && matchAll(segment.c, context, run))
}
