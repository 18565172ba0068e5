/**
 * `npm run bench:server`: load figures for @vexil/server. The server runs in this process; the
 * load comes from autocannon in a child process, so the two do not share an event loop. Bounded:
 * 127.0.0.1 only, a few seconds per scenario, a temporary database removed at the end.
 *
 * Prints snapshot requests/s (304 and 200), events ingested/s in batches of 100, and the time of
 * the results query over 1,000,000 stored events. Targets: ≥ 10,000 req/s (304), ≥ 50,000
 * events/s, results < 2 s.
 */
import { spawn } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

const SELF = fileURLToPath(import.meta.url)
const DURATION = Number(process.env.BENCH_DURATION ?? 5)
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 20)
const STORED_EVENTS = 1_000_000
// BENCH_ONLY=snapshot,events,results runs a subset.
const ONLY = new Set((process.env.BENCH_ONLY ?? 'snapshot,events,results').split(','))

interface LoadConfig {
  url: string
  method: 'GET' | 'POST'
  headers: Record<string, string>
  /** POST: events per generated batch. */
  batch?: number
  connections: number
  duration: number
}

interface LoadResult {
  requestsPerSecond: number
  latencyP50: number
  latencyP99: number
  statusCounts: Record<string, number>
  errors: number
  non2xx: number
  total: number
}

// ---- child: run autocannon and print its summary as JSON -----------------------------------------

async function runLoad(config: LoadConfig): Promise<void> {
  const { default: autocannon } = await import('autocannon')
  type Options = Parameters<typeof autocannon>[0]
  let counter = 0
  const now = new Date().toISOString()
  const body = (): string => {
    counter++
    const events = []
    for (let i = 0; i < (config.batch ?? 0); i++) {
      const unit = `user-${(counter * 131 + i * 7) % 200_000}`
      events.push({
        type: 'exposure',
        // Real SDK ids are random UUIDs; sequential ones would flatter the id index.
        id: randomUUID(),
        timestamp: now,
        userId: unit,
        flag: 'hero-layout',
        variation: i % 2 ? 'control' : 'grid',
        reason: 'SPLIT',
        experiment: 'bench-ingest',
        bucketBy: 'userId',
        unit,
        revision: '1',
      })
    }
    return JSON.stringify({ sdk: 'vexil-bench', sentAt: now, events })
  }
  const options: Options = {
    url: config.url,
    method: config.method,
    headers: config.headers,
    connections: config.connections,
    duration: config.duration,
  }
  // Each request gets a fresh batch: reused ids would only measure duplicate dropping.
  if (config.method === 'POST') options.requests = [{ method: 'POST', setupRequest: (req) => ({ ...req, body: body() }) }]
  const result = await autocannon(options)
  const statusCounts: Record<string, number> = {}
  for (const [code, n] of Object.entries(result.statusCodeStats ?? {})) statusCounts[code] = (n as { count: number }).count
  const out: LoadResult = {
    requestsPerSecond: result.requests.average,
    latencyP50: result.latency.p50,
    latencyP99: result.latency.p99,
    statusCounts,
    errors: result.errors,
    non2xx: result.non2xx,
    total: result.requests.total,
  }
  process.stdout.write(JSON.stringify(out))
}

// ---- parent: server + scenarios ---------------------------------------------------------------------

/** Runs a load and measures this (the server's) process CPU meanwhile. */
async function load(config: LoadConfig): Promise<LoadResult & { serverCpu: number }> {
  const cpu = process.cpuUsage()
  const t0 = performance.now()
  const result = await loadChild(config)
  const used = process.cpuUsage(cpu)
  return { ...result, serverCpu: Math.round(((used.user + used.system) / 1000 / (performance.now() - t0)) * 100) }
}

function loadChild(config: LoadConfig): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...process.execArgv, SELF, '--load', JSON.stringify(config)], {
      stdio: ['ignore', 'pipe', 'inherit'],
    })
    let out = ''
    child.stdout.on('data', (c: Buffer) => (out += c.toString()))
    child.on('exit', (code) => {
      if (code !== 0) reject(new Error(`load process exited with ${code}`))
      else resolve(JSON.parse(out) as LoadResult)
    })
  })
}

