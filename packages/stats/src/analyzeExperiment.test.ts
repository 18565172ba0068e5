import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { expectNoNaN } from '../test/vectors'
import { analyzeExperiment } from './analyzeExperiment'
import type { AnalyzeExperimentInput, MetricResult, VariantResult } from './experimentTypes'
import { twoProportionTest } from './twoProportionTest'
import { welchTTest } from './welchTTest'

function variant(metric: MetricResult | undefined, key: string): VariantResult {
  const v = metric?.variants.find((x) => x.variantKey === key)
  if (!v) throw new Error(`variant ${key} missing`)
  return v
}

/** Sum and sum of squares of `n` values where `k` units have value `a` and the rest `b`. */
function twoPointSums(n: number, k: number, a: number, b: number): { sum: number; sumSquares: number } {
  return { sum: k * a + (n - k) * b, sumSquares: k * a * a + (n - k) * b * b }
}

const base: AnalyzeExperimentInput = {
  variants: [
    { key: 'control', weight: 50, units: 10_000 },
    { key: 'treatment', weight: 50, units: 10_000 },
  ],
  metrics: [
    { key: 'purchase', kind: 'conversion', variants: { control: { converters: 1000 }, treatment: { converters: 1250 } } },
    {
      key: 'revenue',
      kind: 'revenue',
      variants: {
        control: { ...twoPointSums(10_000, 1000, 50, 0), converters: 1000 },
        treatment: { ...twoPointSums(10_000, 1250, 50, 0), converters: 1250 },
      },
    },
  ],
}

