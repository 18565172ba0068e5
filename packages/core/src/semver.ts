/**
 * Strict SemVer 2.0.0 (SPEC §3 `semver*` operators), with one optional lowercase `v` in front.
 */
import { memo } from './memo'

// The regular expression published on semver.org, with the optional leading `v`.
const SEMVER =
  /^v?(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-((?:0|[1-9]\d*|\d*[a-zA-Z-][\da-zA-Z-]*)(?:\.(?:0|[1-9]\d*|\d*[a-zA-Z-][\da-zA-Z-]*))*))?(?:\+[\da-zA-Z-]+(?:\.[\da-zA-Z-]+)*)?$/

/**
 * A parsed version, as a key whose string order is SemVer precedence (build metadata is dropped,
 * since precedence ignores it): each identifier ends with `\0`, a numeric one is led by `\x01` and
 * its length (the longer number is larger, and numbers stay exact beyond 2^53), an alphanumeric
 * one by `\x02` (numbers have lower precedence); after major, minor and patch comes `\x01` and the
 * pre-release identifiers, or `\x02` for a release (higher than any of its pre-releases). A longer
 * list of equal identifiers is a longer key, so it is higher.
 */
export type SemVer = string

const id = (s: string): string => (/^\d+$/.test(s) ? '\x01' + String.fromCharCode(s.length) : '\x02') + s + '\0'

/**
 * Parses a strict SemVer 2.0.0 string, optionally prefixed by one lowercase `v`.
 *
 * @returns the version, or `undefined` for anything else (including non-strings).
 */
export const parseSemVer: (text: unknown) => SemVer | undefined = memo((text) => {
  // The pattern is quadratic in the length of a pre-release identifier: long strings are refused.
  const m = text.length > 1024 ? null : SEMVER.exec(text)
  return m ? m.slice(1, 4).map(id).join('') + (m[4] ? '\x01' + m[4].split('.').map(id).join('') : '\x02') : undefined
})

/**
 * Compares two versions by SemVer precedence.
 *
 * @returns a negative number, zero or a positive number as `a` is lower than, equal to or higher than `b`.
 */
export const compareSemVer = (a: SemVer, b: SemVer): number => (a < b ? -1 : +(a > b))