const fmt = (n: number): string => Math.round(n).toLocaleString('en-US')

async function seedEvents(dbFile: string, total: number): Promise<number> {
  const { default: Database } = await import('better-sqlite3')
  const db = new Database(dbFile)
  db.pragma('journal_mode = WAL')
  db.pragma('synchronous = OFF')
  // 60 % exposures (500,000 units, some exposed twice), 40 % conversions.
  const exposures = Math.round(total * 0.6)
  const conversions = total - exposures
  const units = 500_000
  const start = Date.UTC(2026, 10, 1)
  const insertExposure = db.prepare(
    `INSERT INTO exposures (id, environment, experiment, flag, variation, reason, rule, bucket_by, unit, revision,
       user_id, device_id, ts, received_at) VALUES (?, 'production', 'bench-results', 'hero-layout', ?, 'SPLIT', NULL,
       'userId', ?, '1', ?, NULL, ?, ?)`,
  )
  const insertConversion = db.prepare(
    `INSERT INTO conversions (id, environment, event, user_id, device_id, value, properties, ts, received_at)
     VALUES (?, 'production', ?, ?, NULL, ?, NULL, ?, ?)`,
  )
  const variations = ['control', 'carousel', 'grid']
  const fill = db.transaction(() => {
    for (let i = 0; i < exposures; i++) {
      const u = i % units
      const user = `user-${u}`
      insertExposure.run(`x-${i}`, variations[u % 3], user, user, start + i * 10, start + i * 10)
    }
    for (let i = 0; i < conversions; i++) {
      // Conversions spread over units, a little more often for "grid", half of them revenue events.
      const u = (i * 7919) % units
      const event = i % 2 ? 'purchase' : 'add-to-cart'
      insertConversion.run(`c-${i}`, event, `user-${u}`, 20 + (i % 50), start + 5_000_000 + i * 15, start)
    }
  })
  const t0 = performance.now()
  fill()
  // A running server checkpoints as it goes; without this the first write after seeding would pay
  // for copying the whole seeded WAL back into the database inside the timed request.
  db.pragma('wal_checkpoint(TRUNCATE)')
  db.close()
  return performance.now() - t0
}

