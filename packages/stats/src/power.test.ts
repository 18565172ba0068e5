import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { expectClose, vectorSection } from '../test/vectors'
import { powerTwoProportions } from './power'
import type { PowerTwoProportionsInput } from './power'

describe('powerTwoProportions vectors', () => {
  it.each(vectorSection('power_two_proportions').map((c) => [c.id, c] as const))('%s', (id, c) => {
    expectClose(powerTwoProportions(c.input as unknown as PowerTwoProportionsInput), c.expected, id)
  })
})

describe('powerTwoProportions properties', () => {
  it('is a probability that grows with the sample size', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0.01, max: 0.9, noNaN: true }),
        fc.double({ min: 0.01, max: 0.1, noNaN: true }),
        fc.integer({ min: 10, max: 1_000_000 }),
        (baseline, mde, n) => {
          const small = powerTwoProportions({ baseline_rate: baseline, mde_relative: mde, n_per_arm: n })
          const large = powerTwoProportions({ baseline_rate: baseline, mde_relative: mde, n_per_arm: n * 2 })
          expect(small.power).toBeGreaterThanOrEqual(0)
          expect(small.power).toBeLessThanOrEqual(1)
          expect(large.power).toBeGreaterThanOrEqual(small.power ?? NaN)
          expect(small.powerStrictTwoTailed).toBeGreaterThanOrEqual(small.power ?? NaN)
        },
      ),
    )
  })

  it('returns nulls for an empty arm instead of NaN', () => {
    expect(powerTwoProportions({ baseline_rate: 0.1, mde_relative: 0.1, n_per_arm: 0 })).toEqual({
      power: null,
      powerStrictTwoTailed: null,
    })
  })
})
