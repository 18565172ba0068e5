import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { evaluate } from './evaluate'
import { readUnit } from './conditions'

/** Evaluates one condition through a one-rule flag: true when the rule matched. */
function matches(condition: Record<string, unknown>, context: unknown, segments?: Record<string, unknown>): boolean {
  const snapshot = {
    schemaVersion: 1,
    revision: 'r',
    environment: 'e',
    ...(segments === undefined ? {} : { segments }),
    flags: {
      f: {
        type: 'boolean',
        enabled: true,
        variations: { on: true, off: false },
        offVariation: 'off',
        rules: [{ id: 'r', conditions: [condition], serve: { variation: 'on' } }],
        fallthrough: { variation: 'off' },
      },
    },
  }
  const result = evaluate(snapshot, 'f', context)
  if (result.reason === 'ERROR') throw new Error(`invalid test condition: ${JSON.stringify(condition)}`)
  return result.reason === 'TARGETING_MATCH'
}

describe('operators', () => {
  it.each<[string, Record<string, unknown>, unknown, boolean]>([
    ['in, strict equality', { op: 'in', values: ['5'] }, 5, false],
    ['in, number', { op: 'in', values: [5, true] }, 5, true],
    ['in, boolean', { op: 'in', values: [5, true] }, true, true],
    ['notIn, absent from values', { op: 'notIn', values: ['a'] }, 'b', true],
    ['notIn, in values', { op: 'notIn', values: ['a'] }, 'a', false],
    ['notIn, an object is the wrong type', { op: 'notIn', values: ['a'] }, { x: 1 }, false],
    ['contains', { op: 'contains', values: ['x', 'ell'] }, 'hello', true],
    ['contains is case-sensitive', { op: 'contains', values: ['ELL'] }, 'hello', false],
    ['contains "" matches every string', { op: 'contains', values: [''] }, '', true],
    ['startsWith', { op: 'startsWith', values: ['he'] }, 'hello', true],
    ['endsWith', { op: 'endsWith', values: ['lo'] }, 'hello', true],
    ['endsWith, not a string', { op: 'endsWith', values: ['5'] }, 15, false],
    ['matches, unanchored', { op: 'matches', values: ['l+o'] }, 'hello', true],
    ['matches, no flags', { op: 'matches', values: ['^HELLO$'] }, 'hello', false],
    ['matches, 1,024 code units', { op: 'matches', values: ['a$'] }, 'a'.repeat(1024), true],
    ['matches, over 1,024 code units never', { op: 'matches', values: ['a'] }, 'a'.repeat(1025), false],
    ['matches, a catastrophic pattern on a long string returns at once', { op: 'matches', values: ['(a+)+$'] }, `${'a'.repeat(5000)}!`, false],
    ['gt, number', { op: 'gt', values: [5] }, 6, true],
    ['gt, numeric string', { op: 'gt', values: [5] }, ' +6.5e0 ', true],
    ['gte, equal', { op: 'gte', values: [5] }, 5, true],
    ['lt, ".5"', { op: 'lt', values: [1] }, '.5', true],
    ['lte, hex is not numeric', { op: 'lte', values: [100] }, '0x10', false],
    ['lt, empty string is not 0', { op: 'lt', values: [1] }, '', false],
    ['gt, overflow is not finite', { op: 'gt', values: [1] }, '1e999', false],
    ['gt, boolean', { op: 'gt', values: [0] }, true, false],
    ['before, date-time', { op: 'before', values: ['2026-01-01'] }, '2025-12-31T23:59:59.999Z', true],
    ['before, epoch ms', { op: 'before', values: ['2026-01-01'] }, Date.UTC(2025, 0, 1), true],
    ['after, date without offset is no date', { op: 'after', values: ['2020-01-01'] }, '2026-01-01T00:00:00', false],
    ['after, equal is not after', { op: 'after', values: ['2026-01-01'] }, '2026-01-01T00:00:00Z', false],
    ['semverEq ignores build', { op: 'semverEq', values: ['1.2.3'] }, 'v1.2.3+b7', true],
    ['semverGt, pre-release below release', { op: 'semverGt', values: ['2.0.0-rc.1'] }, '2.0.0', true],
    ['semverGte', { op: 'semverGte', values: ['2.0.0'] }, '2.0.0-rc.1', false],
    ['semverLt', { op: 'semverLt', values: ['10.0.0'] }, '9.99.99', true],
    ['semverLte, not strict semver', { op: 'semverLte', values: ['10.0.0'] }, '1.2', false],
    ['exists, present', { op: 'exists' }, 0, true],
    ['exists, empty array', { op: 'exists' }, [], true],
    ['exists, null', { op: 'exists' }, null, false],
  ])('%s', (_, condition, value, expected) => {
    expect(matches({ attribute: 'x', ...condition }, { x: value })).toBe(expected)
  })

  it('treats a missing or null attribute as false before negate, for every op', () => {
    expect(matches({ attribute: 'x', op: 'notIn', values: ['a'] }, {})).toBe(false)
    expect(matches({ attribute: 'x', op: 'exists' }, { x: null })).toBe(false)
    expect(matches({ attribute: 'x', op: 'in', values: ['a'], negate: true }, {})).toBe(true)
    expect(matches({ attribute: 'x', op: 'notIn', values: ['a'], negate: true }, { x: 'b' })).toBe(false)
  })

  it('matches an array when any non-null element matches; notIn when none is in values', () => {
    expect(matches({ attribute: 'roles', op: 'in', values: ['beta'] }, { roles: ['viewer', 'beta'] })).toBe(true)
    expect(matches({ attribute: 'roles', op: 'startsWith', values: ['adm'] }, { roles: [null, 'admin'] })).toBe(true)
    expect(matches({ attribute: 'roles', op: 'in', values: ['beta'] }, { roles: [null] })).toBe(false)
    expect(matches({ attribute: 'roles', op: 'notIn', values: ['admin'] }, { roles: ['viewer', 'admin'] })).toBe(false)
    expect(matches({ attribute: 'roles', op: 'notIn', values: ['admin'] }, { roles: [] })).toBe(true)
    expect(matches({ attribute: 'roles', op: 'gt', values: [3] }, { roles: ['1', 5] })).toBe(true)
    expect(matches({ attribute: 'roles', op: 'in', values: ['x'] }, { roles: new Array(200_000).fill('y').concat('x') })).toBe(true)
  })

  it('walks dotted paths through own properties of plain objects only', () => {
    expect(matches({ attribute: 'company.plan', op: 'in', values: ['pro'] }, { company: { plan: 'pro' } })).toBe(true)
    expect(matches({ attribute: 'company.plan', op: 'exists' }, { company: Object.create({ plan: 'pro' }) })).toBe(false)
    expect(matches({ attribute: 'company.plan', op: 'exists' }, { company: new Map([['plan', 'pro']]) })).toBe(false)
    expect(matches({ attribute: 'company.plan', op: 'exists' }, { company: ['pro'] })).toBe(false)
    expect(matches({ attribute: 'company.plan', op: 'exists' }, { company: { plan: undefined } })).toBe(false)
    expect(matches({ attribute: 'toString', op: 'exists' }, {})).toBe(false)
  })
})

