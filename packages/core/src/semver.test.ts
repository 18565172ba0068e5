import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { compareSemVer, parseSemVer } from './semver'
import type { SemVer } from './semver'

const v = (text: string): SemVer => {
  const parsed = parseSemVer(text)
  if (parsed === undefined) throw new Error(`not a version: ${text}`)
  return parsed
}

describe('semver', () => {
  it('orders versions by SemVer 2.0.0 precedence (the list from semver.org)', () => {
    const ordered = ['1.0.0-alpha', '1.0.0-alpha.1', '1.0.0-alpha.beta', '1.0.0-beta', '1.0.0-beta.2', '1.0.0-beta.11', '1.0.0-rc.1', '1.0.0', '1.0.1', '1.1.0', '2.0.0', '10.0.0']
    for (let i = 0; i < ordered.length; i++) {
      for (let j = 0; j < ordered.length; j++) {
        expect(Math.sign(compareSemVer(v(ordered[i] as string), v(ordered[j] as string))), `${ordered[i]} vs ${ordered[j]}`).toBe(Math.sign(i - j))
      }
    }
  })

  it('ignores build metadata and accepts one lowercase v', () => {
    expect(compareSemVer(v('1.2.3+build.5'), v('v1.2.3'))).toBe(0)
    expect(compareSemVer(v('v2.0.0-rc.1+x'), v('2.0.0-rc.1'))).toBe(0)
  })

  it('compares numbers beyond 2^53 exactly', () => {
    expect(compareSemVer(v('9007199254740993.0.0'), v('9007199254740992.0.0'))).toBeGreaterThan(0)
  })

  it.each(['1.2', '1.2.3.4', '01.2.3', '1.2.3-01', 'V1.2.3', 'vv1.2.3', '1.2.3-', '1.2.3+', ' 1.2.3', '1.2.3-a..b', ''])('rejects %s', (text) => {
    expect(parseSemVer(text)).toBeUndefined()
  })

  it('rejects what is not a string', () => {
    expect(parseSemVer(123)).toBeUndefined()
    expect(parseSemVer(null)).toBeUndefined()
  })

  it('orders any two versions as SemVer 2.0.0 precedence (section 11) does', () => {
    // Precedence as semver.org words it, on the identifiers as written.
    const reference = (a: string, b: string): number => {
      const split = (v: string): [string[], string[]] => {
        const [core = '', ...pre] = v.replace(/^v/, '').replace(/\+.*/, '').split('-')
        return [core.split('.'), pre.length ? pre.join('-').split('.') : []]
      }
      const numeric = (x: string): boolean => /^\d+$/.test(x)
      const id = (x: string, y: string): number =>
        numeric(x) && numeric(y) ? Math.sign(Number(BigInt(x) - BigInt(y))) : numeric(x) ? -1 : numeric(y) ? 1 : x < y ? -1 : x > y ? 1 : 0
      const [ac, ap] = split(a)
      const [bc, bp] = split(b)
      for (let i = 0; i < 3; i++) if (id(ac[i] as string, bc[i] as string)) return id(ac[i] as string, bc[i] as string)
      if (!ap.length || !bp.length) return Math.sign(bp.length - ap.length)
      for (let i = 0; i < ap.length && i < bp.length; i++) if (id(ap[i] as string, bp[i] as string)) return id(ap[i] as string, bp[i] as string)
      return Math.sign(ap.length - bp.length)
    }
    const number = fc.oneof(fc.constantFrom('0', '1', '2', '9', '10', '11', '99', '100'), fc.bigInt({ min: 0n, max: 10n ** 20n }).map(String))
    const identifier = fc.oneof(number, fc.constantFrom('a', 'b', 'alpha', 'beta', 'rc', 'a1', '1a', '0a', '-', 'x-y', 'A', 'Z', 'aa'))
    const version = fc
      .tuple(number, number, number, fc.array(identifier, { maxLength: 3 }), fc.constantFrom('', '+b.1', '+001'), fc.boolean())
      .map(([major, minor, patch, pre, build, v]) => `${v ? 'v' : ''}${major}.${minor}.${patch}${pre.length ? `-${pre.join('.')}` : ''}${build}`)
    fc.assert(
      fc.property(version, version, (a, b) => {
        expect(Math.sign(compareSemVer(v(a), v(b))), `${a} vs ${b}`).toBe(reference(a, b))
      }),
      { numRuns: 3000 },
    )
  })
})
