/**
 * Deterministic bucketing (SPEC §4): MurmurHash3 x86 32-bit, seed 0, over the UTF-8 bytes of a
 * string, scaled to an integer in 0…99,999.
 *
 * The evaluator's own allocation-free hash lives here; the public `bucket()` on
 * `murmurhash3js-revisited` lives in bucket.ts, so that an app which never calls `bucket()` does not
 * bundle the library (CommonJS, three hashes, ~1.8 KB gzip, not tree-shakeable).
 */
// One encoder for the module: TextEncoder is stateless, and creating one per call costs more than
// the hash itself.
const encoder = new TextEncoder()

/** The number of buckets: percentages carry three decimals, so 100 % is 100,000 buckets. */
export const BUCKETS = 100_000

/** 2^32: scales a 32-bit hash to the bucket range. */
export const TWO_32 = 4_294_967_296

// Reused for non-ASCII input: `encodeInto` a preallocated buffer costs a seventh of `encode`, which
// allocates a fresh Uint8Array on every call.
const scratch = new Uint8Array(3 * 1024)

function mixBlock(h: number, k: number): number {
  k = Math.imul(k, 0xcc9e2d51)
  k = (k << 15) | (k >>> 17)
  k = Math.imul(k, 0x1b873593)
  h ^= k
  h = (h << 13) | (h >>> 19)
  return (Math.imul(h, 5) + 0xe6546b64) | 0
}

function finish(h: number, k: number, length: number): number {
  if (k !== 0) {
    k = Math.imul(k, 0xcc9e2d51)
    k = (k << 15) | (k >>> 17)
    k = Math.imul(k, 0x1b873593)
    h ^= k
  }
  h ^= length
  h ^= h >>> 16
  h = Math.imul(h, 0x85ebca6b)
  h ^= h >>> 13
  h = Math.imul(h, 0xc2b2ae35)
  h ^= h >>> 16
  return h >>> 0
}

function hashBytes(bytes: Uint8Array, length: number): number {
  let h = 0
  const blocks = length & ~3
  for (let i = 0; i < blocks; i += 4) {
    h = mixBlock(h, (bytes[i] as number) | ((bytes[i + 1] as number) << 8) | ((bytes[i + 2] as number) << 16) | ((bytes[i + 3] as number) << 24))
  }
  let k = 0
  const tail = length & 3
  if (tail === 3) k ^= (bytes[blocks + 2] as number) << 16
  if (tail >= 2) k ^= (bytes[blocks + 1] as number) << 8
  if (tail >= 1) k ^= bytes[blocks] as number
  return finish(h, k, length)
}

/**
 * `bucket` (bucket.ts) over `TextEncoder` bytes with the hash of this module: the same integer,
 * without the library. The fallback of {@link prefixedBucket} for non-ASCII text; ASCII takes the
 * allocation-free path there.
 *
 * @internal
 */
export function fastBucket(text: string): number {
  // UTF-8 takes at most three bytes per UTF-16 code unit, so the scratch buffer never truncates.
  let h: number
  if (text.length * 3 > scratch.length) {
    const bytes = encoder.encode(text)
    h = hashBytes(bytes, bytes.length)
  } else {
    h = hashBytes(scratch, encoder.encodeInto(text, scratch).written)
  }
  return Math.floor((h * BUCKETS) / TWO_32)
}

/**
 * The MurmurHash3 state after an ASCII prefix (a flag's `salt + "."`), so that evaluation hashes
 * only the unit: no string concatenation, and the prefix's blocks are mixed once per snapshot.
 *
 * @internal
 */
export interface HashPrefix {
  readonly text: string
  /** False when the prefix is not ASCII: {@link prefixedBucket} then hashes `text + unit` whole. */
  readonly ascii: boolean
  /** State after the prefix's whole 4-byte blocks. */
  readonly h: number
  /** The prefix's trailing bytes (0 to 3 of them), packed little-endian. */
  readonly k: number
  readonly tailBytes: number
}

/**
 * Precomputes the hash state of a prefix.
 *
 * @internal
 */
export function hashPrefix(text: string): HashPrefix {
  const length = text.length
  for (let i = 0; i < length; i++) {
    if (text.charCodeAt(i) >= 0x80) return { text, ascii: false, h: 0, k: 0, tailBytes: 0 }
  }
  const blocks = length & ~3
  let h = 0
  for (let i = 0; i < blocks; i += 4) {
    h = mixBlock(h, text.charCodeAt(i) | (text.charCodeAt(i + 1) << 8) | (text.charCodeAt(i + 2) << 16) | (text.charCodeAt(i + 3) << 24))
  }
  let k = 0
  for (let i = blocks, shift = 0; i < length; i++, shift += 8) k |= text.charCodeAt(i) << shift
  return { text, ascii: true, h, k, tailBytes: length & 3 }
}

/**
 * `bucket(prefix.text + unit)`, continuing from the prefix's precomputed state.
 *
 * @internal
 */
export function prefixedBucket(prefix: HashPrefix, unit: string): number {
  if (!prefix.ascii) return fastBucket(prefix.text + unit)
  let h = prefix.h
  let k = prefix.k
  let shift = prefix.tailBytes << 3
  const n = unit.length
  let i = 0
  // Complete the block the prefix left open.
  while (shift !== 0 && i < n) {
    const c = unit.charCodeAt(i++)
    if (c >= 0x80) return fastBucket(prefix.text + unit)
    k |= c << shift
    shift += 8
    if (shift === 32) {
      h = mixBlock(h, k)
      k = 0
      shift = 0
    }
  }
  const end = i + ((n - i) & ~3)
  for (; i < end; i += 4) {
    const c0 = unit.charCodeAt(i)
    const c1 = unit.charCodeAt(i + 1)
    const c2 = unit.charCodeAt(i + 2)
    const c3 = unit.charCodeAt(i + 3)
    if ((c0 | c1 | c2 | c3) >= 0x80) return fastBucket(prefix.text + unit)
    h = mixBlock(h, c0 | (c1 << 8) | (c2 << 16) | (c3 << 24))
  }
  for (; i < n; i++) {
    const c = unit.charCodeAt(i)
    if (c >= 0x80) return fastBucket(prefix.text + unit)
    k |= c << shift
    shift += 8
  }
  return Math.floor((finish(h, k, prefix.text.length + n) * BUCKETS) / TWO_32)
}
