import { describe, expect, it } from 'vitest'
import { expectClose, vectorSection } from '../test/vectors'
import { powerTwoProportions } from './power'
import { sampleSizeTwoProportions } from './sampleSize'
import type { SampleSizeTwoProportionsInput } from './sampleSize'

const INTEGER_FIELDS = ['n_per_arm', 'n_total', 'alt_unpooled_n_per_arm']

describe('sampleSizeTwoProportions vectors', () => {
  it.each(vectorSection('sample_size_two_proportions').map((c) => [c.id, c] as const))('%s', (id, c) => {
    const result = sampleSizeTwoProportions(c.input as unknown as SampleSizeTwoProportionsInput)
    for (const [key, value] of Object.entries(c.expected)) {
      const field = key.replace(/_(.)/g, (_, ch: string) => ch.toUpperCase())
      expectClose((result as unknown as Record<string, unknown>)[field], value, `${id}.${field}`, {
        exact: INTEGER_FIELDS.includes(key),
      })
    }
  })
})

describe('sampleSizeTwoProportions behaviour', () => {
  it('is the inverse of powerTwoProportions: the raw size gives the requested power', () => {
    for (const [baseline, mde, power] of [
      [0.1, 0.1, 0.8],
      [0.03, -0.2, 0.9],
      [0.5, 0.02, 0.95],
    ] as const) {
      const size = sampleSizeTwoProportions({ baseline_rate: baseline, mde_relative: mde, power })
      const achieved = powerTwoProportions({ baseline_rate: baseline, mde_relative: mde, n_per_arm: size.nPerArmRaw ?? 0 })
      expect(achieved.power).toBeCloseTo(power, 9)
    }
  })

  it('needs more units for smaller effects', () => {
    const big = sampleSizeTwoProportions({ baseline_rate: 0.1, mde_relative: 0.2 }).nPerArm ?? 0
    const small = sampleSizeTwoProportions({ baseline_rate: 0.1, mde_relative: 0.05 }).nPerArm ?? 0
    expect(small).toBeGreaterThan(big * 10)
  })

  it('returns nulls for impossible designs', () => {
    for (const input of [
      { baseline_rate: 0, mde_relative: 0.1 },
      { baseline_rate: 0.9, mde_relative: 0.5 },
      { baseline_rate: 0.1, mde_relative: 0 },
      { baseline_rate: 0.1, mde_relative: 0.1, power: 1 },
    ]) {
      expect(sampleSizeTwoProportions(input).nPerArm).toBeNull()
    }
  })
})
