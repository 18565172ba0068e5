/**
 * Snapshot dates (SPEC §1): RFC 3339 date-times with an offset, or `YYYY-MM-DD` at midnight UTC.
 * Parsed by hand rather than with `Date.parse`, whose accepted formats differ between engines and
 * which silently rolls `2025-02-30` over into March.
 */

const DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})(?:[Tt](\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?(?:([Zz])|([+-])(\d{2}):(\d{2})))?$/

const MS_PER_DAY = 86_400_000

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31
}

// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm); avoids
// `Date.UTC`, which maps years 0–99 to 1900–1999.
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year
  const era = Math.floor(y / 400)
  const yoe = y - era * 400
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy
  return era * 146_097 + doe - 719_468
}

/**
 * Parses a snapshot date into epoch milliseconds.
 *
 * @param text - `2026-11-21T10:00:00Z`, `2026-11-21t10:00:00.123456+01:00`, `2026-11-21`, …
 * @returns epoch milliseconds, or `undefined` when `text` is not a snapshot date (wrong shape, a
 *   day that does not exist, hours above 23, seconds above 59, an offset out of range).
 */
export function parseSnapshotDate(text: unknown): number | undefined {
  // No length cap: a fraction may have any length (SPEC §1), and the pattern is linear (anchored,
  // no nested or overlapping repetition).
  if (typeof text !== 'string') return undefined
  const m = DATE_TIME.exec(text)
  if (m === null) return undefined
  const year = Number(m[1])
  const month = Number(m[2])
  const day = Number(m[3])
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined
  let ms = daysFromCivil(year, month, day) * MS_PER_DAY
  if (m[4] === undefined) return ms
  const hours = Number(m[4])
  const minutes = Number(m[5])
  const seconds = Number(m[6])
  if (hours > 23 || minutes > 59 || seconds > 59) return undefined
  // A fraction of any length is cut (not rounded) to milliseconds.
  const fraction = m[7] === undefined ? 0 : Number((m[7] + '00').slice(0, 3))
  ms += ((hours * 60 + minutes) * 60 + seconds) * 1000 + fraction
  if (m[8] === undefined) {
    const offsetHours = Number(m[10])
    const offsetMinutes = Number(m[11])
    if (offsetHours > 23 || offsetMinutes > 59) return undefined
    const offset = (offsetHours * 60 + offsetMinutes) * 60_000
    ms -= m[9] === '-' ? -offset : offset
  }
  return ms
}
