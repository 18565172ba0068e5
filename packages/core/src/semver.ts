/**
 * Strict SemVer 2.0.0 (SPEC §3 `semver*` operators), with one optional lowercase `v` in front.
 * Numeric parts are kept as digit strings so that versions beyond 2^53 still compare exactly.
 */

// The regular expression published on semver.org, with the optional leading `v`.
const SEMVER =
  /^v?(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-((?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?(?:\+[0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*)?$/

const NUMERIC = /^\d+$/

/**
 * A parsed version: major, minor and patch, then the pre-release identifiers (none for a release).
 * Build metadata is dropped because precedence ignores it.
 */
export type SemVer = readonly string[]

// Snapshots and contexts repeat a few versions many times; parses are kept, up to a bound.
const seen = new Map<string, SemVer | undefined>()

/**
 * Parses a strict SemVer 2.0.0 string, optionally prefixed by one lowercase `v`.
 *
 * @returns the version, or `undefined` for anything else (including non-strings).
 */
export function parseSemVer(text: unknown): SemVer | undefined {
  if (typeof text != 'string' || text.length > 1024) return undefined
  if (seen.has(text)) return seen.get(text)
  const m = SEMVER.exec(text)
  const version = m ? Object.freeze([m[1], m[2], m[3], ...(m[4] ? m[4].split('.') : [])] as string[]) : undefined
  if (seen.size > 1000) seen.clear()
  if (text.length < 64) seen.set(text, version)
  return version
}

const order = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0)

// Numeric identifiers (never with leading zeros) compare as numbers: the longer is larger, else
// lexical order; they have lower precedence than alphanumeric ones, which compare lexically.
function compareIdentifiers(a: string, b: string): number {
  const an = NUMERIC.test(a)
  const bn = NUMERIC.test(b)
  return an && bn ? a.length - b.length || order(a, b) : an ? -1 : bn ? 1 : order(a, b)
}

/**
 * Compares two versions by SemVer precedence.
 *
 * @returns a negative number, zero or a positive number as `a` is lower than, equal to or higher than `b`.
 */
export function compareSemVer(a: SemVer, b: SemVer): number {
  for (let i = 0; i < a.length && i < b.length; i++) {
    const c = compareIdentifiers(a[i] as string, b[i] as string)
    if (c) return c
  }
  // A release has higher precedence than any of its pre-releases; else the longer list is higher.
  return a.length == 3 || b.length == 3 ? b.length - a.length : a.length - b.length
}
