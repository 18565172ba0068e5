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
 * bytes already mixed in, `t` of which (0 to 3) are still waiting in `k`. `-1` when a char code is
 * above `max` (127 for text hashed as is: only ASCII char codes are their own UTF-8 bytes).
 */
function murmur(h: number, k: number, t: number, n: number, s: string, max: number): number {
  const length = s.length
  let seen = 0
  let i = 0
  // Completes the block the prefix left open, then whole blocks, then the tail.
  for (let c; t && i < length; i++) {
    seen |= c = s.charCodeAt(i)
    k |= c << (t++ << 3)
    if (t == 4) h = mix(h, k), (k = t = 0)
  }
  for (; i + 3 < length; i += 4) {
    const a = s.charCodeAt(i)
    const b = s.charCodeAt(i + 1)
    const c = s.charCodeAt(i + 2)
    const d = s.charCodeAt(i + 3)
    seen |= a | b | c | d
    h = mix(h, a | (b << 8) | (c << 16) | (d << 24))
  }
  for (let c; i < length; i++) {
    seen |= c = s.charCodeAt(i)
    k |= c << (t++ << 3)
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
  const b = murmur(0, 0, 0, 0, text, 127)
  if (b >= 0) return b
  let bytes = ''
  for (const byte of encoder.encode(text)) bytes += String.fromCharCode(byte)
  return murmur(0, 0, 0, 0, bytes, 255)
}

/**
 * The hash state after a prefix (a flag's `salt + "."`): the state after its whole 4-byte blocks,
 * its last 0 to 3 bytes and how many, and the prefix itself; the state is `undefined` when the
 * prefix is not ASCII.
 *
 * @internal
 */
export interface HashPrefix {
  readonly h: number | undefined
  readonly k: number
  readonly t: number
  readonly text: string
}

/**
 * Precomputes the hash state of a prefix, so that its blocks are mixed once per snapshot.
 *
 * @internal
 */
export function hashPrefix(text: string): HashPrefix {
  if (!ASCII.test(text)) return { h: undefined, k: 0, t: 0, text }
  let h = 0
  let k = 0
  let t = 0
  for (let i = 0; i < text.length; i++) {
    k |= text.charCodeAt(i) << (t++ << 3)
    if (t == 4) h = mix(h, k), (k = t = 0)
  }
  return { h, k, t, text }
}

/**
 * `bucket(prefix text + unit)`, continuing from the prefix's precomputed state.
 *
 * @internal
 */
export function prefixedBucket(prefix: HashPrefix, unit: string): number {
  const { h, text } = prefix
  const b = h === undefined ? -1 : murmur(h, prefix.k, prefix.t, text.length, unit, 127)
  return b >= 0 ? b : fastBucket(text + unit)
}
