/**
 * Deterministic bucketing (SPEC §4): MurmurHash3 x86 32-bit, seed 0, over the UTF-8 bytes of a
 * string, scaled to an integer in 0…99,999.
 */
import murmur from 'murmurhash3js-revisited'

// One encoder for the module: TextEncoder is stateless, and creating one per call costs more than
// the hash itself.
const encoder = new TextEncoder()

/** The number of buckets: percentages carry three decimals, so 100 % is 100,000 buckets. */
export const BUCKETS = 100_000

/**
 * The bucket of `text`: `floor(murmur3_x86_32(utf8(text), 0) * 100000 / 2^32)`.
 *
 * UTF-8 is as `TextEncoder` makes it, so a lone surrogate hashes as U+FFFD.
 *
 * @returns an integer from 0 to 99,999.
 */
export function bucket(text: string): number {
  const hash = murmur.x86.hash32(encoder.encode(String(text)), 0)
  return Math.floor((hash * BUCKETS) / 4_294_967_296)
}
