import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { expectClose, vectorSection } from '../test/vectors'
import { srmTest } from './srmTest'
import type { SrmTestInput } from './srmTest'

describe('srmTest vectors', () => {
  it.each(vectorSection('srm_chisq').map((c) => [c.id, c] as const))('%s', (id, c) => {
    const result = srmTest(c.input as unknown as SrmTestInput)
    const { df, ...rest } = c.expected
    expectClose(result, rest, id)
    // Degrees of freedom are an integer: exact.
    expect(result.df, `${id}.df`).toBe(df)
  })
})

describe('srmTest behaviour', () => {
  it('flags a 45/55 split run against 50/50', () => {
    const r = srmTest({ observed: [4500, 5500], weights: [50, 50] })
    expect(r.srmAt0001).toBe(true)
    expect(r.pValue).toBeLessThan(0.001)
  })

  it('treats zero traffic as no evidence of a mismatch', () => {
    expect(srmTest({ observed: [0, 0, 0], weights: [1, 1, 1] })).toMatchObject({ chi2: 0, pValue: 1, srmAt0001: false })
  })

  it('rejects unusable input with nulls', () => {
    expect(srmTest({ observed: [10], weights: [1] }).pValue).toBeNull()
    expect(srmTest({ observed: [10, 10], weights: [1, 0] }).pValue).toBeNull()
    expect(srmTest({ observed: [10, 10], weights: [1, 1, 1] }).pValue).toBeNull()
    expect(srmTest({ observed: [-1, 10], weights: [1, 1] }).pValue).toBeNull()
  })

  it('p-value is in [0, 1] and invariant to the scale of the weights and the order of arms', () => {
    const counts = fc.array(fc.integer({ min: 0, max: 1_000_000 }), { minLength: 2, maxLength: 6 })
    fc.assert(
      fc.property(counts, fc.double({ min: 0.01, max: 100, noNaN: true }), (observed, scale) => {
        const weights = observed.map((_, i) => 1 + i)
        const r = srmTest({ observed, weights })
        expect(r.pValue).toBeGreaterThanOrEqual(0)
        expect(r.pValue).toBeLessThanOrEqual(1)
        const scaled = srmTest({ observed, weights: weights.map((w) => w * scale) })
        expect(scaled.pValue).toBeCloseTo(r.pValue ?? NaN, 9)
        const reversed = srmTest({ observed: [...observed].reverse(), weights: [...weights].reverse() })
        expect(reversed.chi2).toBeCloseTo(r.chi2 ?? NaN, 6)
      }),
    )
  })
})
