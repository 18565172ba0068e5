import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { parseSnapshotDate } from './dates'

describe('parseSnapshotDate', () => {
  it.each([
    ['2026-11-21T10:00:00Z', Date.UTC(2026, 10, 21, 10)],
    ['2026-11-21t10:00:00z', Date.UTC(2026, 10, 21, 10)],
    ['2026-11-21', Date.UTC(2026, 10, 21)],
    ['2026-11-21T10:00:00+02:00', Date.UTC(2026, 10, 21, 8)],
    ['2026-11-21T10:00:00-00:30', Date.UTC(2026, 10, 21, 10, 30)],
    ['2025-02-28T23:59:59.999+00:00', Date.UTC(2025, 1, 28, 23, 59, 59, 999)],
    ['2026-01-01T00:00:00.1Z', Date.UTC(2026, 0, 1, 0, 0, 0, 100)],
    ['2026-01-01T00:00:00.123999999Z', Date.UTC(2026, 0, 1, 0, 0, 0, 123)],
    ['2024-02-29', Date.UTC(2024, 1, 29)],
    ['2000-02-29', Date.UTC(2000, 1, 29)],
    ['0050-01-01', -60589296000000],
  ])('reads %s', (text, ms) => {
    expect(parseSnapshotDate(text)).toBe(ms)
  })

  it.each([
    '2025-02-29',
    '1900-02-29',
    '2026-04-31',
    '2026-13-01',
    '2026-00-10',
    '2026-11-21T24:00:00Z',
    '2026-11-21T10:60:00Z',
    '2026-11-21T10:00:60Z',
    '2026-11-21T10:00:00',
    '2026-11-21 10:00:00Z',
    '2026-11-21T10:00Z',
    '2026-11-21T10:00:00+2:00',
    '2026-11-21T10:00:00+24:00',
    '2026-11-21T10:00:00.Z',
    '26-11-21',
    '',
    ' 2026-11-21',
  ])('rejects %s', (text) => {
    expect(parseSnapshotDate(text)).toBeUndefined()
  })

  it('reads a date-time exactly when every field is in range, at the instant it names', () => {
    const pad = (n: number, width = 2): string => String(n).padStart(width, '0')
    const days = (y: number, m: number): number => new Date(Date.UTC(2000, m, 0)).getUTCDate() - (m == 2 && (y % 4 || (!(y % 100) && y % 400)) ? 1 : 0)
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 9999 }),
        fc.integer({ min: 0, max: 13 }),
        fc.integer({ min: 0, max: 32 }),
        fc.integer({ min: 0, max: 24 }),
        fc.integer({ min: 0, max: 60 }),
        fc.integer({ min: 0, max: 60 }),
        fc.integer({ min: -25 * 60, max: 25 * 60 }),
        (y, m, d, h, mi, s, offset) => {
          const sign = offset < 0 ? '-' : '+'
          const text = `${pad(y, 4)}-${pad(m)}-${pad(d)}T${pad(h)}:${pad(mi)}:${pad(s)}${sign}${pad(Math.floor(Math.abs(offset) / 60))}:${pad(Math.abs(offset) % 60)}`
          const valid = m >= 1 && m <= 12 && d >= 1 && d <= days(y, m) && h < 24 && mi < 60 && s < 60 && Math.abs(offset) < 24 * 60
          const utc = new Date(0)
          utc.setUTCFullYear(y, m - 1, d)
          utc.setUTCHours(h, mi - offset, s, 0)
          expect(parseSnapshotDate(text), text).toBe(valid ? utc.getTime() : undefined)
        },
      ),
      { numRuns: 3000 },
    )
  })

  it('rejects what is not a string', () => {
    for (const value of [0, null, undefined, new Date(), ['2026-01-01']]) expect(parseSnapshotDate(value)).toBeUndefined()
  })
})

describe('parseSnapshotDate: a fraction of any length (SPEC §1)', () => {
  it('cuts a 100-digit fraction to milliseconds', () => {
    expect(parseSnapshotDate(`2026-11-21T10:00:00.${'9'.repeat(100)}Z`)).toBe(Date.UTC(2026, 10, 21, 10, 0, 0, 999))
    expect(parseSnapshotDate(`2026-11-21t10:00:00.123${'4'.repeat(5000)}+01:00`)).toBe(Date.UTC(2026, 10, 21, 9, 0, 0, 123))
  })

  it('reads a long-fraction date as a before/after operand and attribute', async () => {
    const { evaluate } = await import('./evaluate')
    const long = `2026-01-01T00:00:00.${'0'.repeat(80)}Z`
    const snapshot = {
      schemaVersion: 1,
      revision: 'r',
      environment: 'e',
      flags: {
        f: {
          type: 'boolean',
          enabled: true,
          variations: { on: true, off: false },
          offVariation: 'off',
          rules: [{ id: 'r', conditions: [{ attribute: 'd', op: 'after', values: [long] }], serve: { variation: 'on' } }],
          fallthrough: { variation: 'off' },
        },
      },
    }
    expect(evaluate(snapshot, 'f', { d: `2026-01-02T00:00:00.${'5'.repeat(80)}Z` }).reason).toBe('TARGETING_MATCH')
  })
})
