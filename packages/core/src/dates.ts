/**
 * Snapshot dates (SPEC §1): RFC 3339 date-times with an offset, or `YYYY-MM-DD` at midnight UTC.
 * Parsed by hand rather than with `Date.parse`, whose accepted formats differ between engines and
 * which silently rolls `2025-02-30` over into March.
 */

// Anchored, with no nested or overlapping repetition: linear on any input, so no length cap is
// needed (a fraction may have any length).
const DATE_TIME = /^(\d{4})-(\d\d)-(\d\d)(?:[Tt](\d\d):(\d\d):(\d\d)(?:\.(\d+))?(?:[Zz]|([+-])(\d\d):(\d\d)))?$/

// Snapshots repeat a few dates thousands of times (a schedule's start, an `after` bound), and a
// context repeats its dates across flags: parses are kept, up to a bound.
const seen = new Map<string, number | undefined>()
// And the last one, compared by identity first: evaluating many flags for one context parses
// the same attribute string again and again.
let lastText: unknown
let last: number | undefined

/**
 * Parses a snapshot date into epoch milliseconds.
 *
 * @param text - `2026-11-21T10:00:00Z`, `2026-11-21t10:00:00.123456+01:00`, `2026-11-21`, …
 * @returns epoch milliseconds, or `undefined` when `text` is not a snapshot date (wrong shape, a
 *   day that does not exist, hours above 23, seconds above 59, an offset out of range).
 */
export function parseSnapshotDate(text: unknown): number | undefined {
  if (text === lastText) return last
  if (typeof text != 'string') return undefined
  let ms = seen.get(text)
  const m = ms === undefined && !seen.has(text) && DATE_TIME.exec(text)
  if (m) {
    const [, y, mo, d, h = 0, mi = 0, s = 0, fraction = '', sign, oh = 0, om = 0] = m
    const year = +(y as string)
    const month = +(mo as string)
    const day = +(d as string)
    // The days of each month, February of a leap year included.
    const days = month == 2 ? (year % 4 || (!(year % 100) && year % 400) ? 28 : 29) : 30 + ((month + (month >> 3)) & 1)
    if (month >= 1 && month <= 12 && day >= 1 && day <= days && +h < 24 && +mi < 60 && +s < 60 && +oh < 24 && +om < 60) {
      // Date.UTC on a year moved into 400..799 (the calendar repeats every 400 years), since it maps
      // years 0–99 to 1900–1999; 12,622,780,800,000 ms is 400 Gregorian years.
      const offset = ((+oh * 60 + +om) * 60_000) * (sign == '-' ? -1 : 1)
      ms =
        Date.UTC((year % 400) + 400, month - 1, day, +h, +mi, +s, +(fraction + '00').slice(0, 3)) +
        (Math.floor(year / 400) - 1) * 12_622_780_800_000 -
        offset
    }
  }
  if (seen.size > 1000) seen.clear()
  // Long strings are not kept: a hostile context could otherwise pin megabytes here.
  if (m !== false && text.length < 64) seen.set(text, ms)
  lastText = text
  return (last = ms)
}
