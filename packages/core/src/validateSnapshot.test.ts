import { describe, expect, it } from 'vitest'
import { evaluate } from './evaluate'
import { validateSnapshot } from './validateSnapshot'
import type { ValidationError } from './types'
import * as Code from './problemCodes'
import { explain, MESSAGES } from './validationMessages'
import { compileSnapshot } from './compileSnapshot'

type Json = Record<string, unknown>

/** A snapshot exercising every field, valid as written. */
function base(): Json {
  return {
    schemaVersion: 1,
    revision: '42',
    environment: 'production',
    segments: {
      beta: { include: ['u-1'], exclude: ['u-9'], bucketBy: 'userId', conditions: [{ attribute: 'plan', op: 'in', values: ['pro'] }] },
    },
    flags: {
      'payments-v2': {
        type: 'boolean',
        enabled: true,
        variations: { on: true, off: false },
        offVariation: 'off',
        fallthrough: { variation: 'on' },
      },
      'new-checkout': {
        type: 'boolean',
        enabled: true,
        variations: { on: true, off: false },
        offVariation: 'off',
        salt: 'nc',
        bucketBy: 'userId',
        sticky: true,
        schedule: { start: '2026-01-01', end: '2027-01-01T00:00:00Z' },
        prerequisites: [{ flag: 'payments-v2', variations: ['on'] }],
        rules: [
          {
            id: 'eu',
            conditions: [
              { attribute: 'country', op: 'in', values: ['DE', 'FR'] },
              { segment: 'beta', negate: true },
              { attribute: 'email', op: 'matches', values: ['@acme\\.com$'] },
              { attribute: 'age', op: 'gte', values: [18] },
              { attribute: 'signup', op: 'before', values: ['2026-06-01'] },
              { attribute: 'app', op: 'semverGte', values: ['v1.2.3'] },
              { attribute: 'beta', op: 'exists' },
            ],
            rollout: 30,
            serve: { variation: 'on' },
          },
          {
            id: 'test',
            rollout: { from: 0, to: 100, start: '2026-11-01', end: '2026-12-01' },
            serve: { split: [{ variation: 'off', weight: 33.334 }, { variation: 'on', weight: 66.666 }] },
            experiment: 'checkout-redesign',
          },
        ],
        fallthrough: { split: [{ variation: 'off', weight: 50 }, { variation: 'on', weight: 50 }], experiment: 'ft-exp' },
        clientSide: false,
        description: 'The new checkout',
        tags: ['checkout'],
      },
    },
  }
}

/** Applies `edit` to a fresh base snapshot and returns the validation errors. */
function errorsAfter(edit: (s: Json, flag: Json) => void): ValidationError[] {
  const snapshot = base()
  edit(snapshot, (snapshot['flags'] as Record<string, Json>)['new-checkout'] as Json)
  const result = validateSnapshot(snapshot)
  return result.errors
}

const rule = (flag: Json, i: number): Json => (flag['rules'] as Json[])[i] as Json
const condition = (flag: Json, i: number): Json => (rule(flag, 0)['conditions'] as Json[])[i] as Json

