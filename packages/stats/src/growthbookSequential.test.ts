import { describe, expect, it } from 'vitest'
import { expectClose, loadVectors, vectorSection } from '../test/vectors'
import { growthbookSequentialTest } from './growthbookSequential'
import type { GrowthbookSequentialInput } from './growthbookSequential'
import { msprt } from './msprt'
import { welchTTest } from './welchTTest'

describe('growthbookSequentialTest vectors', () => {
  it.each(vectorSection('growthbook_sequential').map((c) => [c.id, c] as const))('%s', (id, c) => {
    const result = growthbookSequentialTest(c.input as unknown as GrowthbookSequentialInput)
    const { N_total: nTotal, ...rest } = c.expected
    expectClose(result, rest, id)
    expect(result.NTotal, `${id}.NTotal`).toBe(nTotal)
  })

  it('equals the normal mSPRT on the relative scale with tau2 = N rho^2 se^2', () => {
    const input = { control: { n: 10000, conversions: 1000 }, treatment: { n: 10000, conversions: 1100 } }
    const gb = growthbookSequentialTest(input)
    const se = gb.seRelLiftDelta ?? NaN
    // A fake one-look mSPRT whose "difference of means" is the relative lift with variance se^2.
    const [look] = msprt({
      tau2: gb.equivalentTau2 ?? NaN,
      looks: [{ control: { n: 1, mean: 0, variance: 0 }, treatment: { n: 1, mean: gb.relLift ?? NaN, variance: se * se } }],
    }).looks
    expect(look?.logLambda).toBeCloseTo(gb.logEValue ?? NaN, 9)
    expect(look?.ci95AlwaysValidAbsDiff?.[0]).toBeCloseTo(gb.ci95SequentialRelLift?.[0] ?? NaN, 9)
  })

  it('gives nulls, not NaN, for a zero control rate', () => {
    const r = growthbookSequentialTest({ control: { n: 100, conversions: 0 }, treatment: { n: 100, conversions: 3 } })
    expect(r.relLift).toBeNull()
    expect(r.pValueSequential).toBeNull()
    expect(r.NTotal).toBe(200)
  })
})

interface Anchor {
  readonly name: string
  readonly reproduced: { expected: number; ci: [number, number]; pValue: number; stddev: number }
}

// Inputs of GrowthBook's own unit tests (gbstats tests/frequentist/test_tests.py); the vectors hold only
// their outputs. The fourth anchor (sequential sample mean, N* = 1000) has no published input: not covered.
describe('anchor cross-check with GrowthBook unit tests', () => {
  const anchors = loadVectors()['anchor_crosscheck_growthbook_unit_tests'] as Anchor[]
  const find = (prefix: string): Anchor['reproduced'] => {
    const anchor = anchors.find((a) => a.name.startsWith(prefix))
    if (!anchor) throw new Error(`anchor ${prefix} missing`)
    return anchor.reproduced
  }
  const control = { n: 3407, mean: 0.41, variance: 3.9 ** 2 }
  const treatment = { n: 3461, mean: 0.7, variance: 6.2 ** 2 }

  it('TwoSidedTTest absolute', () => {
    const want = find('TwoSidedTTest absolute')
    const r = welchTTest({ control, treatment })
    expectClose(r.absDiff, want.expected, 'expected')
    expectClose(r.ci95AbsDiff, want.ci, 'ci')
    expectClose(r.se, want.stddev, 'stddev')
    expectClose(r.pValueTwoSided, want.pValue, 'pValue')
  })

  it('TwoSidedTTest relative (delta method)', () => {
    const want = find('TwoSidedTTest relative')
    const r = welchTTest({ control, treatment })
    expectClose(r.relLift, want.expected, 'expected')
    expectClose(r.ci95RelLiftDelta, want.ci, 'ci')
    expectClose(r.seRelLiftDelta, want.stddev, 'stddev')
    // GrowthBook's relative p-value is taken on the relative scale; welchTTest's is on the absolute one.
  })

  it('TwoSidedTTest binomial relative 14/28 vs 16/30', () => {
    const want = find('TwoSidedTTest binomial relative')
    const pC = 14 / 28
    const pT = 16 / 30
    const r = welchTTest({
      control: { n: 28, mean: pC, variance: pC * (1 - pC) },
      treatment: { n: 30, mean: pT, variance: pT * (1 - pT) },
    })
    expectClose(r.relLift, want.expected, 'expected')
    expectClose(r.ci95RelLiftDelta, want.ci, 'ci')
    expectClose(r.seRelLiftDelta, want.stddev, 'stddev')
  })

  it('SequentialTwoSidedTTest proportions, N*=5000', () => {
    const want = find('SequentialTwoSidedTTest proportions')
    const r = growthbookSequentialTest({
      control: { n: 3000, conversions: 1396 },
      treatment: { n: 3461, conversions: 2422 },
      tuning_parameter_N_star: 5000,
    })
    expectClose(r.relLift, want.expected, 'expected')
    expectClose(r.ci95SequentialRelLift, want.ci, 'ci')
    expectClose(r.seRelLiftDelta, want.stddev, 'stddev')
    expectClose(r.pValueSequential, want.pValue, 'pValue')
  })
})
