// Seeded randomness shared by the evaluation benchmark's generators.

/** Countries drawn for the users (three of them are in the targeted rule). */
export const COUNTRIES = ['DE', 'FR', 'NL', 'US', 'GB', 'IN', 'JP', 'BR', 'ES', 'IT']

// A seeded generator, so every run times the same population.
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296
  }
}

