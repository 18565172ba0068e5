/**
 * Strict SemVer 2.0.0 (SPEC §3 `semver*` operators), with one optional lowercase `v` in front.
 * Numeric parts are kept as digit strings so that versions beyond 2^53 still compare exactly.
 */

// The regular expression published on semver.org, with the optional leading `v`.
const SEMVER =
  /^v?(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-((?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?(?:\+[0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*)?$/

const NUMERIC = /^\d+$/
const RELEASE: readonly string[] = []

/** A parsed version; build metadata is dropped because precedence ignores it. */
export interface SemVer {
  readonly major: string
  readonly minor: string
  readonly patch: string
  /** Pre-release identifiers; empty for a release. */
  readonly prerelease: readonly string[]
}

/**
 * Parses a strict SemVer 2.0.0 string, optionally prefixed by one lowercase `v`.
 *
 * @returns the version, or `undefined` for anything else (including non-strings).
 */
export function parseSemVer(text: unknown): SemVer | undefined {
  if (typeof text !== 'string' || text.length > 1024) return undefined
  const m = SEMVER.exec(text)
  if (m === null) return undefined
  return {
    major: m[1] as string,
    minor: m[2] as string,
    patch: m[3] as string,
    prerelease: m[4] === undefined ? RELEASE : m[4].split('.'),
  }
}

// Compares digit strings without leading zeros: the longer is larger, else lexical order.
function compareDigits(a: string, b: string): number {
  if (a.length !== b.length) return a.length < b.length ? -1 : 1
  return a < b ? -1 : a > b ? 1 : 0
}

function compareIdentifiers(a: string, b: string): number {
  const aNumeric = NUMERIC.test(a)
  const bNumeric = NUMERIC.test(b)
  if (aNumeric && bNumeric) return compareDigits(a, b)
  // Numeric identifiers always have lower precedence than alphanumeric ones.
  if (aNumeric) return -1
  if (bNumeric) return 1
  return a < b ? -1 : a > b ? 1 : 0
}

/**
 * Compares two versions by SemVer precedence.
 *
 * @returns a negative number, zero or a positive number as `a` is lower than, equal to or higher than `b`.
 */
export function compareSemVer(a: SemVer, b: SemVer): number {
  const core = compareDigits(a.major, b.major) || compareDigits(a.minor, b.minor) || compareDigits(a.patch, b.patch)
  if (core !== 0) return core
  const ap = a.prerelease
  const bp = b.prerelease
  // A release has higher precedence than any of its pre-releases.
  if (ap.length === 0 || bp.length === 0) return bp.length - ap.length
  const n = Math.min(ap.length, bp.length)
  for (let i = 0; i < n; i++) {
    const c = compareIdentifiers(ap[i] as string, bp[i] as string)
    if (c !== 0) return c
  }
  return ap.length - bp.length
}