describe('validateSnapshot', () => {
  it('accepts a snapshot that uses every field', () => {
    const result = validateSnapshot(base())
    expect(result.errors).toEqual([])
    expect(result).toMatchObject({ ok: true, usable: true })
  })

  it('is cached per snapshot object and never throws on non-objects', () => {
    const snapshot = base()
    expect(validateSnapshot(snapshot).ok).toBe(true)
    for (const input of [null, undefined, 42, 'nope', [], true]) {
      const result = validateSnapshot(input)
      expect(result.ok).toBe(false)
      expect(result.usable).toBe(false)
      expect(result.errors[0]?.message).toMatch(/JSON object/)
    }
  })

  describe('top-level errors reject the snapshot', () => {
    const cases: Array<[string, (s: Json) => void, string, RegExp]> = [
      ['unknown schemaVersion', (s) => (s['schemaVersion'] = 2), 'schemaVersion', /version 1/],
      ['empty revision', (s) => (s['revision'] = ''), 'revision', /non-empty string/],
      ['missing environment', (s) => delete s['environment'], 'environment', /non-empty string/],
      ['flags as an array', (s) => (s['flags'] = []), 'flags', /"flags" must be a JSON object/],
      ['segments as null', (s) => (s['segments'] = null), 'segments', /"segments" must be a JSON object/],
    ]
    it.each(cases)('%s', (_, edit, path, message) => {
      const snapshot = base()
      edit(snapshot)
      const result = validateSnapshot(snapshot)
      expect(result.usable).toBe(false)
      expect(result.errors).toContainEqual({ path, message: expect.stringMatching(message) })
      expect(evaluate(snapshot, 'payments-v2', {}, { default: 'd' })).toMatchObject({ reason: 'ERROR', errorCode: 'INVALID_SNAPSHOT', value: 'd' })
    })
  })

  describe('flag-level errors mark only that flag invalid', () => {
    const P = 'flags.new-checkout'
    const cases: Array<[string, (s: Json, f: Json) => void, string, RegExp]> = [
      ['a bad flag key', (s) => ((s['flags'] as Json)['bad key!'] = (s['flags'] as Json)['payments-v2']), 'flags["bad key!"]', /flag key must be/],
      ['a flag that is not an object', (s) => ((s['flags'] as Json)['x'] = 3), 'flags.x', /must be an object/],
      ['an unknown type', (_, f) => (f['type'] = 'date'), `${P}.type`, /"boolean", "string", "number" or "json"/],
      ['a missing enabled', (_, f) => delete f['enabled'], `${P}.enabled`, /true or false/],
      ['no variations', (_, f) => (f['variations'] = {}), `${P}.variations`, /at least one variation/],
      ['a bad variation key', (_, f) => (f['variations'] = { on: true, off: false, 'no way': true }), `${P}.variations["no way"]`, /variation key must be/],
      ['a value of the wrong type', (_, f) => (f['variations'] = { on: 'yes', off: false }), `${P}.variations.on`, /is not a boolean/],
      ['an offVariation that does not exist', (_, f) => (f['offVariation'] = 'nope'), `${P}.offVariation`, /key of "variations"/],
      ['an empty salt', (_, f) => (f['salt'] = ''), `${P}.salt`, /non-empty string/],
      ['an empty bucketBy', (_, f) => (f['bucketBy'] = ''), `${P}.bucketBy`, /non-empty string/],
      ['a non-boolean sticky', (_, f) => (f['sticky'] = 'yes'), `${P}.sticky`, /true or false/],
      ['tags that are not strings', (_, f) => (f['tags'] = [1]), `${P}.tags`, /array of strings/],
      ['tags that are a string, not an array', (_, f) => (f['tags'] = ''), `${P}.tags`, /array of strings/],
      ['tags that are an array-like object', (_, f) => (f['tags'] = { length: 0 }), `${P}.tags`, /array of strings/],
      ['a bad schedule date', (_, f) => (f['schedule'] = { start: '2026-02-30' }), `${P}.schedule.start`, /must be a date/],
      ['a schedule ending before it starts', (_, f) => (f['schedule'] = { start: '2026-02-02', end: '2026-02-01' }), `${P}.schedule`, /before "end"/],
      ['a missing fallthrough', (_, f) => delete f['fallthrough'], `${P}.fallthrough`, /needs "fallthrough"/],
      ['a rule without id', (_, f) => delete rule(f, 0)['id'], `${P}.rules[0].id`, /rule id must be/],
      ['a duplicate rule id', (_, f) => (rule(f, 1)['id'] = 'eu'), `${P}.rules[1].id`, /used twice/],
      ['a rule without serve', (_, f) => delete rule(f, 0)['serve'], `${P}.rules[0].serve`, /needs "serve"/],
      ['a serve with both forms', (_, f) => (rule(f, 0)['serve'] = { variation: 'on', split: [] }), `${P}.rules[0].serve`, /not both/],
      ['a served variation that does not exist', (_, f) => (rule(f, 0)['serve'] = { variation: 'maybe' }), `${P}.rules[0].serve.variation`, /not in "variations"/],
      ['an empty split', (_, f) => (f['fallthrough'] = { split: [] }), `${P}.fallthrough.split`, /non-empty array/],
      ['weights that do not add to 100', (_, f) => (f['fallthrough'] = { split: [{ variation: 'on', weight: 50 }, { variation: 'off', weight: 40 }] }), `${P}.fallthrough.split`, /add up to 90; make them add up to 100/],
      ['a weight with four decimals', (_, f) => (f['fallthrough'] = { split: [{ variation: 'on', weight: 50.0005 }, { variation: 'off', weight: 49.9995 }] }), `${P}.fallthrough.split[0].weight`, /three decimals/],
      ['a split variation that does not exist', (_, f) => (f['fallthrough'] = { split: [{ variation: 'x', weight: 100 }] }), `${P}.fallthrough.split[0].variation`, /not in "variations"/],
      ['experiment on a fixed serve', (_, f) => (rule(f, 0)['experiment'] = 'e'), `${P}.rules[0].experiment`, /only where a split is served/],
      ['experiment on a fixed fallthrough', (_, f) => (f['fallthrough'] = { variation: 'on', experiment: 'e' }), `${P}.fallthrough.experiment`, /only where a split is served/],
      ['a rollout above 100', (_, f) => (rule(f, 0)['rollout'] = 100.5), `${P}.rules[0].rollout`, /0 to 100/],
      ['a progressive rollout ending at its start', (_, f) => (rule(f, 1)['rollout'] = { from: 0, to: 50, start: '2026-11-01', end: '2026-11-01' }), `${P}.rules[1].rollout`, /"end" must be after "start"/],
      ['a progressive rollout missing a bound', (_, f) => (rule(f, 1)['rollout'] = { from: 0, to: 50, start: '2026-11-01' }), `${P}.rules[1].rollout.end`, /needs a date/],
      ['an unknown operator', (_, f) => (condition(f, 0)['op'] = 'likes'), `${P}.rules[0].conditions[0].op`, /unknown operator "likes"; use one of in, notIn/],
      ['an empty attribute', (_, f) => (condition(f, 0)['attribute'] = ''), `${P}.rules[0].conditions[0].attribute`, /non-empty string/],
      ['segment and attribute together', (_, f) => (condition(f, 1)['attribute'] = 'plan'), `${P}.rules[0].conditions[1]`, /not both/],
      ['a missing segment', (_, f) => (condition(f, 1)['segment'] = 'nowhere'), `${P}.rules[0].conditions[1].segment`, /does not exist/],
      ['an invalid segment', (s) => ((s['segments'] as Record<string, Json>)['beta'] = { conditions: [{ attribute: 'plan', op: 'isAbout', values: ['x'] }] }), `${P}.rules[0].conditions[1].segment`, /segment "beta" is invalid/],
      ['a non-boolean negate', (_, f) => (condition(f, 1)['negate'] = 'yes'), `${P}.rules[0].conditions[1].negate`, /true or false/],
      ['empty values', (_, f) => (condition(f, 0)['values'] = []), `${P}.rules[0].conditions[0].values`, /non-empty array/],
      ['null among in values', (_, f) => (condition(f, 0)['values'] = ['DE', null]), `${P}.rules[0].conditions[0].values[1]`, /string, a finite number or a boolean/],
      ['a bad regular expression', (_, f) => (condition(f, 2)['values'] = ['(unclosed']), `${P}.rules[0].conditions[2].values[0]`, /not a valid regular expression/],
      ['a pattern longer than 256', (_, f) => (condition(f, 2)['values'] = ['a'.repeat(257)]), `${P}.rules[0].conditions[2].values[0]`, /shorten it to 256/],
      ['a string bound for gte', (_, f) => (condition(f, 3)['values'] = ['18']), `${P}.rules[0].conditions[3].values[0]`, /finite number/],
      ['a date that does not exist', (_, f) => (condition(f, 4)['values'] = ['2025-02-29']), `${P}.rules[0].conditions[4].values[0]`, /needs a date/],
      ['a bad version', (_, f) => (condition(f, 5)['values'] = ['1.2']), `${P}.rules[0].conditions[5].values[0]`, /SemVer/],
      ['a missing prerequisite flag', (_, f) => (f['prerequisites'] = [{ flag: 'ghost', variations: ['on'] }]), `${P}.prerequisites[0].flag`, /"ghost" does not exist/],
      ['a missing prerequisite variation', (_, f) => (f['prerequisites'] = [{ flag: 'payments-v2', variations: ['maybe'] }]), `${P}.prerequisites[0].variations`, /"maybe" is not a variation of flag "payments-v2"/],
      ['a prerequisite cycle', (s) => (((s['flags'] as Record<string, Json>)['payments-v2'] as Json)['prerequisites'] = [{ flag: 'new-checkout', variations: ['on'] }]), `${P}.prerequisites[0].flag`, /prerequisite cycle/],
    ]
    it.each(cases)('%s', (_, edit, path, message) => {
      const errors = errorsAfter(edit)
      expect(errors).toContainEqual({ path, message: expect.stringMatching(message) })
      for (const e of errors) expect(e.message.length).toBeGreaterThan(10)
    })

    it('keeps the rest of the snapshot usable and lists the invalid flags', () => {
      const snapshot = base()
      ;((snapshot['flags'] as Record<string, Json>)['new-checkout'] as Json)['type'] = 'date'
      const result = validateSnapshot(snapshot)
      expect(result).toMatchObject({ ok: false, usable: true, invalidFlags: ['new-checkout'] })
      expect(evaluate(snapshot, 'new-checkout', {}, { default: 1 })).toMatchObject({ reason: 'ERROR', errorCode: 'INVALID_FLAG', value: 1 })
      expect(evaluate(snapshot, 'payments-v2', {})).toMatchObject({ reason: 'DEFAULT', value: true })
    })

    it('marks both flags of a cycle invalid, but not a flag that depends on the cycle', () => {
      const snapshot = base()
      const flags = snapshot['flags'] as Record<string, Json>
      ;(flags['payments-v2'] as Json)['prerequisites'] = [{ flag: 'new-checkout', variations: ['on'] }]
      flags['dependant'] = { ...(flags['payments-v2'] as Json), prerequisites: [{ flag: 'payments-v2', variations: ['on'] }] }
      const result = validateSnapshot(snapshot)
      expect(result.invalidFlags).toEqual(['payments-v2', 'new-checkout'])
      expect(evaluate(snapshot, 'dependant', {})).toMatchObject({ reason: 'PREREQUISITE_FAILED', prerequisite: 'payments-v2' })
    })

    it('walks a 10,000-flag prerequisite chain without overflowing, and marks every flag of it once it closes', () => {
      // Each flag requires the next one, so the cycle walk goes 10,000 flags deep from the first.
      const flags: Record<string, Json> = {}
      const flag = (next: number): Json => ({
        type: 'boolean',
        enabled: true,
        variations: { on: true, off: false },
        offVariation: 'off',
        fallthrough: { variation: 'on' },
        prerequisites: [{ flag: `c${next}`, variations: ['on'] }],
      })
      for (let i = 0; i < 10_000; i++) flags[`c${i}`] = flag(i + 1)
      delete flags['c9999']?.['prerequisites']
      const open = validateSnapshot({ ...base(), segments: {}, flags })
      expect(open.errors).toEqual([])
      const ring = validateSnapshot({ ...base(), segments: {}, flags: { ...flags, c9999: flag(0), outside: flag(5) } })
      expect(ring.invalidFlags).toHaveLength(10_000)
      expect(ring.invalidFlags).not.toContain('outside')
      expect(ring.errors[0]).toEqual({ path: 'flags.c0.prerequisites[0].flag', message: expect.stringMatching(/prerequisite cycle/) })
    })

    it('reports an unused invalid segment without invalidating any flag', () => {
      const snapshot = base()
      ;(snapshot['segments'] as Json)['unused'] = { include: 'u-1' }
      const result = validateSnapshot(snapshot)
      expect(result).toMatchObject({ ok: false, usable: true, invalidFlags: [] })
      expect(result.errors).toEqual([{ path: 'segments.unused.include', message: expect.stringMatching(/array of strings/) }])
    })

    it('rejects a segment condition inside a segment', () => {
      const snapshot = base()
      ;(snapshot['segments'] as Json)['nested'] = { conditions: [{ segment: 'beta' }] }
      const result = validateSnapshot(snapshot)
      expect(result.errors).toContainEqual({ path: 'segments.nested.conditions[0].segment', message: expect.stringMatching(/cannot name segments/) })
    })
  })

  it('ignores unknown fields everywhere', () => {
    const snapshot = base()
    snapshot['extra'] = { anything: true }
    const flag = (snapshot['flags'] as Record<string, Json>)['new-checkout'] as Json
    flag['owner'] = 'team-a'
    rule(flag, 0)['note'] = 'hi'
    expect(validateSnapshot(snapshot).ok).toBe(true)
  })

  it('reports a snapshot whose getters throw instead of throwing', () => {
    const snapshot = base()
    Object.defineProperty(snapshot['flags'] as Json, 'trap', {
      enumerable: true,
      get() {
        throw new Error('boom')
      },
    })
    expect(() => validateSnapshot(snapshot)).not.toThrow()
    const result = validateSnapshot(snapshot)
    expect(result.usable).toBe(true)
    expect(result.invalidFlags).toEqual(['trap'])
  })

  it('keeps nothing of a snapshot rejected because it could not be read, not even its revision', () => {
    const snapshot = base()
    snapshot['flags'] = new Proxy({}, { ownKeys: () => { throw new Error('boom') } })
    const compiled = compileSnapshot(snapshot)
    expect(compiled.valid).toBe(false)
    expect([compiled.revision, compiled.environment, compiled.flags.size]).toEqual([undefined, undefined, 0])
    expect(validateSnapshot(snapshot)).toMatchObject({ ok: false, errors: [{ path: '', message: expect.stringMatching(/boom/) }] })
  })

  it('has a message for every problem code the checks can record', () => {
    // The checks record codes and validateSnapshot words them: a code without words would throw.
    const codes = Object.values(Code)
    expect(new Set(codes).size).toBe(codes.length)
    for (const code of codes) expect(typeof MESSAGES[code], `code ${code}`).toBe('function')
    expect(Object.keys(MESSAGES)).toHaveLength(codes.length)
  })

  it("words a compiled flag's problems as validateSnapshot does, for tools that show one flag", () => {
    const snapshot = base()
    const flag = (snapshot['flags'] as Record<string, Json>)['new-checkout'] as Json
    flag['type'] = 'date'
    rule(flag, 0)['serve'] = { variation: 'maybe' }
    const compiled = compileSnapshot(snapshot).flags.get('new-checkout')
    // The client keeps paths and codes only; the words come from the message table.
    expect(compiled?.errors.map((e) => e.path)).toEqual(['flags.new-checkout.type', 'flags.new-checkout.rules[0].serve.variation'])
    expect(explain(compiled?.issues ?? [])).toEqual(validateSnapshot(snapshot).errors)
  })

  it('keeps its problems apart from those of a snapshot that one of its getters validates meanwhile', () => {
    const other = base()
    ;((other['flags'] as Record<string, Json>)['payments-v2'] as Json)['type'] = 'date'
    const snapshot = base()
    const flags = snapshot['flags'] as Record<string, Json>
    // `enabled` is reported before `description` is read, and reading it validates `other`.
    flags['broken'] = { ...(flags['payments-v2'] as Json), enabled: 'yes' }
    Object.defineProperty(flags['broken'], 'description', { enumerable: true, get: () => (validateSnapshot(other), 'd') })
    const result = validateSnapshot(snapshot)
    expect(result.invalidFlags).toEqual(['broken'])
    expect(result.errors).toEqual([{ path: 'flags.broken.enabled', message: expect.stringMatching(/true or false/) }])
    expect(validateSnapshot(other).invalidFlags).toEqual(['payments-v2'])
  })
})
