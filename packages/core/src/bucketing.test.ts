import fc from 'fast-check'
import murmur from 'murmurhash3js-revisited'
import { describe, expect, it } from 'vitest'
import { bucket } from './bucket'
import { fastBucket } from './bucketing'

describe('bucket', () => {
  it('is an integer from 0 to 99,999', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (text) => {
        const b = bucket(text)
        expect(Number.isInteger(b)).toBe(true)
        expect(b).toBeGreaterThanOrEqual(0)
        expect(b).toBeLessThan(100_000)
      }),
    )
  })

  it('hashes UTF-8 as TextEncoder makes it: a lone surrogate is U+FFFD', () => {
    expect(bucket('a\ud800b')).toBe(bucket('a\ufffdb'))
    expect(bucket('\udc00')).toBe(bucket('\ufffd'))
  })

  it('matches murmurhash3js-revisited over TextEncoder bytes', () => {
    const encoder = new TextEncoder()
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (text) => {
        const hash = murmur.x86.hash32(encoder.encode(text), 0)
        expect(bucket(text)).toBe(Math.floor((hash * 100_000) / 2 ** 32))
      }),
    )
  })
})

describe("the evaluator's hash (fastBucket)", () => {
  it('gives exactly bucket() for any string: ASCII, BMP, astral, lone surrogates, every length mod 4', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.string({ unit: 'binary' }), fc.string({ unit: 'grapheme' }), fc.string({ unit: 'binary', maxLength: 3000 })), (text) => {
        expect(fastBucket(text)).toBe(bucket(text))
      }),
      { numRuns: 2000 },
    )
  })

  it('handles text longer than its scratch buffer', () => {
    const long = 'é'.repeat(5000)
    expect(fastBucket(long)).toBe(bucket(long))
    expect(fastBucket('')).toBe(0)
  })
})

describe('hashing parts', () => {
  it('gives bucket() of the parts joined, for any parts', () => {
    const text = fc.oneof(fc.string({ maxLength: 12 }), fc.string({ unit: 'binary', maxLength: 12 }))
    fc.assert(
      fc.property(text, text, text, (salt, separator, unit) => {
        expect(fastBucket(salt, separator, unit)).toBe(bucket(salt + separator + unit))
      }),
      { numRuns: 3000 },
    )
  })
})
