import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { expectClose, expectNoNaN, vectorSection } from '../test/vectors'
import { twoProportionTest } from './twoProportionTest'
import type { TwoProportionTestInput } from './twoProportionTest'

describe('twoProportionTest vectors', () => {
  it.each(vectorSection('two_proportion_ztest').map((c) => [c.id, c] as const))('%s', (id, c) => {
    const result = twoProportionTest(c.input as unknown as TwoProportionTestInput)
    expectClose(result, c.expected, id)
    expectNoNaN(result, id)
  })
})

const arm = fc
  .tuple(fc.integer({ min: 1, max: 1_000_000 }), fc.double({ min: 0, max: 1, noNaN: true }))
  .map(([n, share]) => ({ n, conversions: Math.round(n * share) }))

describe('twoProportionTest properties', () => {
  it('p-value is in [0, 1] and nothing is NaN', () => {
    fc.assert(
      fc.property(arm, arm, (control, treatment) => {
        const r = twoProportionTest({ control, treatment })
        expect(r.pValueTwoSided).not.toBeNull()
        expect(r.pValueTwoSided).toBeGreaterThanOrEqual(0)
        expect(r.pValueTwoSided).toBeLessThanOrEqual(1)
        expectNoNaN(r)
      }),
    )
  })

  it('intervals contain their point estimates', () => {
    fc.assert(
      fc.property(arm, arm, (control, treatment) => {
        const r = twoProportionTest({ control, treatment })
        const [lo, hi] = r.ci95AbsDiff ?? [NaN, NaN]
        expect(lo).toBeLessThanOrEqual(r.absDiff ?? NaN)
        expect(hi).toBeGreaterThanOrEqual(r.absDiff ?? NaN)
        if (r.relLift !== null) {
          const [rlo, rhi] = r.ci95RelLiftDelta ?? [NaN, NaN]
          expect(rlo).toBeLessThanOrEqual(r.relLift)
          expect(rhi).toBeGreaterThanOrEqual(r.relLift)
        } else {
          expect(r.controlRate).toBe(0)
        }
      }),
    )
  })

  it('swapping the arms negates z and the difference and keeps the p-value', () => {
    fc.assert(
      fc.property(arm, arm, (control, treatment) => {
        const ab = twoProportionTest({ control, treatment })
        const ba = twoProportionTest({ control: treatment, treatment: control })
        expect(ba.pValueTwoSided).toBeCloseTo(ab.pValueTwoSided ?? NaN, 12)
        expect(ba.z).toBeCloseTo(-(ab.z ?? NaN), 9)
        expect(ba.absDiff).toBeCloseTo(-(ab.absDiff ?? NaN), 15)
        const [lo, hi] = ab.ci95AbsDiff ?? [NaN, NaN]
        const [slo, shi] = ba.ci95AbsDiff ?? [NaN, NaN]
        expect(slo).toBeCloseTo(-hi, 12)
        expect(shi).toBeCloseTo(-lo, 12)
      }),
    )
  })
})

describe('twoProportionTest edge cases', () => {
  it('an empty arm gives nulls, not NaN', () => {
    const r = twoProportionTest({ control: { n: 0, conversions: 0 }, treatment: { n: 10, conversions: 1 } })
    expect(r.pValueTwoSided).toBeNull()
    expect(r.controlRate).toBeNull()
    expectNoNaN(r)
  })

  it('inconsistent counts give nulls instead of throwing', () => {
    const r = twoProportionTest({ control: { n: 10, conversions: 11 }, treatment: { n: 10, conversions: 1 } })
    expect(Object.values(r).every((v) => v === null)).toBe(true)
  })

  it('zero control conversions leave the relative lift undefined but the test defined', () => {
    const r = twoProportionTest({ control: { n: 500, conversions: 0 }, treatment: { n: 500, conversions: 20 } })
    expect(r.relLift).toBeNull()
    expect(r.ci95RelLiftDelta).toBeNull()
    expect(r.pValueTwoSided).toBeLessThan(0.001)
  })

  it('alpha sets the interval level', () => {
    const input = { control: { n: 1000, conversions: 100 }, treatment: { n: 1000, conversions: 130 } }
    const wide = twoProportionTest({ ...input, alpha: 0.01 }).ci95AbsDiff ?? [0, 0]
    const narrow = twoProportionTest(input).ci95AbsDiff ?? [0, 0]
    expect(wide[1] - wide[0]).toBeGreaterThan(narrow[1] - narrow[0])
  })
})
