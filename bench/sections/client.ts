// Issue 3 benchmark: the client runtime. track() throughput with IndexedDB persistence on (fake-indexeddb
// in Node; writes are write-behind, so the figure is the call cost plus one coalesced write per burst),
// setContext re-evaluation over 1,000 cached flags, and the heap held by 10,000 queued events.
// Prints figures; asserts nothing. Targets: >= 200,000 track()/s, setContext over 1,000 flags < 2 ms.
import { setFlagsFromString } from 'node:v8'
import { runInNewContext } from 'node:vm'
import { IDBFactory } from 'fake-indexeddb'
import { createClient, type Flag, type Snapshot } from '../../packages/core/src/index'

const fmt = (n: number, d = 0): string => n.toLocaleString('en-US', { maximumFractionDigits: d, minimumFractionDigits: d })
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!
const quiet = { warn: () => {}, error: () => {} }
// A collectable heap without restarting node with --expose-gc.
setFlagsFromString('--expose-gc')
const gc = runInNewContext('gc') as () => void

function snapshot(n: number): Snapshot {
  const flags: Record<string, Flag> = {}
  for (let i = 0; i < n; i++) {
    flags['flag-' + i] =
      i % 4 === 0
        ? {
            type: 'string',
            enabled: true,
            variations: { a: 'A', b: 'B' },
            offVariation: 'a',
            fallthrough: { split: [{ variation: 'a', weight: 50 }, { variation: 'b', weight: 50 }], experiment: 'exp-' + i },
          }
        : {
            type: 'boolean',
            enabled: true,
            variations: { on: true, off: false },
            offVariation: 'off',
            rules: [
              { id: 'country', conditions: [{ attribute: 'country', op: 'in', values: ['DE', 'FR'] }], serve: { variation: 'on' } },
              { id: 'plan', conditions: [{ attribute: 'plan', op: 'in', values: ['pro'] }], rollout: 50, serve: { variation: 'on' } },
            ],
            fallthrough: { variation: 'off' },
          }
  }
  return { schemaVersion: 1, revision: '1', environment: 'bench', flags }
}

async function trackRate(): Promise<void> {
  const saved = globalThis.indexedDB
  globalThis.indexedDB = new IDBFactory()
  // A service that accepts every batch at once, so the queue drains between bursts as in an app.
  const fetch = async () => ({ status: 202, headers: { get: () => null }, text: async () => '' })
  const c = createClient({ persistence: 'indexeddb', eventsUrl: 'http://bench/events', fetch, logger: quiet, context: { userId: 'u1' } })
  await c.ready()
  const rates: number[] = []
  const n = 10_000 // one full queue (maxQueueSize) per burst
  for (let round = 0; round < 12; round++) {
    gc()
    const t0 = performance.now()
    for (let i = 0; i < n; i++) c.track('checkout', { value: i })
    const t1 = performance.now()
    if (round > 1) rates.push(n / ((t1 - t0) / 1000))
    // Delivery and the coalesced IndexedDB write happen between bursts, outside the timing.
    await c.flush()
  }
  const s = c.getState().events
  console.log(`track() with IndexedDB persistence: ${fmt(median(rates))} calls/s (median of 10 bursts of 10,000; target >= 200,000)`)
  console.log(`  delivered ${fmt(s.sent)} events, ${fmt(s.dropped)} dropped, ${fmt(s.queued)} left`)
  await c.close()
  if (saved) globalThis.indexedDB = saved
  else delete (globalThis as { indexedDB?: unknown }).indexedDB
}

async function setContextTime(): Promise<void> {
  const c = createClient({ persistence: 'memory', logger: quiet, bootstrap: { v: 1, snapshot: snapshot(1000), context: { userId: 'u0' }, evaluatedAt: new Date().toISOString(), evaluations: {} } })
  c.evaluateAll()
  const contexts = Array.from({ length: 64 }, (_, i) => ({ userId: 'u' + i, country: ['DE', 'US', 'FR', 'JP'][i % 4], plan: i % 3 ? 'pro' : 'free' }))
  for (let i = 0; i < 200; i++) c.setContext(contexts[i % 64]!) // warm up
  gc()
  const times: number[] = []
  for (let i = 0; i < 500; i++) {
    const t0 = performance.now()
    c.setContext(contexts[i % 64]!)
    times.push(performance.now() - t0)
  }
  times.sort((a, b) => a - b)
  console.log(
    `setContext, 1,000 cached flags re-evaluated: median ${fmt(median(times), 3)} ms, p95 ${fmt(times[Math.floor(times.length * 0.95)]!, 3)} ms (target < 2 ms)`,
  )
  await c.close()
}

async function queueHeap(): Promise<void> {
  gc()
  const before = process.memoryUsage().heapUsed
  const c = createClient({ persistence: 'memory', logger: quiet, context: { userId: 'user-12345', deviceId: 'device-67890' } })
  for (let i = 0; i < 10_000; i++) c.track('add-to-cart', { value: i, properties: { sku: 'sku-' + (i % 500) } })
  gc()
  const after = process.memoryUsage().heapUsed
  if (c.getState().events.queued !== 10_000) throw new Error('queue lost events')
  console.log(
    `heap held by 10,000 queued conversion events: ${fmt((after - before) / 1024 / 1024, 2)} MiB (~${fmt((after - before) / 10_000)} bytes/event)`,
  )
  await c.close()
}

export async function run(): Promise<void> {
  await trackRate()
  await setContextTime()
  await queueHeap()
}
