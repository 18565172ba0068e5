import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { expectClose, expectNoNaN, vectorSection } from '../test/vectors'
import { msprt } from './msprt'
import type { MsprtInput } from './msprt'

describe('msprt vectors', () => {
  it.each(vectorSection('msprt_normal').map((c) => [c.id, c] as const))('%s', (id, c) => {
    expectClose(msprt(c.input as unknown as MsprtInput), c.expected, id)
  })
})

describe('msprt behaviour', () => {
  const look = (nPerArm: number, rateC: number, rateT: number) => ({
    control: { n: nPerArm, conversions: Math.round(nPerArm * rateC) },
    treatment: { n: nPerArm, conversions: Math.round(nPerArm * rateT) },
  })

  it('the always-valid p-value is the running minimum over looks', () => {
    const r = msprt({
      tau2: 1e-4,
      looks: [look(5000, 0.1, 0.115), look(10000, 0.1, 0.104), look(20000, 0.1, 0.11)],
    })
    const thisLook = r.looks.map((l) => l.pValueThisLook ?? NaN)
    const valid = r.looks.map((l) => l.pValueAlwaysValid ?? NaN)
    expect(valid[0]).toBe(thisLook[0])
    // The second look is weaker evidence than the first, yet the always-valid p-value may not rise.
    expect(thisLook[1]).toBeGreaterThan(thisLook[0] ?? NaN)
    expect(valid[1]).toBe(valid[0])
    expect(valid[2]).toBe(Math.min(valid[1] ?? NaN, thisLook[2] ?? NaN))
  })

  it('the always-valid interval is wider than the fixed-horizon one and contains the estimate', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 100, max: 1_000_000 }),
        fc.double({ min: 0.01, max: 0.5, noNaN: true }),
        fc.double({ min: 0.01, max: 0.5, noNaN: true }),
        fc.double({ min: 1e-8, max: 1, noNaN: true }),
        (n, rateC, rateT, tau2) => {
          const [l] = msprt({ tau2, looks: [look(n, rateC, rateT)] }).looks
          if (!l) throw new Error('no look')
          expectNoNaN(l)
          const [lo, hi] = l.ci95AlwaysValidAbsDiff ?? [NaN, NaN]
          const [flo, fhi] = l.fixedHorizonCi95ForComparison ?? [NaN, NaN]
          expect(lo).toBeLessThanOrEqual(flo)
          expect(hi).toBeGreaterThanOrEqual(fhi)
          expect(lo).toBeLessThanOrEqual(l.absDiff ?? NaN)
          expect(l.pValueAlwaysValid).toBeGreaterThanOrEqual(0)
          expect(l.pValueAlwaysValid).toBeLessThanOrEqual(1)
        },
      ),
    )
  })

  it('huge evidence keeps logLambda and reports lambda as null instead of Infinity', () => {
    const [l] = msprt({ tau2: 1, looks: [look(10_000_000, 0.1, 0.2)] }).looks
    expect(l?.logLambda).toBeGreaterThan(710)
    expect(l?.lambda).toBeNull()
    expect(l?.pValueThisLook).toBe(0)
  })

  it('an unusable look gives nulls and does not reset the running minimum', () => {
    const r = msprt({
      tau2: 1e-4,
      looks: [look(20000, 0.1, 0.11), { control: { n: 0, conversions: 0 }, treatment: { n: 0, conversions: 0 } }, look(20000, 0.1, 0.1)],
    })
    expect(r.looks[1]?.pValueAlwaysValid).toBeNull()
    expectNoNaN(r)
    expect(r.looks[2]?.pValueAlwaysValid).toBe(r.looks[0]?.pValueAlwaysValid)
  })

  it('works on summary statistics and rejects a non-positive tau2 with nulls', () => {
    const arm = { n: 100, mean: 1, variance: 2 }
    const [ok] = msprt({ tau2: 0.5, looks: [{ control: arm, treatment: { ...arm, mean: 2 } }] }).looks
    expect(ok?.pValueThisLook).not.toBeNull()
    const [bad] = msprt({ tau2: 0, looks: [{ control: arm, treatment: arm }] }).looks
    expect(bad?.pValueThisLook).toBeNull()
    expect(bad?.absDiff).toBe(0)
  })
})
