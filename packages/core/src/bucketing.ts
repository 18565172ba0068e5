/**
 * Deterministic bucketing (SPEC §4): MurmurHash3 x86 32-bit, seed 0, over the UTF-8 bytes of a
 * string, scaled to an integer in 0…99,999.
 *
 * The evaluator's own allocation-free hash lives here; the public `bucket()` on
 * `murmurhash3js-revisited` lives in bucket.ts, so that an app which never calls `bucket()` does not
 * bundle the library (CommonJS, three hashes, ~1.8 KB gzip, not tree-shakeable).
 */
const encoder = new TextEncoder()

/** The number of buckets: percentages carry three decimals, so 100 % is 100,000 buckets. */
export const BUCKETS = 100_000

/** 2^32: scales a 32-bit hash to the bucket range. */
export const TWO_32 = 4_294_967_296

const scramble = (k: number): number => {
  k = Math.imul(k, 0xcc9e2d51)
  return Math.imul((k << 15) | (k >>> 17), 0x1b873593)
}

const mix = (h: number, k: number): number => {
  h ^= scramble(k)
  return (Math.imul((h << 13) | (h >>> 19), 5) + 0xe6546b64) | 0
}

const ASCII = /^[\0-\x7f]*$/

/**
 * Continues the hash from state `h` over the char codes of `s`, each taken as one byte, after `n`
 * bytes already mixed in; `-1` when a char code is above `max` (127 for text hashed as is, since
 * only ASCII char codes are their own UTF-8 bytes).
 */
function murmur(h: number, s: string, n: number, max: number): number {
  const length = s.length
  let seen = 0
  let k = 0
  let i = 0
  for (let c: number; i < length; i++) {
    seen |= c = s.charCodeAt(i)
    k |= c << ((i & 3) << 3)
    if ((i & 3) == 3) {
      h = mix(h, k)
      k = 0
    }
  }
  if (seen > max) return -1
  h ^= scramble(k) ^ (n + length)
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b)
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35)
  return Math.floor((((h ^ (h >>> 16)) >>> 0) * BUCKETS) / TWO_32)
}

/**
 * `bucket` (bucket.ts) with the hash of this module: the same integer, without the library. ASCII
 * text is hashed from its char codes; other text from its `TextEncoder` bytes.
 *
 * @internal
 */
export function fastBucket(text: string): number {
  const b = murmur(0, text, 0, 127)
  if (b >= 0) return b
  let bytes = ''
  for (const byte of encoder.encode(text)) bytes += String.fromCharCode(byte)
  return murmur(0, bytes, 0, 255)
}

/**
 * The hash state after a prefix (a flag's `salt + "."`): the state after its whole 4-byte blocks,
 * the 0 to 3 characters left over (`undefined` when the prefix is not ASCII), and the prefix.
 *
 * @internal
 */
export type HashPrefix = readonly [h: number, rest: string | undefined, text: string]

/**
 * Precomputes the hash state of a prefix, so that its blocks are mixed once per snapshot.
 *
 * @internal
 */
export function hashPrefix(text: string): HashPrefix {
  if (!ASCII.test(text)) return [0, undefined, text]
  let h = 0
  let i = 0
  for (; i + 4 <= text.length; i += 4) {
    h = mix(h, text.charCodeAt(i) | (text.charCodeAt(i + 1) << 8) | (text.charCodeAt(i + 2) << 16) | (text.charCodeAt(i + 3) << 24))
  }
  return [h, text.slice(i), text]
}

/**
 * `bucket(prefix text + unit)`, continuing from the prefix's precomputed state.
 *
 * @internal
 */
export function prefixedBucket([h, rest, text]: HashPrefix, unit: string): number {
  const b = rest === undefined ? -1 : murmur(h, rest + unit, text.length - rest.length, 127)
  return b >= 0 ? b : fastBucket(text + unit)
}