describe('hostile contexts', () => {
  it('never reaches prototypes through __proto__, constructor or prototype', () => {
    const polluted = JSON.parse('{"__proto__": {"polluted": "yes"}, "constructor": {"prototype": {"x": 1}}}') as unknown
    expect(matches({ attribute: '__proto__.polluted', op: 'exists' }, polluted)).toBe(false)
    expect(matches({ attribute: 'constructor.prototype.x', op: 'exists' }, polluted)).toBe(false)
    expect(matches({ attribute: 'constructor', op: 'exists' }, {})).toBe(false)
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined()
  })

  it('treats a step that throws when read as missing', () => {
    const context = Object.defineProperty({}, 'plan', {
      enumerable: true,
      get() {
        throw new Error('boom')
      },
    })
    expect(matches({ attribute: 'plan', op: 'exists' }, context)).toBe(false)
    expect(matches({ attribute: 'plan', op: 'exists', negate: true }, context)).toBe(true)
    const trap = new Proxy({}, { getOwnPropertyDescriptor: () => { throw new Error('trap') }, has: () => { throw new Error('trap') } })
    expect(matches({ attribute: 'plan', op: 'exists' }, { nested: trap, plan: 'x' })).toBe(true)
    expect(matches({ attribute: 'nested.plan', op: 'exists' }, { nested: trap })).toBe(false)
    const badArray = new Proxy(['a'], { get: () => { throw new Error('element') } })
    expect(matches({ attribute: 'roles', op: 'in', values: ['a'] }, { roles: badArray })).toBe(false)
  })

  it('treats a context that is not a plain object as {}', () => {
    class User {
      plan = 'pro'
    }
    for (const context of [new User(), ['pro'], 'pro', null, undefined, 42, new Date()]) {
      expect(matches({ attribute: 'plan', op: 'exists' }, context)).toBe(false)
    }
    expect(matches({ attribute: 'plan', op: 'exists' }, Object.assign(Object.create(null), { plan: 'pro' }))).toBe(true)
  })
})

describe('segments', () => {
  const segments = {
    staff: { include: ['u-1'], exclude: ['u-2'], conditions: [{ attribute: 'email', op: 'endsWith', values: ['@acme.com'] }] },
    listed: { include: ['u-1'] },
    companies: { bucketBy: 'company.id', include: ['c-1', '7'] },
  }
  it('includes, then excludes, then applies conditions', () => {
    expect(matches({ segment: 'staff' }, { userId: 'u-1', email: 'x@y.z' }, segments)).toBe(true)
    expect(matches({ segment: 'staff' }, { userId: 'u-2', email: 'a@acme.com' }, segments)).toBe(false)
    expect(matches({ segment: 'staff' }, { userId: 'u-3', email: 'a@acme.com' }, segments)).toBe(true)
    expect(matches({ segment: 'staff' }, { email: 'a@acme.com' }, segments)).toBe(true)
    expect(matches({ segment: 'listed' }, { userId: 'u-3' }, segments)).toBe(false)
    expect(matches({ segment: 'listed', negate: true }, { userId: 'u-3' }, segments)).toBe(true)
  })
  it('reads the unit from the segment bucketBy, numbers as Number::toString', () => {
    expect(matches({ segment: 'companies' }, { company: { id: 'c-1' } }, segments)).toBe(true)
    expect(matches({ segment: 'companies' }, { company: { id: 7 } }, segments)).toBe(true)
    expect(matches({ segment: 'companies' }, { company: { id: '' } }, segments)).toBe(false)
  })
})