describe('analyzeExperiment', () => {
  it('finds a known lift significant and fills every field', () => {
    const a = analyzeExperiment(base)
    expect(a.controlKey).toBe('control')
    expect(a.totalUnits).toBe(20_000)
    expect(a.srm.mismatch).toBe(false)
    expect(a.recommendation.status).toBe('significant')
    expect(a.recommendation.significantVariants).toEqual([{ variantKey: 'treatment', direction: 'better' }])
    const t = variant(a.metrics[0], 'treatment')
    expect(t.mean).toBe(0.125)
    expect(t.relativeLift).toBeCloseTo(0.25, 12)
    expect(t.pValue).toBeLessThan(1e-6)
    expect(t.sequentialPValue).toBeLessThan(0.05)
    expect(t.chanceToBeatControl).toBeGreaterThan(0.999)
    expect(t.power).toBeGreaterThan(0)
    expect(t.significant).toBe(true)
    for (const metric of a.metrics) {
      for (const v of metric.variants) {
        expect(v.ci, `${metric.key}/${v.variantKey}.ci`).not.toBeNull()
        expect(v.variance, `${metric.key}/${v.variantKey}.variance`).not.toBeNull()
      }
    }
    expectNoNaN(a)
  })

  it('agrees with the standalone tests it is built from', () => {
    const a = analyzeExperiment(base)
    const conv = variant(a.metrics[0], 'treatment')
    const z = twoProportionTest({ control: { n: 10_000, conversions: 1000 }, treatment: { n: 10_000, conversions: 1250 } })
    expect(conv.pValue).toBe(z.pValueTwoSided)
    expect(conv.relativeLiftCi).toEqual(z.ci95RelLiftDelta)
    const rev = variant(a.metrics[1], 'treatment')
    const revControl = variant(a.metrics[1], 'control')
    const w = welchTTest({
      control: { n: 10_000, mean: revControl.mean ?? NaN, variance: revControl.variance ?? NaN },
      treatment: { n: 10_000, mean: rev.mean ?? NaN, variance: rev.variance ?? NaN },
    })
    expect(rev.pValue).toBe(w.pValueTwoSided)
    expect(rev.mean).toBeCloseTo(6.25, 12)
    // Two-point data: 1250 units at 50, the rest at 0, so the unbiased variance is known in closed form.
    expect(rev.variance).toBeCloseTo((1250 * 50 * 50 - (62_500 * 62_500) / 10_000) / 9_999, 6)
    expect(rev.conversions).toBe(1250)
  })

  it('flags SRM for a 45/55 split against 50/50 and distrusts the results', () => {
    const a = analyzeExperiment({
      ...base,
      variants: [
        { key: 'control', weight: 50, units: 9_000 },
        { key: 'treatment', weight: 50, units: 11_000 },
      ],
    })
    expect(a.srm.mismatch).toBe(true)
    expect(a.srm.pValue).toBeLessThan(0.001)
    expect(a.srm.expected).toEqual([10_000, 10_000])
    expect(a.recommendation.status).toBe('srm')
  })

  it('keeps running when there is no difference', () => {
    const a = analyzeExperiment({
      ...base,
      metrics: [{ key: 'purchase', kind: 'conversion', variants: { control: { converters: 1000 }, treatment: { converters: 1010 } } }],
    })
    expect(a.recommendation.status).toBe('keep_running')
    expect(variant(a.metrics[0], 'treatment').significant).toBe(false)
  })

  it('the sequential decision is more conservative than the fixed-horizon one', () => {
    const input: AnalyzeExperimentInput = {
      ...base,
      metrics: [{ key: 'purchase', kind: 'conversion', variants: { control: { converters: 1000 }, treatment: { converters: 1090 } } }],
    }
    const fixed = analyzeExperiment({ ...input, options: { decision: 'fixed' } })
    const sequential = analyzeExperiment(input)
    expect(fixed.recommendation.status).toBe('significant')
    expect(sequential.recommendation.status).toBe('keep_running')
    const t = variant(sequential.metrics[0], 'treatment')
    expect(t.sequentialPValue).toBeGreaterThan(t.pValue ?? NaN)
  })

  it('takes the running minimum with previous sequential p-values', () => {
    const a = analyzeExperiment({ ...base, options: { previousSequentialPValues: { purchase: { treatment: 1e-30 } } } })
    expect(variant(a.metrics[0], 'treatment').sequentialPValue).toBe(1e-30)
  })

  it('reports a drop on a lower-is-better metric as better', () => {
    const a = analyzeExperiment({
      ...base,
      metrics: [
        { key: 'errors', kind: 'conversion', higherIsBetter: false, variants: { control: { converters: 1250 }, treatment: { converters: 1000 } } },
      ],
    })
    expect(a.recommendation.significantVariants).toEqual([{ variantKey: 'treatment', direction: 'better' }])
  })

  it('honours controlKey, primaryMetric and more than two variants', () => {
    const a = analyzeExperiment({
      controlKey: 'b',
      primaryMetric: 'revenue',
      variants: [
        { key: 'a', weight: 1, units: 5000 },
        { key: 'b', weight: 1, units: 5000 },
        { key: 'c', weight: 1, units: 5000 },
      ],
      metrics: [
        { key: 'purchase', kind: 'conversion', variants: { a: { converters: 500 }, b: { converters: 500 }, c: { converters: 900 } } },
        { key: 'revenue', kind: 'count', variants: { a: twoPointSums(5000, 10, 1, 0), b: twoPointSums(5000, 10, 1, 0) } },
      ],
    })
    expect(a.controlKey).toBe('b')
    expect(variant(a.metrics[0], 'b').isControl).toBe(true)
    expect(variant(a.metrics[0], 'b').pValue).toBeNull()
    expect(a.recommendation.metricKey).toBe('revenue')
    // c is missing from the revenue aggregates, so it had no events: a mean of 0, which 10 events in 5000
    // units on control make a significant drop, while c's big conversion win is not on the primary metric.
    expect(variant(a.metrics[1], 'c').mean).toBe(0)
    expect(a.recommendation.status).toBe('significant')
    expect(a.recommendation.significantVariants).toEqual([{ variantKey: 'c', direction: 'worse' }])
  })
})

