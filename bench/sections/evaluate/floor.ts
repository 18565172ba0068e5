// The floor of the evaluation benchmark: a bare hand-written evaluator of the two flags, as fast
// as an evaluator gets (ASCII ids hashed straight from char codes, a Set for the countries).

/** The context every contender reads. */
export interface BenchContext {
  userId: string
  country: string
  plan: string
}

// ---- the floor: a bare hand-written evaluator of the two flags ------------------------------

// MurmurHash3 x86 32-bit, seed 0, hand-written over char codes: the ids here are ASCII, whose UTF-8
// bytes are their char codes. As bare as an evaluator gets: no validation, no fallback.
function murmurAscii(text: string): number {
  const length = text.length
  const blocks = length & ~3
  let h = 0
  let k = 0
  for (let i = 0; i < blocks; i += 4) {
    k = text.charCodeAt(i) | (text.charCodeAt(i + 1) << 8) | (text.charCodeAt(i + 2) << 16) | (text.charCodeAt(i + 3) << 24)
    k = Math.imul(k, 0xcc9e2d51)
    k = (k << 15) | (k >>> 17)
    k = Math.imul(k, 0x1b873593)
    h ^= k
    h = (h << 13) | (h >>> 19)
    h = (Math.imul(h, 5) + 0xe6546b64) | 0
  }
  k = 0
  const tail = length & 3
  if (tail === 3) k ^= text.charCodeAt(blocks + 2) << 16
  if (tail >= 2) k ^= text.charCodeAt(blocks + 1) << 8
  if (tail >= 1) {
    k ^= text.charCodeAt(blocks)
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

const floorBucket = (text: string): number => Math.floor((murmurAscii(text) * 100_000) / 4_294_967_296)
const EU = new Set(['DE', 'FR', 'NL'])
/** `new-checkout`: DE/FR/NL on pro, else a 30 % rollout. */
export function floorNewCheckout(c: BenchContext): boolean {
  if (EU.has(c.country) && c.plan === 'pro') return true
  return floorBucket(`new-checkout.rollout.${c.userId}`) < 30_000
}
/** `checkout-exp`: a 50/50 split. */
export function floorCheckoutExp(c: BenchContext): string {
  return floorBucket(`checkout-exp.${c.userId}`) < 50_000 ? 'control' : 'test'
}