async function main(): Promise<void> {
  const { startServer } = await import('@vexil/server')
  const dir = mkdtempSync(join(tmpdir(), 'vexil-bench-'))
  const dbFile = join(dir, 'vexil.db')
  const flagsFile = fileURLToPath(new URL('../examples/flags.json', import.meta.url))
  const server = await startServer({ port: 0, db: dbFile, flags: flagsFile, maxEventsPerBatch: 1000 })
  const key = 'vexil-browser-production'
  try {
    console.log(`@vexil/server benchmark: ${CONNECTIONS} connections, ${DURATION} s per scenario, autocannon in a child process\n`)
    const first = await fetch(`${server.url}/v1/snapshot`, { headers: { authorization: `Bearer ${key}` } })
    const etag = first.headers.get('etag') ?? ''
    const size = (await first.text()).length
    const base = { url: `${server.url}/v1/snapshot`, method: 'GET' as const, connections: CONNECTIONS, duration: DURATION }

    if (ONLY.has('snapshot')) {
    const r304 = await load({ ...base, headers: { authorization: `Bearer ${key}`, 'if-none-match': etag } })
    console.log(`snapshot 304 (If-None-Match):      ${fmt(r304.requestsPerSecond)} req/s  p50 ${r304.latencyP50} ms  p99 ${r304.latencyP99} ms  statuses ${JSON.stringify(r304.statusCounts)}  server CPU ${r304.serverCpu} %  (target ≥ 10,000)`)
    const r200 = await load({ ...base, headers: { authorization: `Bearer ${key}`, 'accept-encoding': 'br, gzip' } })
    console.log(`snapshot 200 (${size} B, brotli):   ${fmt(r200.requestsPerSecond)} req/s  p50 ${r200.latencyP50} ms  p99 ${r200.latencyP99} ms  statuses ${JSON.stringify(r200.statusCounts)}`)
    const r200plain = await load({ ...base, headers: { authorization: `Bearer ${key}` } })
    console.log(`snapshot 200 (${size} B, identity): ${fmt(r200plain.requestsPerSecond)} req/s  p50 ${r200plain.latencyP50} ms  p99 ${r200plain.latencyP99} ms`)

    }
    if (ONLY.has('events')) {
    const events = await load({
      url: `${server.url}/v1/events`,
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      batch: 100,
      connections: CONNECTIONS,
      duration: DURATION,
    })
    const stored = (await import('better-sqlite3')).default
    const check = new stored(dbFile, { readonly: true })
    const ingested = (check.prepare("SELECT COUNT(*) AS n FROM exposures WHERE experiment = 'bench-ingest'").get() as { n: number }).n
    check.close()
    console.log(`events (batches of 100):           ${fmt(ingested / DURATION)} events/s stored (${fmt(ingested)} in ${DURATION} s, ${fmt(events.requestsPerSecond)} batches/s, p99 ${events.latencyP99} ms, non-2xx ${events.non2xx}, server CPU ${events.serverCpu} %)  (target ≥ 50,000)`)

    }
    if (ONLY.has('results')) {
    const seedMs = await seedEvents(dbFile, STORED_EVENTS)
    await fetch(`${server.url}/v1/experiments`, {
      method: 'POST',
      headers: { authorization: 'Bearer vexil-admin-dev', 'content-type': 'application/json' },
      body: JSON.stringify({
        key: 'bench-results',
        flag: 'hero-layout',
        environment: 'production',
        primaryMetric: { event: 'purchase', type: 'conversion' },
        secondaryMetrics: [{ event: 'purchase', type: 'revenue', name: 'revenue' }],
      }),
    })
    const timings: number[] = []
    const serverTimings: number[] = []
    let summary = ''
    for (let i = 0; i < 3; i++) {
      // One new event per look, so each look recomputes instead of reusing the cached answer.
      await fetch(`${server.url}/v1/events`, {
        method: 'POST',
        headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
        body: JSON.stringify({ events: [{ type: 'conversion', id: randomUUID(), timestamp: new Date().toISOString(), userId: `user-${i}`, event: 'purchase', value: 10 }] }),
      })
      const t0 = performance.now()
      const res = await fetch(`${server.url}/v1/experiments/bench-results/results`, {
        headers: { authorization: 'Bearer vexil-admin-dev' },
      })
      const body = (await res.json()) as { analysis: { totalUnits: number; srm: { mismatch: boolean } }; durationMs: number }
      timings.push(performance.now() - t0)
      serverTimings.push(body.durationMs)
      summary = `${fmt(body.analysis.totalUnits)} units, SRM ${body.analysis.srm.mismatch ? 'flagged' : 'ok'}`
    }
    console.log(`results over ${fmt(STORED_EVENTS)} stored events:   ${timings.map((t) => `${fmt(t)} ms`).join(', ')} (in the service: ${serverTimings.map((t) => `${fmt(t)} ms`).join(', ')}; 2 metrics; ${summary}; seeded in ${fmt(seedMs)} ms)  (target < 2,000 ms)`)
    }
  } finally {
    await server.close()
    rmSync(dir, { recursive: true, force: true })
  }
}

// Workspace packages resolve to their TypeScript source only under the "@vexil/source" condition;
// `tsx bench/server.ts` does not set it, so the benchmark re-runs itself with it.
if (process.argv[2] === '--load') {
  await runLoad(JSON.parse(process.argv[3] ?? '{}') as LoadConfig)
} else if (!process.execArgv.some((a) => a.includes('@vexil/source'))) {
  const child = spawn(process.execPath, ['--conditions=@vexil/source', ...process.execArgv, SELF, ...process.argv.slice(2)], {
    stdio: 'inherit',
  })
  child.on('exit', (code) => process.exit(code ?? 1))
} else {
  await main()
}
