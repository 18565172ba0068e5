/**
 * Snapshot dates (SPEC §1): RFC 3339 date-times with an offset, or `YYYY-MM-DD` at midnight UTC.
 * Parsed by hand rather than with `Date.parse`, whose accepted formats differ between engines and
 * which silently rolls `2025-02-30` over into March.
 */
import { memo } from './memo'

// Anchored, with no nested or overlapping repetition: linear on any input, so no length cap is
// needed (a fraction may have any length).
const DATE_TIME = /^(\d{4})-(\d\d)-(\d\d)(?:[Tt](\d\d):(\d\d):(\d\d)(?:\.(\d+))?(?:[Zz]|([+-])(\d\d):(\d\d)))?$/

/**
 * Parses a snapshot date into epoch milliseconds.
 *
 * @param text - `2026-11-21T10:00:00Z`, `2026-11-21t10:00:00.123456+01:00`, `2026-11-21`, …
 * @returns epoch milliseconds, or `undefined` when `text` is not a snapshot date (wrong shape, a
 *   day that does not exist, hours above 23, seconds above 59, an offset out of range).
 */
export const parseSnapshotDate: (text: unknown) => number | undefined = memo((text) => {
  const m = DATE_TIME.exec(text)
  if (!m) return undefined
  const [, y, mo, d, h = '00', mi = '00', s = '00', fraction = '', sign, oh = '0', om = '0'] = m as unknown as string[]
  // `setUTCFullYear` takes years 0–99 as they are (Date.UTC would read 1900–1999).
  const date = new Date(0)
  date.setUTCFullYear(+y!, +mo! - 1, +d!)
  const ms = date.setUTCHours(+h, +mi, +s, +(fraction + '00').slice(0, 3))
  // A field out of range rolls the date over (`02-30` into March, `24:00` into the next day):
  // it is valid when it reads back as written.
  return date.toISOString().slice(5, 19) == `${mo}-${d}T${h}:${mi}:${s}` && +oh < 24 && +om < 60
    ? ms - (sign == '-' ? -1 : 1) * (+oh * 60 + +om) * 60_000
    : undefined
})
