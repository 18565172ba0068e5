import { createClient } from '@vexil/core'
import { splitFlag } from '@vexil/test-utils'
import { afterEach, describe, expect, it } from 'vitest'
import { createServer } from '../server'
import { combineAggregates } from '../storage/resultsRepository'
import { ResultsWorkers } from '../storage/resultsWorker'
import { ADMIN, SERVER_DEV, SERVER_PROD, startTestServer } from '../testHelpers'
import type { TestServer } from '../testHelpers'

let t: TestServer | undefined
afterEach(async () => {
  await t?.close()
  t = undefined
})

/** A small deterministic generator (mulberry32), so the simulation is the same on every run. */
function random(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let x = a
    x = Math.imul(x ^ (x >>> 15), x | 1)
    x ^= x + Math.imul(x ^ (x >>> 7), x | 61)
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296
  }
}

/** `checkout`'s rules: `old`/`new` split by `weights`, as experiment `checkout-test`. */
const experimentFlag = (weights: [number, number]) => splitFlag({ control: 'old', treatment: 'new' }, 'checkout-test', weights)

async function setUp(environment: string, weights: [number, number]): Promise<TestServer> {
  const server = await startTestServer({ maxEventsPerBatch: 1000 })
  await server.admin('POST', '/v1/flags', { key: 'checkout', kind: 'experiment', environments: { [environment]: experimentFlag(weights) } })
  const res = await server.admin('POST', '/v1/experiments', {
    key: 'checkout-test',
    flag: 'checkout',
    environment,
    status: 'running',
    primaryMetric: { event: 'purchase', type: 'conversion' },
    secondaryMetrics: [{ event: 'purchase', type: 'revenue', name: 'revenue' }],
  })
  expect(res.status).toBe(201)
  return server
}

/** Runs `users` users through one real client: an exposing read, then maybe a purchase. */
async function simulate(server: TestServer, key: string, users: number, rates: Record<string, number>): Promise<Record<string, number>> {
  const rand = random(7)
  const client = createClient({
    snapshotUrl: `${server.url}/v1/snapshot`,
    eventsUrl: `${server.url}/v1/events`,
    clientKey: key,
    persistence: 'memory',
    pollInterval: 0,
    flushInterval: 60_000,
    summaryInterval: 3_600_000,
    maxBatchSize: 1000,
    maxQueueSize: 100_000,
  })
  const assigned: Record<string, number> = {}
  try {
    await client.ready({ timeout: 5000 })
    for (let i = 0; i < users; i++) {
      client.setContext({ userId: `user-${i}` })
      const result = client.getVariant('checkout')
      const variation = result.variation ?? 'none'
      assigned[variation] = (assigned[variation] ?? 0) + 1
      if (rand() < (rates[variation] ?? 0)) client.track('purchase', { value: 20 + Math.round(rand() * 60) })
    }
    await client.flush()
    expect(client.getState().events).toMatchObject({ queued: 0, dropped: 0, failed: 0 })
  } finally {
    await client.close()
  }
  return assigned
}

