/**
 * The point of typegen: with the generated file in a program, `@vexil/react`'s hooks accept the
 * snapshot's keys and values and reject anything else at compile time.
 */
import { describe, expect, it } from 'vitest'
import { generateFlagTypes } from '../generateFlagTypes'
import { compileTypes } from './compileTypes'
import { sampleSnapshot } from './sampleSnapshot'

const result = generateFlagTypes(sampleSnapshot, { source: 'sampleSnapshot' })
if (!result.ok) throw new Error('the sample snapshot must be usable')
const flagsFile = result.code

const PASSING = `
import { expectTypeOf } from 'vitest'
import { useFlag, useFlagDetails, useVariant } from '@vexil/react'
import type { FlagKey } from '@vexil/react'
import type { VexilFlagVariations } from './__vexil-flags__'

export function App() {
  expectTypeOf(useFlag('new-checkout', false)).toEqualTypeOf<boolean>()
  expectTypeOf(useFlag('checkout-theme', 'light')).toEqualTypeOf<'light' | 'dark' | 'high-contrast'>()
  expectTypeOf(useFlag('max-items', 25)).toEqualTypeOf<number>()
  expectTypeOf(useFlag('banner-text', 'any text')).toEqualTypeOf<string>()
  const banner = useFlag('banner-config', { text: '', color: 'red', sizes: [] })
  expectTypeOf(banner.text).toEqualTypeOf<string>()
  expectTypeOf(useFlagDetails('broken-flag', 'x').value).toEqualTypeOf<'x' | 'y'>()
  expectTypeOf(useVariant('checkout-theme').value).toEqualTypeOf<'light' | 'dark' | 'high-contrast' | undefined>()
  expectTypeOf<FlagKey>().toEqualTypeOf<'new-checkout' | 'checkout-theme' | 'banner-text' | 'max-items' | 'banner-config' | 'broken-flag'>()
  expectTypeOf<VexilFlagVariations['checkout-theme']>().toEqualTypeOf<'light' | 'dark' | 'high-contrast'>()
}
`

const FAILING = `
import { useFlag, useVariant } from '@vexil/react'
import type { VexilFlagVariations } from './__vexil-flags__'

export function App() {
  useFlag('new-chekout', false)
  useFlag('new-checkout', 'yes')
  useFlag('checkout-theme', 'blue')
  useFlag('max-items', '10')
  useFlag('banner-config', { text: 1 })
  useVariant('server-only')
  const v: VexilFlagVariations['new-checkout'] = 'maybe'
  return v
}
`

describe('the generated VexilFlags augmentation', () => {
  it('compiles a sample that uses the flags as the snapshot declares them', () => {
    expect(compileTypes({ '__vexil-flags__.d.ts': flagsFile, '__app__.ts': PASSING })).toEqual([])
  }, 60_000)

  it('rejects unknown keys, wrong value types, values outside a union and server-only flags', () => {
    const errors = compileTypes({ '__vexil-flags__.d.ts': flagsFile, '__app__.ts': FAILING })
    // One error per wrong line of the sample, and none in the generated file.
    expect(errors.map((e) => e.slice(0, e.indexOf(')') + 1))).toEqual([
      '__app__.ts(6)',
      '__app__.ts(7)',
      '__app__.ts(8)',
      '__app__.ts(9)',
      '__app__.ts(10)',
      '__app__.ts(11)',
      '__app__.ts(12)',
    ])
    expect(errors[0]).toMatch(/new-chekout/)
    expect(errors[5]).toMatch(/server-only/)
  }, 60_000)

  it('changes nothing without the generated file: any key compiles', () => {
    expect(compileTypes({ '__app__.ts': FAILING.replace(/^import type .*$/m, 'type VexilFlagVariations = Record<string, string>') })).toEqual([])
  }, 60_000)
})
