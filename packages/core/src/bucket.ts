/**
 * The public `bucket()` of SPEC §4, on `murmurhash3js-revisited` as the contract words it. Its own
 * module so that the library (CommonJS, not tree-shakeable) is bundled only by apps that import
 * `bucket`; the evaluator hashes with the equal `fastBucket` of bucketing.ts.
 */
import murmur from 'murmurhash3js-revisited'
import { BUCKETS, TWO_32 } from './bucketing'

const encoder = new TextEncoder()

/**
 * The bucket of `text`: `floor(murmur3_x86_32(utf8(text), 0) * 100000 / 2^32)`, computed with
 * `murmurhash3js-revisited` over `TextEncoder` bytes, exactly as SPEC §4 words it.
 *
 * UTF-8 is as `TextEncoder` makes it, so a lone surrogate hashes as U+FFFD.
 *
 * @returns an integer from 0 to 99,999.
 */
export function bucket(text: string): number {
  const hash = murmur.x86.hash32(encoder.encode(String(text)), 0)
  return Math.floor((hash * BUCKETS) / TWO_32)
}
