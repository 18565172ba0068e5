import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { expectClose, vectorSection } from '../test/vectors'
import { chanceToBeatControl, probabilityBetaGreater } from './chanceToBeatControl'
import type { ChanceToBeatControlInput } from './chanceToBeatControl'

describe('chanceToBeatControl vectors', () => {
  it.each(vectorSection('bayesian_chance_to_beat_control').map((c) => [c.id, c] as const))('%s', (id, c) => {
    const result = chanceToBeatControl(c.input as unknown as ChanceToBeatControlInput)
    const e = c.expected
    expectClose(result.posteriorControl, e['posterior_control'], `${id}.posteriorControl`, { exact: true })
    expectClose(result.posteriorTreatment, e['posterior_treatment'], `${id}.posteriorTreatment`, { exact: true })
    // One unrounded value answers both the 4-decimal and the 6-significant-digit expectations.
    expectClose(result.chanceToBeatControl, e['chance_to_beat_control'], `${id}.chanceToBeatControl`, { rel: 0, abs: 1e-4 })
    expectClose(result.chanceToBeatControl, e['chance_to_beat_control_6sig'], `${id}.chanceToBeatControl (6 sig)`)
  })
})

const arm = fc
  .tuple(fc.integer({ min: 0, max: 5000 }), fc.double({ min: 0, max: 1, noNaN: true }))
  .map(([n, share]) => ({ n, conversions: Math.round(n * share) }))

describe('chanceToBeatControl properties', () => {
  it('is a probability, and swapping the arms gives its complement', () => {
    fc.assert(
      fc.property(arm, arm, (control, treatment) => {
        const ab = chanceToBeatControl({ control, treatment }).chanceToBeatControl ?? NaN
        const ba = chanceToBeatControl({ control: treatment, treatment: control }).chanceToBeatControl ?? NaN
        expect(ab).toBeGreaterThanOrEqual(0)
        expect(ab).toBeLessThanOrEqual(1)
        expect(ab + ba).toBeCloseTo(1, 9)
      }),
      { numRuns: 50 },
    )
  })

  it('quadrature agrees with the exact series where both apply', () => {
    const x = { alpha: 301, beta: 2701 }
    const y = { alpha: 281, beta: 2721 }
    const exact = probabilityBetaGreater(x, y) ?? NaN
    // A non-integer nudge of 1e-9 forces the quadrature path without changing the answer measurably.
    const quad = probabilityBetaGreater({ alpha: 301 + 1e-9, beta: 2701 }, { alpha: 281 + 1e-9, beta: 2721 }) ?? NaN
    expect(quad).toBeCloseTo(exact, 7)
  })

  it('handles counts far beyond the series limit', () => {
    const r = chanceToBeatControl({
      control: { n: 10_000_000, conversions: 500_000 },
      treatment: { n: 10_000_000, conversions: 502_000 },
    })
    // 2000 more conversions on ~700 SD of the difference: z ≈ 2.0, so about 0.98.
    expect(r.chanceToBeatControl).toBeGreaterThan(0.97)
    expect(r.chanceToBeatControl).toBeLessThan(0.99)
  })
})

describe('chanceToBeatControl edge cases', () => {
  it('no traffic at all is a coin flip', () => {
    const r = chanceToBeatControl({ control: { n: 0, conversions: 0 }, treatment: { n: 0, conversions: 0 } })
    expect(r.chanceToBeatControl).toBeCloseTo(0.5, 12)
  })

  it('invalid counts and priors give nulls', () => {
    expect(chanceToBeatControl({ control: { n: 5, conversions: 6 }, treatment: { n: 5, conversions: 1 } }).chanceToBeatControl).toBeNull()
    expect(
      chanceToBeatControl({
        control: { n: 5, conversions: 1 },
        treatment: { n: 5, conversions: 1 },
        prior: { alpha: 0, beta: 1 },
      }).chanceToBeatControl,
    ).toBeNull()
  })
})
