/** The pure pieces: shortcut parsing, input parsing, filtering, the bounded log. */
import { describe, expect, it } from 'vitest'
import type { ActivityEntry, EvaluationResult, FlagInfo } from '@vexil/core'
import { createActivityLog } from '../activityLog'
import { flagRows } from '../flagRows'
import { formatValue } from '../formatValue'
import { parseContext } from '../parseContext'
import { parseOverrideInput } from '../parseOverrideInput'
import { matchesShortcut, parseShortcut } from '../shortcut'

const key = (k: Partial<{ ctrlKey: boolean; altKey: boolean; shiftKey: boolean; metaKey: boolean }> & { key: string; code: string }) => ({
  ctrlKey: false,
  altKey: false,
  shiftKey: false,
  metaKey: false,
  ...k,
})

describe('shortcuts', () => {
  it('parses modifiers in any case and order', () => {
    expect(parseShortcut('alt+SHIFT+v')).toEqual({ ctrl: false, alt: true, shift: true, meta: false, key: 'KeyV' })
    expect(parseShortcut('Cmd+Option+1')).toEqual({ ctrl: false, alt: true, shift: false, meta: true, key: 'Digit1' })
    expect(parseShortcut('Ctrl++')).toEqual({ ctrl: true, alt: false, shift: false, meta: false, key: '+' })
    expect(parseShortcut('F2')?.key).toBe('f2')
  })

  it('refuses text without exactly one key', () => {
    expect(parseShortcut('Ctrl+Shift')).toBeUndefined()
    expect(parseShortcut('A+B')).toBeUndefined()
    expect(parseShortcut('')).toBeUndefined()
  })

  it('matches letters on the physical key, whatever character Alt produced', () => {
    const s = parseShortcut('Alt+Shift+V')!
    expect(matchesShortcut(s, key({ key: '◊', code: 'KeyV', altKey: true, shiftKey: true }))).toBe(true)
    expect(matchesShortcut(s, key({ key: 'V', code: 'KeyV', altKey: true, shiftKey: true, ctrlKey: true }))).toBe(false)
    expect(matchesShortcut(s, key({ key: 'V', code: 'KeyV', shiftKey: true }))).toBe(false)
    expect(matchesShortcut(s, key({ key: 'b', code: 'KeyB', altKey: true, shiftKey: true }))).toBe(false)
    expect(matchesShortcut(parseShortcut('F2')!, key({ key: 'F2', code: 'F2' }))).toBe(true)
  })
})

describe('parseOverrideInput', () => {
  it.each([
    ['number', '12.5', 12.5],
    ['number', ' -1e3 ', -1000],
    ['string', '  as typed ', '  as typed '],
    ['boolean', 'true', true],
    ['json', '{"a":[1,null]}', { a: [1, null] }],
    ['json', '"text"', 'text'],
  ] as const)('reads a %s from %j', (type, text, value) => {
    expect(parseOverrideInput(type, text)).toEqual({ ok: true, value })
  })

  it.each([
    ['number', ''],
    ['number', 'abc'],
    ['number', '0x10'],
    ['number', 'Infinity'],
    ['number', '1e999'],
    ['boolean', 'yes'],
    ['json', '{a: 1}'],
    ['json', ''],
  ] as const)('refuses a %s from %j', (type, text) => {
    const r = parseOverrideInput(type, text)
    expect(r.ok).toBe(false)
    expect(!r.ok && r.error.length).toBeGreaterThan(0)
  })
})

describe('parseContext', () => {
  it('accepts a JSON object with string identities', () => {
    expect(parseContext('{"userId":"u-1","plan":{"tier":"pro"}}')).toEqual({ ok: true, context: { userId: 'u-1', plan: { tier: 'pro' } } })
    expect(parseContext('{}')).toEqual({ ok: true, context: {} })
  })

  it.each(['', 'null', '[]', '"u-1"', '{"deviceId": 1}', '{"userId": null}'])('refuses %j', (text) => {
    expect(parseContext(text).ok).toBe(false)
  })
})

describe('flagRows', () => {
  const flags: FlagInfo[] = [
    { key: 'a-flag', type: 'boolean', variations: {}, tags: ['Checkout'] },
    { key: 'b-flag', type: 'string', variations: {} },
    { key: 'checkout-copy', type: 'string', variations: {} },
  ]
  const results = { 'a-flag': { flagKey: 'a-flag', value: true, reason: 'DEFAULT', inExperiment: false } } as Record<string, EvaluationResult>

  it('keeps snapshot order and joins results and overrides', () => {
    const rows = flagRows(flags, results, { 'b-flag': { value: 'x' } }, { query: '', overriddenOnly: false })
    expect(rows.map((r) => r.info.key)).toEqual(['a-flag', 'b-flag', 'checkout-copy'])
    expect(rows[0]!.result).toBe(results['a-flag'])
    expect(rows[1]!.override).toEqual({ value: 'x' })
  })

  it('matches the query against keys and tags, and the overridden filter', () => {
    expect(flagRows(flags, results, {}, { query: ' checkout ', overriddenOnly: false }).map((r) => r.info.key)).toEqual(['a-flag', 'checkout-copy'])
    expect(flagRows(flags, results, { 'b-flag': { value: 'x' } }, { query: '', overriddenOnly: true }).map((r) => r.info.key)).toEqual(['b-flag'])
  })
})

describe('activity log', () => {
  const entry = (id: string): ActivityEntry => ({ kind: 'queued', at: 1, event: { type: 'conversion', id, timestamp: '', event: 'e' } })

  it('keeps the newest entries first, up to its bound, and notifies on change only', () => {
    const log = createActivityLog(2)
    let calls = 0
    log.subscribe(() => calls++)
    log.clear()
    expect(calls).toBe(0)
    const first = log.get()
    log.push(entry('1'))
    log.push(entry('2'))
    log.push(entry('3'))
    expect(log.get().map((e) => e.event.id)).toEqual(['3', '2'])
    expect(new Set(log.get().map((e) => e.seq)).size).toBe(2)
    expect(log.get()).not.toBe(first)
    expect(calls).toBe(3)
    log.clear()
    expect(log.get()).toEqual([])
  })
})

describe('formatValue', () => {
  it('shows JSON and cuts long values', () => {
    expect(formatValue('on')).toBe('"on"')
    expect(formatValue(1)).toBe('1')
    expect(formatValue({ a: 1 })).toBe('{"a":1}')
    expect(formatValue('x'.repeat(100), 10)).toBe('"xxxxxxxx…')
    expect(formatValue(undefined)).toBe('undefined')
  })
})
