/**
 * Strict SemVer 2.0.0 (SPEC §3 `semver*` operators), with one optional lowercase `v` in front.
 * Numeric parts are kept as digit strings so that versions beyond 2^53 still compare exactly.
 */

// The regular expression published on semver.org, with the optional leading `v`, written with its
// repeated parts once: a numeric identifier, and a pre-release identifier.
const NUMBER = '(0|[1-9]\\d*)'
const PRE = '(?:0|[1-9]\\d*|\\d*[a-zA-Z-][\\da-zA-Z-]*)'
const SEMVER = new RegExp(`^v?${NUMBER}\\.${NUMBER}\\.${NUMBER}(?:-(${PRE}(?:\\.${PRE})*))?(?:\\+[\\da-zA-Z-]+(?:\\.[\\da-zA-Z-]+)*)?$`)

const NUMERIC = /^\d+$/

/**
 * A parsed version: major, minor and patch, then the pre-release identifiers (none for a release).
 * Build metadata is dropped because precedence ignores it.
 */
export type SemVer = readonly string[]

// Snapshots and contexts repeat a few versions many times; parses are kept, up to a bound.
const seen = new Map<string, SemVer | undefined>()
// And the last one, compared by identity first: evaluating many flags for one context parses
// the same attribute string again and again.
let lastText: unknown
let last: SemVer | undefined

/**
 * Parses a strict SemVer 2.0.0 string, optionally prefixed by one lowercase `v`.
 *
 * @returns the version, or `undefined` for anything else (including non-strings).
 */
export function parseSemVer(text: unknown): SemVer | undefined {
  if (text === lastText) return last
  if (typeof text != 'string' || text.length > 1024) return undefined
  let version = seen.get(text)
  if (!version && !seen.has(text)) {
    const m = SEMVER.exec(text)
    version = m ? Object.freeze([m[1], m[2], m[3], ...(m[4] ? m[4].split('.') : [])] as string[]) : undefined
    if (seen.size > 1000) seen.clear()
    if (text.length < 64) seen.set(text, version)
  }
  lastText = text
  return (last = version)
}

const order = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0)

// Numeric identifiers (never with leading zeros) compare as numbers: the longer is larger, else
// lexical order; they have lower precedence than alphanumeric ones, which compare lexically.
function compareIdentifiers(a: string, b: string, i: number): number {
  // Major, minor and patch are always numeric.
  const an = i < 3 || NUMERIC.test(a)
  const bn = i < 3 || NUMERIC.test(b)
  return an && bn ? a.length - b.length || order(a, b) : an ? -1 : bn ? 1 : order(a, b)
}

/**
 * Compares two versions by SemVer precedence.
 *
 * @returns a negative number, zero or a positive number as `a` is lower than, equal to or higher than `b`.
 */
export function compareSemVer(a: SemVer, b: SemVer): number {
  for (let i = 0; i < a.length && i < b.length; i++) {
    const c = compareIdentifiers(a[i] as string, b[i] as string, i)
    if (c) return c
  }
  // A release has higher precedence than any of its pre-releases; else the longer list is higher.
  return a.length == 3 || b.length == 3 ? b.length - a.length : a.length - b.length
}
