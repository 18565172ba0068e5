/**
 * Deterministic bucketing (SPEC §4): MurmurHash3 x86 32-bit, seed 0, over the UTF-8 bytes of a
 * string, scaled to an integer in 0…99,999.
 *
 * The evaluator's own hash lives here; the public `bucket()` on `murmurhash3js-revisited` lives in
 * bucket.ts, so that an app which never calls `bucket()` does not bundle the library (CommonJS,
 * three hashes, ~1.8 KB gzip, not tree-shakeable).
 */
const encoder = new TextEncoder()

/** The number of buckets: percentages carry three decimals, so 100 % is 100,000 buckets. */
export const BUCKETS = 100_000

/** 2^32: scales a 32-bit hash to the bucket range. */
export const TWO_32 = 4_294_967_296

const scramble = (k: number): number => Math.imul(((k = Math.imul(k, 0xcc9e2d51)) << 15) | (k >>> 17), 0x1b873593)

/**
 * The bucket of the concatenation of `parts`, hashed as one byte per char code, or -1 when a char
 * code is above `max`. The parts are read in turn rather than joined: a joined string is a rope
 * that the engine flattens before reading it, which costs more than the hash.
 */
function murmur(parts: readonly string[], max: number): number {
  let h = 0
  let k = 0
  let seen = 0
  let n = 0
  let c
  for (const s of parts) {
    for (let i = 0; i < s.length; i++, n++) {
      // A shift counts modulo 32: byte n goes to bits 8 * (n % 4) of its block.
      k |= (seen |= c = s.charCodeAt(i), c) << (n << 3)
      if ((n & 3) == 3) {
        h ^= scramble(k)
        h = (Math.imul((h << 13) | (h >>> 19), 5) + 0xe6546b64) | 0
        k = 0
      }
    }
  }
  h ^= scramble(k) ^ n
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b)
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35)
  return seen > max ? -1 : Math.floor((((h ^ (h >>> 16)) >>> 0) * BUCKETS) / TWO_32)
}

/**
 * `bucket` (bucket.ts) of the concatenation of `parts`, with the hash of this module: the same
 * integer, without the library. ASCII text is hashed from its char codes (only they are their own
 * UTF-8 bytes), without allocating; other text from its `TextEncoder` bytes.
 *
 * @internal
 */
export function fastBucket(...parts: string[]): number {
  const b = murmur(parts, 127)
  if (b >= 0) return b
  let bytes = ''
  for (const byte of encoder.encode(parts.join(''))) bytes += String.fromCharCode(byte)
  return murmur([bytes], 255)
}
