import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { expectClose, expectNoNaN, vectorSection } from '../test/vectors'
import { welchTTest } from './welchTTest'
import type { WelchTTestInput } from './welchTTest'

describe('welchTTest vectors', () => {
  it.each(vectorSection('welch_ttest').map((c) => [c.id, c] as const))('%s', (id, c) => {
    const result = welchTTest(c.input as unknown as WelchTTestInput)
    expectClose(result, c.expected, id)
  })
})

const arm = fc.record({
  n: fc.integer({ min: 2, max: 100_000 }),
  mean: fc.double({ min: -1000, max: 1000, noNaN: true }),
  variance: fc.double({ min: 1e-6, max: 1e6, noNaN: true }),
})

describe('welchTTest properties', () => {
  it('p-value in [0, 1], CIs contain the estimate, no NaN', () => {
    fc.assert(
      fc.property(arm, arm, (control, treatment) => {
        const r = welchTTest({ control, treatment })
        expectNoNaN(r)
        expect(r.pValueTwoSided).toBeGreaterThanOrEqual(0)
        expect(r.pValueTwoSided).toBeLessThanOrEqual(1)
        const [lo, hi] = r.ci95AbsDiff ?? [NaN, NaN]
        expect(lo).toBeLessThanOrEqual(r.absDiff ?? NaN)
        expect(hi).toBeGreaterThanOrEqual(r.absDiff ?? NaN)
        if (r.relLift !== null && r.ci95RelLiftDelta !== null) {
          expect(r.ci95RelLiftDelta[0]).toBeLessThanOrEqual(r.relLift)
          expect(r.ci95RelLiftDelta[1]).toBeGreaterThanOrEqual(r.relLift)
        }
      }),
    )
  })

  it('swapping the arms negates t and keeps p and df', () => {
    fc.assert(
      fc.property(arm, arm, (control, treatment) => {
        const ab = welchTTest({ control, treatment })
        const ba = welchTTest({ control: treatment, treatment: control })
        expect(ba.t).toBeCloseTo(-(ab.t ?? NaN), 9)
        expect(ba.df).toBeCloseTo(ab.df ?? NaN, 6)
        expect(ba.pValueTwoSided).toBeCloseTo(ab.pValueTwoSided ?? NaN, 12)
      }),
    )
  })
})

describe('welchTTest edge cases', () => {
  it('n < 2 leaves the test undefined but keeps the point estimates', () => {
    const r = welchTTest({ control: { n: 1, mean: 3, variance: 0 }, treatment: { n: 10, mean: 4, variance: 1 } })
    expect(r.absDiff).toBe(1)
    expect(r.pValueTwoSided).toBeNull()
    expect(r.df).toBeNull()
    expect(r.ci95AbsDiff).toBeNull()
    expectNoNaN(r)
  })

  it('zero variance in both arms gives null statistics, not NaN or Infinity', () => {
    const r = welchTTest({ control: { n: 5, mean: 3, variance: 0 }, treatment: { n: 5, mean: 4, variance: 0 } })
    expect(r.se).toBe(0)
    expect(r.t).toBeNull()
    expect(r.pValueTwoSided).toBeNull()
    expectNoNaN(r)
  })

  it('a zero control mean leaves the relative lift null', () => {
    const r = welchTTest({ control: { n: 50, mean: 0, variance: 1 }, treatment: { n: 50, mean: 1, variance: 1 } })
    expect(r.relLift).toBeNull()
    expect(r.ci95RelLiftDelta).toBeNull()
    expect(r.pValueTwoSided).not.toBeNull()
  })

  it('invalid input gives nulls instead of throwing', () => {
    const r = welchTTest({ control: { n: 5, mean: NaN, variance: 1 }, treatment: { n: 5, mean: 1, variance: -1 } })
    expect(Object.values(r).every((v) => v === null)).toBe(true)
  })
})
