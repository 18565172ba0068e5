/**
 * Shoppers for the demo's results page. Each simulated user is a real
 * `@vexil/core` client (the same code a browser runs): it fetches the snapshot, is bucketed into
 * the hero-layout experiment, records its exposure, and sometimes buys, tracking a `purchase` with
 * the price. The arms convert at different true rates, so the results page has something to find.
 *
 * Bounded and local: at most 20,000 users, and only a flag service on this machine (127.0.0.1).
 * `npm run simulate` (scripts/simulate.ts) is the command line around it.
 */
import { randomBytes } from 'node:crypto'
import { createClient } from '@vexil/core'
import type { VexilClient } from '@vexil/core'

const LOCAL_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]'])
const MAX_USERS = 20_000
const CONCURRENCY = 40

/** True purchase probability per arm of hero-layout: what a good analysis should recover. */
const PURCHASE_RATE: Record<string, number> = { control: 0.08, carousel: 0.09, grid: 0.115 }
const PRICES = [89, 18, 149, 34, 12, 119]
const COUNTRIES = ['US', 'DE', 'FR', 'GB', 'NL', 'FI', 'ES', 'IT', 'CA', 'SE']

/** A small seeded PRNG (mulberry32), so a run's shoppers are reproducible from its seed. */
function prng(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

export interface SimulationOptions {
  url: string
  users: number
  environment?: string
  /** Makes the run reproducible; users get fresh ids either way unless `runId` is given too. */
  seed?: number
  runId?: string
  log?: (line: string) => void
}

export interface SimulationResult {
  users: number
  exposures: Record<string, number>
  purchases: Record<string, number>
  revenue: number
}

/** Checks the target is this machine: the simulator must never load someone else's service. */
export function localServiceUrl(raw: string): string {
  const url = new URL(raw)
  if (!LOCAL_HOSTS.has(url.hostname)) throw new Error(`refusing ${raw}: the simulator only talks to a flag service on 127.0.0.1`)
  return url.origin
}

async function shopper(base: string, key: string, userId: string, random: () => number, result: SimulationResult): Promise<void> {
  const client: VexilClient = createClient({
    snapshotUrl: `${base}/v1/snapshot`,
    eventsUrl: `${base}/v1/events`,
    clientKey: key,
    persistence: 'memory',
    pollInterval: 0,
    context: { userId, country: COUNTRIES[Math.floor(random() * COUNTRIES.length)]!, email: `${userId}@example.com` },
  })
  try {
    const state = await client.ready({ timeout: 10_000 })
    if (state.status !== 'ready') throw new Error(`client not ready: ${state.error?.message ?? state.status}`)
    // What the page's <Hero> does: read the arm with an exposure.
    const arm = client.getVariant('hero-layout').variation ?? 'control'
    result.exposures[arm] = (result.exposures[arm] ?? 0) + 1
    if (random() < (PURCHASE_RATE[arm] ?? 0.08)) {
      // Grid shoppers also buy a little more per order: the revenue metric has a signal too.
      const value = PRICES[Math.floor(random() * PRICES.length)]! * (arm === 'grid' ? 1.1 : 1)
      client.track('purchase', { value: Math.round(value * 100) / 100, properties: { simulated: true } })
      result.purchases[arm] = (result.purchases[arm] ?? 0) + 1
      result.revenue += value
    }
    await client.flush()
  } finally {
    await client.close()
  }
}

export async function simulate(o: SimulationOptions): Promise<SimulationResult> {
  const base = localServiceUrl(o.url)
  const users = Math.max(0, Math.min(MAX_USERS, Math.floor(o.users)))
  const key = `vexil-browser-${o.environment ?? 'development'}`
  const random = prng(o.seed ?? Date.now())
  const runId = o.runId ?? randomBytes(3).toString('hex')
  const result: SimulationResult = { users, exposures: {}, purchases: {}, revenue: 0 }
  let next = 0
  let done = 0
  const worker = async (): Promise<void> => {
    while (next < users) {
      const n = next++
      await shopper(base, key, `sim-${runId}-${n}`, random, result)
      if (++done % 250 === 0) o.log?.(`  ${done}/${users} shoppers`)
    }
  }
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, users) }, worker))
  return result
}
