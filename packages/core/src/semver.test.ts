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
})