describe('analyzeExperiment edge cases', () => {
  it('zero traffic gives nulls, no SRM and keep running', () => {
    const a = analyzeExperiment({
      variants: [
        { key: 'control', weight: 1, units: 0 },
        { key: 'treatment', weight: 1, units: 0 },
      ],
      metrics: [
        { key: 'purchase', kind: 'conversion', variants: {} },
        { key: 'revenue', kind: 'revenue', variants: {} },
      ],
    })
    expectNoNaN(a)
    expect(a.srm).toMatchObject({ pValue: 1, mismatch: false })
    expect(a.recommendation.status).toBe('keep_running')
    for (const metric of a.metrics) {
      const t = variant(metric, 'treatment')
      expect(t).toMatchObject({ sampleSize: 0, mean: null, pValue: null, relativeLift: null, sequentialPValue: null })
    }
  })

  it('zero conversions and 100% conversion give nulls where undefined', () => {
    const zero = analyzeExperiment({
      ...base,
      metrics: [{ key: 'p', kind: 'conversion', variants: { control: { converters: 0 }, treatment: { converters: 0 } } }],
    })
    expectNoNaN(zero)
    const t0 = variant(zero.metrics[0], 'treatment')
    expect(t0.pValue).toBe(1)
    expect(t0.relativeLift).toBeNull()
    expect(t0.power).toBeNull()
    expect(t0.sequentialPValue).toBeNull()
    expect(variant(zero.metrics[0], 'control').ci?.[1]).toBeGreaterThan(0)
    const all = analyzeExperiment({
      ...base,
      metrics: [{ key: 'p', kind: 'conversion', variants: { control: { converters: 10_000 }, treatment: { converters: 10_000 } } }],
    })
    expectNoNaN(all)
    expect(variant(all.metrics[0], 'treatment')).toMatchObject({ pValue: 1, relativeLift: 0, power: null })
  })

  it('n < 2 and zero variance give null tests for continuous metrics', () => {
    const a = analyzeExperiment({
      variants: [
        { key: 'control', weight: 1, units: 1 },
        { key: 'treatment', weight: 1, units: 3 },
      ],
      metrics: [{ key: 'revenue', kind: 'revenue', variants: { control: { sum: 5, sumSquares: 25 }, treatment: { sum: 6, sumSquares: 12 } } }],
    })
    expectNoNaN(a)
    expect(variant(a.metrics[0], 'control')).toMatchObject({ mean: 5, variance: null, ci: null })
    expect(variant(a.metrics[0], 'treatment')).toMatchObject({ mean: 2, variance: 0, pValue: null })
  })

  it('an unknown control key leaves comparisons null instead of throwing', () => {
    const a = analyzeExperiment({ ...base, controlKey: 'nope' })
    expect(a.controlKey).toBeNull()
    expect(a.metrics[0]?.variants.every((v) => v.pValue === null && !v.isControl)).toBe(true)
    expect(a.recommendation.status).toBe('keep_running')
  })

  it('never returns NaN, whatever the aggregates', () => {
    const count = fc.oneof(fc.constant(0), fc.constant(1), fc.integer({ min: 0, max: 100_000 }))
    fc.assert(
      fc.property(count, count, count, count, fc.double({ min: -1e6, max: 1e6, noNaN: true }), (nC, nT, xC, xT, value) => {
        const a = analyzeExperiment({
          variants: [
            { key: 'control', weight: 1, units: nC },
            { key: 'treatment', weight: 1, units: nT },
          ],
          metrics: [
            { key: 'p', kind: 'conversion', variants: { control: { converters: xC }, treatment: { converters: xT } } },
            {
              key: 'v',
              kind: 'revenue',
              variants: {
                control: twoPointSums(nC, Math.min(xC, nC), value, 0),
                treatment: twoPointSums(nT, Math.min(xT, nT), value / 2, 1),
              },
            },
          ],
        })
        expectNoNaN(a)
        for (const metric of a.metrics) {
          for (const v of metric.variants) {
            if (v.pValue !== null) expect(v.pValue >= 0 && v.pValue <= 1).toBe(true)
            if (v.ci !== null && v.mean !== null) expect(v.ci[0] <= v.mean && v.mean <= v.ci[1]).toBe(true)
            if (v.chanceToBeatControl !== null) expect(v.chanceToBeatControl >= 0 && v.chanceToBeatControl <= 1).toBe(true)
          }
        }
      }),
      { numRuns: 200 },
    )
  })
})