describe('GET /v1/experiments/:key/results', () => {
  it('recovers the true rates of 20,000 simulated users and finds the lift significant', async () => {
    t = await setUp('development', [50, 50])
    const assigned = await simulate(t, SERVER_DEV, 20_000, { control: 0.1, treatment: 0.125 })
    const res = await t.admin('GET', '/v1/experiments/checkout-test/results')
    expect(res.status).toBe(200)
    const { analysis, variants } = res.body
    expect(variants).toEqual([
      { key: 'control', weight: 50, units: assigned.control },
      { key: 'treatment', weight: 50, units: assigned.treatment },
    ])
    expect(analysis.totalUnits).toBe(20_000)
    expect(analysis.srm.mismatch).toBe(false)
    const rate = analysis.metrics.find((m: { key: string }) => m.key === 'purchase')
    const [control, treatment] = rate.variants
    expect(control.mean).toBeGreaterThan(0.09)
    expect(control.mean).toBeLessThan(0.11)
    expect(treatment.mean).toBeGreaterThan(0.113)
    expect(treatment.mean).toBeLessThan(0.137)
    expect(treatment.pValue).toBeLessThan(0.01)
    expect(treatment.relativeLift).toBeGreaterThan(0.1)
    expect(analysis.recommendation.status).toBe('significant')
    const revenue = analysis.metrics.find((m: { key: string }) => m.key === 'revenue')
    expect(revenue.kind).toBe('revenue')
    // Mean revenue per exposed user ≈ rate × mean order value (≈ 50).
    expect(revenue.variants[0].mean).toBeGreaterThan(0.09 * 45)
    expect(revenue.variants[0].mean).toBeLessThan(0.11 * 55)
  })

  it('flags a sample ratio mismatch when units were assigned 45/55 against a 50/50 split', async () => {
    t = await setUp('production', [45, 55])
    const assigned = await simulate(t, SERVER_PROD, 20_000, { control: 0.1, treatment: 0.1 })
    expect(assigned.control! / 20_000).toBeCloseTo(0.45, 1)
    // Someone "fixes" the weights mid-experiment: the split now says 50/50.
    await t.admin('PUT', '/v1/flags/checkout/environments/production', experimentFlag([50, 50]))
    const res = await t.admin('GET', '/v1/experiments/checkout-test/results')
    expect(res.body.analysis.srm.mismatch).toBe(true)
    expect(res.body.analysis.srm.pValue).toBeLessThan(0.001)
    expect(res.body.analysis.recommendation.status).toBe('srm')
  })

  it('counts only conversions at or after the unit’s first exposure, per bucketing identity', async () => {
    t = await setUp('development', [50, 50])
    const at = (s: number): string => new Date(Date.UTC(2026, 10, 21, 10, 0, s)).toISOString()
    const exposure = (id: string, unit: string, variation: string, s: number, bucketBy = 'userId'): object => ({
      type: 'exposure', id, timestamp: at(s), flag: 'checkout', variation, reason: 'SPLIT', experiment: 'checkout-test',
      bucketBy, unit, revision: '1', ...(bucketBy === 'userId' ? { userId: unit } : { deviceId: unit }),
    })
    const conversion = (id: string, who: object, s: number, value: number): object => ({
      type: 'conversion', id, timestamp: at(s), event: 'purchase', value, ...who,
    })
    const res = await t.request('POST', '/v1/events', {
      token: SERVER_DEV,
      body: {
        events: [
          exposure('x1', 'u1', 'control', 10),
          exposure('x2', 'u1', 'treatment', 20), // a later exposure does not move u1
          conversion('c1', { userId: 'u1' }, 5, 100), // before exposure: ignored
          conversion('c2', { userId: 'u1' }, 10, 30), // same instant: counts
          conversion('c3', { userId: 'u1' }, 30, 20),
          exposure('x3', 'u2', 'treatment', 10),
          conversion('c4', { userId: 'u9' }, 40, 50), // never exposed: ignored
          exposure('x4', 'd1', 'treatment', 10, 'deviceId'),
          conversion('c5', { deviceId: 'd1', userId: 'someone' }, 11, 7),
        ],
      },
    })
    expect(res.body).toMatchObject({ accepted: 9, rejected: [] })
    const results = await t.admin('GET', '/v1/experiments/checkout-test/results')
    const byVariation = Object.fromEntries(
      results.body.aggregates.revenue.map((a: { variation: string }) => [a.variation, a]),
    )
    expect(byVariation.control).toEqual({
      variation: 'control', units: 1, converters: 1, conversions: 2, valueSum: 50, valueSumSquares: 2500, countSumSquares: 4,
    })
    expect(byVariation.treatment).toEqual({
      variation: 'treatment', units: 2, converters: 1, conversions: 1, valueSum: 7, valueSumSquares: 49, countSumSquares: 1,
    })
    expect((await t.admin('GET', '/v1/experiments/nope/results')).status).toBe(404)

    // The worker thread (file databases) and the event-loop path agree.
    const workers = new ResultsWorkers(t.server.options.db)
    const fromWorker = combineAggregates(await workers.run('development', 'checkout-test', ['purchase']))
    expect(fromWorker.get('purchase')).toEqual(results.body.aggregates.revenue)
    await workers.close()

    // Unchanged data: the same answer is reused; one new event: computed again.
    const again = await t.admin('GET', '/v1/experiments/checkout-test/results')
    expect(again.body.generatedAt).toBe(results.body.generatedAt)
    await t.request('POST', '/v1/events', { token: SERVER_DEV, body: { events: [conversion('c6', { userId: 'u2' }, 50, 5)] } })
    const fresh = await t.admin('GET', '/v1/experiments/checkout-test/results')
    const treatment = fresh.body.aggregates.revenue.find((a: { variation: string }) => a.variation === 'treatment')
    expect(treatment).toMatchObject({ converters: 2, valueSum: 12 })
  })

  it('computes on the event loop for an in-memory database', async () => {
    const server = await createServer({ db: ':memory:' })
    try {
      const admin = { authorization: `Bearer ${ADMIN}`, 'content-type': 'application/json' }
      const post = (url: string, body: unknown) => server.app.inject({ method: 'POST', url, headers: admin, payload: JSON.stringify(body) })
      await post('/v1/flags', { key: 'checkout', environments: { development: experimentFlag([50, 50]) } })
      await post('/v1/experiments', { key: 'checkout-test', flag: 'checkout', environment: 'development', primaryMetric: { event: 'purchase' } })
      const exposure = { type: 'exposure', id: 'm-1', timestamp: new Date().toISOString(), userId: 'u', flag: 'checkout', variation: 'treatment', reason: 'SPLIT', experiment: 'checkout-test', bucketBy: 'userId', unit: 'u', revision: '2' }
      await server.app.inject({ method: 'POST', url: '/v1/events', headers: { authorization: `Bearer ${SERVER_DEV}`, 'content-type': 'application/json' }, payload: JSON.stringify({ events: [exposure] }) })
      const res = await server.app.inject({ method: 'GET', url: '/v1/experiments/checkout-test/results', headers: admin })
      expect(res.statusCode).toBe(200)
      expect(res.json().variants).toEqual([
        { key: 'control', weight: 50, units: 0 },
        { key: 'treatment', weight: 50, units: 1 },
      ])
    } finally {
      await server.close()
    }
  })
})