describe('readUnit', () => {
  it('reads a non-empty string or a finite number; anything else is missing', () => {
    expect(readUnit({ userId: 'u-1' }, 'userId')).toBe('u-1')
    expect(readUnit({ d: 5e-7 }, 'd')).toBe('5e-7')
    expect(readUnit({ d: 123456789012345680000 }, 'd')).toBe('123456789012345680000')
    expect(readUnit({ d: -0 }, 'd')).toBe('0')
    expect(readUnit({ company: { id: 'c' } }, 'company.id')).toBe('c')
    for (const value of ['', Number.NaN, Infinity, true, null, ['u'], { id: 1 }]) expect(readUnit({ u: value }, 'u')).toBeUndefined()
    expect(readUnit('u-1', 'userId')).toBeUndefined()
    expect(readUnit({ userId: 'u' }, '')).toBeUndefined()
    expect(readUnit({ userId: 'u' }, '__proto__')).toBeUndefined()
  })
})

describe('gt…lte on numeric strings of any length (SPEC §3)', () => {
  it('reads a numeric string padded past 1,024 code units as Number(s)', () => {
    expect(matches({ attribute: 'a', op: 'gt', values: [4] }, { a: `${' '.repeat(2000)}5` })).toBe(true)
    expect(matches({ attribute: 'a', op: 'lt', values: [1] }, { a: `0.${'0'.repeat(2000)}1` })).toBe(true)
    expect(matches({ attribute: 'a', op: 'gte', values: [5] }, { a: `\u00a05\ufeff${'\n'.repeat(1500)}` })).toBe(true)
  })

  it('reads exactly the strings of the SPEC pattern, as Number(s)', () => {
    const spec = /^\s*[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?\s*$/
    const text = fc.string({ unit: fc.constantFrom(' ', '+', '-', '.', 'e', 'E', '0', '1', '9', 'x', 'b', 'o', 'I', 'n', 'f', '_'), maxLength: 8 })
    fc.assert(
      fc.property(text, (s) => {
        const n = Number(s)
        expect(matches({ attribute: 'a', op: 'gte', values: [0] }, { a: s }), s).toBe(spec.test(s) && Number.isFinite(n) && n >= 0)
        expect(matches({ attribute: 'a', op: 'lt', values: [0] }, { a: s }), s).toBe(spec.test(s) && Number.isFinite(n) && n < 0)
      }),
      { numRuns: 3000 },
    )
    for (const s of ['0x10', '0b1', '0o7', 'Infinity', '-Infinity', '', ' ', '1_000', '.', '+.5', '5.', '1e+5', '-0']) {
      expect(matches({ attribute: 'a', op: 'gte', values: [-1e9] }, { a: s }), s).toBe(spec.test(s))
    }
  })

  it('stays fast on a long string that is not a number', () => {
    const started = Date.now()
    expect(matches({ attribute: 'a', op: 'gt', values: [0] }, { a: `${'1'.repeat(200_000)}x` })).toBe(false)
    expect(matches({ attribute: 'a', op: 'gt', values: [0] }, { a: `${'1'.repeat(100_000)}.${'1'.repeat(100_000)}x` })).toBe(false)
    expect(Date.now() - started).toBeLessThan(1000)
  })
})

describe('matches: plain-text patterns, tested as text, agree with RegExp', () => {
  // Patterns without regular-expression syntax (escaped punctuation and ^ / $ anchors aside) are
  // compared as text by the evaluator; every answer must be the one RegExp.prototype.test gives.
  const patterns = ['^qa\\+7@', '@acme\\.com$', '^exact$', 'mid', '', '^', '$', '^$', 'a\\$', '\\^a', 'a\\.b', 'a.b', '^a\\db', 'x{2}', '\\(a\\)', 'a/b\\-c']
  const values = ['qa+7@x.io', 'xqa+7@', 'bob@acme.com', 'bob@acme.com.evil', 'exact', 'exactly', 'amid', '', 'a$', 'a', '^a', 'a.b', 'axb', 'a1b', 'xx', '(a)', 'a/b-c']
  it.each(patterns)('%s', (pattern) => {
    for (const value of values) {
      expect(matches({ attribute: 'x', op: 'matches', values: [pattern] }, { x: value }), value).toBe(new RegExp(pattern).test(value))
    }
  })
})
