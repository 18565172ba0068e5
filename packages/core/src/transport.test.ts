/**
 * The client against a real HTTP server on 127.0.0.1 (real timers, short intervals).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { IDBFactory } from 'fake-indexeddb'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createClient } from './vexilClient'
import { createEnvironment, type Environment } from './environment'
import { createBackoff, isRetryable, request, withKey } from './transport'
import { boolFlag, snap } from './clientTestHelpers'
import type { VexilClient, VexilErrorInfo, VexilEvent } from './clientTypes'

type Handler = (req: IncomingMessage, body: string, res: ServerResponse) => void
let server: Server
let base: string
let handler: Handler
const log: Array<{ method: string; url: string; headers: IncomingMessage['headers']; body: string }> = []
const clients: VexilClient[] = []

const until = async (cond: () => boolean, ms = 3000): Promise<void> => {
  const end = Date.now() + ms
  while (!cond()) {
    if (Date.now() > end) throw new Error('timed out waiting')
    await new Promise((r) => setTimeout(r, 5))
  }
}
/** Timers and a clock that move only when the test says so; due timers run in order. */
const manualClock = (): { env: Pick<Environment, 'now' | 'setTimeout' | 'clearTimeout'>; advance(ms: number): void } => {
  let now = Date.now()
  let seq = 0
  const timers = new Map<number, { at: number; fn: () => void }>()
  return {
    env: {
      now: () => now,
      setTimeout: (fn, ms) => (timers.set(++seq, { at: now + ms, fn }), seq),
      clearTimeout: (id) => void timers.delete(id as number),
    },
    advance(ms) {
      const end = now + ms
      for (;;) {
        const [id, t] = [...timers].filter(([, t]) => t.at <= end).sort((a, b) => a[1].at - b[1].at)[0] ?? []
        if (!t) break
        timers.delete(id!)
        now = t.at
        t.fn()
      }
      now = end
    },
  }
}
const client = (o: Parameters<typeof createClient>[0]): VexilClient => {
  const c = createClient({ persistence: 'memory', onError: () => {}, ...o })
  clients.push(c)
  return c
}

beforeEach(async () => {
  log.length = 0
  server = createServer((req, res) => {
    let body = ''
    req.on('data', (d: Buffer) => (body += d))
    req.on('end', () => {
      log.push({ method: req.method!, url: req.url!, headers: req.headers, body })
      handler(req, body, res)
    })
  })
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})
afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.close()))
  server.closeAllConnections()
  await new Promise((r) => server.close(r))
})

const snapshotHandler = (body: () => string, etag: () => string): Handler => (req, _b, res) => {
  if (req.headers['if-none-match'] === etag()) res.writeHead(304).end()
  else res.writeHead(200, { 'content-type': 'application/json', etag: etag() }).end(body())
}

describe('snapshot over HTTP', () => {
  it('ETag / 304: a conditional GET keeps the snapshot', async () => {
    let rev = '1'
    handler = snapshotHandler(() => JSON.stringify(snap({ a: boolFlag({ enabled: rev === '2' }) }, rev)), () => `"r${rev}"`)
    const c = client({ snapshotUrl: base + '/v1/snapshot', clientKey: 'k1' })
    expect(await c.ready()).toMatchObject({ status: 'ready', source: 'network', revision: '1' })
    await c.refresh()
    expect(log.map((r) => r.headers['if-none-match'])).toEqual([undefined, '"r1"'])
    expect(log[1]!.headers.authorization).toBe('Bearer k1')
    expect(c.getState().revision).toBe('1')
    rev = '2'
    await c.refresh()
    expect(c.getState().revision).toBe('2')
    expect(c.getValue('a', false)).toBe(true)
  })

  it('times out a request that hangs', async () => {
    handler = () => {}
    const errors: VexilErrorInfo[] = []
    const c = client({ snapshotUrl: base + '/s', requestTimeout: 50, onError: (e) => errors.push(e) })
    const state = await c.ready()
    expect(state).toMatchObject({ status: 'error', error: { code: 'TIMEOUT' } })
    expect(errors[0]!.code).toBe('TIMEOUT')
  })

  it('retries 5xx with backoff until the service answers', async () => {
    let n = 0
    handler = (req, b, res) => (++n <= 2 ? res.writeHead(503).end() : snapshotHandler(() => JSON.stringify(snap({ a: boolFlag() })), () => '"1"')(req, b, res))
    // The retries wait on a clock the test moves: 0.01 × 2 s, then 0.01 × 4 s.
    const clock = manualClock()
    const errors: VexilErrorInfo[] = []
    const c = client({ snapshotUrl: base + '/s', onError: (e) => errors.push(e), environment: { random: () => 0.01, ...clock.env } })
    c.mount()
    expect((await c.ready()).error).toMatchObject({ code: 'HTTP', status: 503 })
    clock.advance(19)
    await new Promise((r) => setTimeout(r, 20))
    expect(n).toBe(1)
    clock.advance(1)
    // Reported: the second failure is handled and the next retry armed.
    await until(() => errors.length === 2)
    clock.advance(40)
    await until(() => c.getState().source === 'network')
    expect(n).toBe(3)
    expect(c.getState()).toMatchObject({ status: 'ready', error: undefined, stale: false })
  })

  it('reports malformed JSON and keeps the last good snapshot', async () => {
    let bad = false
    handler = (_r, _b, res) => res.writeHead(200).end(bad ? '{oops' : JSON.stringify(snap({ a: boolFlag() })))
    const c = client({ snapshotUrl: base + '/s' })
    await c.ready()
    bad = true
    await c.refresh()
    expect(c.getState()).toMatchObject({ status: 'ready', stale: true, revision: '1', error: { code: 'SNAPSHOT_PARSE' } })
    expect(c.getValue('a', false)).toBe(true)
  })

  it('server down at start: the stored snapshot is used, the error reported, the client usable', async () => {
    globalThis.indexedDB = new IDBFactory()
    handler = snapshotHandler(() => JSON.stringify(snap({ a: boolFlag({ enabled: false }) }, '4')), () => '"4"')
    const url = base + '/s'
    const first = client({ snapshotUrl: url, persistence: 'indexeddb' })
    expect(await first.ready()).toMatchObject({ source: 'network', revision: '4' })
    await first.close()
    server.closeAllConnections()
    await new Promise((r) => server.close(r))

    const errors: string[] = []
    const c = client({ snapshotUrl: url, persistence: 'indexeddb', onError: (e) => errors.push(e.code) })
    expect(await c.ready()).toMatchObject({ status: 'ready', source: 'storage', revision: '4', stale: true })
    expect(c.getValue('a', true)).toBe(false)
    await until(() => errors.length > 0)
    expect(errors).toEqual(['NETWORK'])
    expect(c.getState()).toMatchObject({ status: 'ready', source: 'storage', stale: true, error: { code: 'NETWORK' } })
    // Nothing stored and nothing reachable: status error, defaults served.
    globalThis.indexedDB = new IDBFactory()
    const bare = client({ snapshotUrl: url, persistence: 'indexeddb' })
    expect(await bare.ready()).toMatchObject({ status: 'error', error: { code: 'NETWORK' } })
    expect(bare.getValue('a', 'd')).toBe('d')
    server = createServer()
    server.listen(0, '127.0.0.1')
  })
})

describe('events over HTTP', () => {
  it('posts batches with the key header; 5xx retried, 4xx dropped; each id delivered once', async () => {
    const received: VexilEvent[] = []
    let mode = 200
    handler = (_req, body, res) => {
      if (mode === 200) received.push(...(JSON.parse(body) as { events: VexilEvent[] }).events)
      res.writeHead(mode).end()
    }
    const errors: string[] = []
    // The client's timers run on a clock the test moves, so the retry does not race real time.
    const clock = manualClock()
    const c = client({
      eventsUrl: base + '/v1/events',
      clientKey: 'ek',
      maxBatchSize: 50,
      onError: (e) => errors.push(e.code),
      environment: { random: () => 0.01, ...clock.env },
    })
    for (let i = 0; i < 120; i++) c.track('e', { value: i })
    await c.flush()
    expect(received).toHaveLength(120)
    expect(new Set(received.map((e) => e.id)).size).toBe(120)
    expect(log[0]!.headers).toMatchObject({ authorization: 'Bearer ek', 'content-type': 'application/json' })
    mode = 500
    c.track('retry')
    await c.flush()
    expect(c.getState().events.queued).toBe(1)
    mode = 200
    // Backing off (0.01 × 2 s = 20 ms): a flush now sends nothing.
    clock.advance(19)
    await c.flush()
    expect(c.getState().events.queued).toBe(1)
    expect(log).toHaveLength(4)
    // The retry timer, once due, sends the event again.
    clock.advance(1)
    await until(() => c.getState().events.queued === 0)
    expect(log).toHaveLength(5)
    expect(received.at(-1)).toMatchObject({ type: 'conversion', event: 'retry' })
    expect(received).toHaveLength(121)
    mode = 422
    c.track('refused')
    await c.flush()
    expect(c.getState().events).toMatchObject({ queued: 0, failed: 1, sent: 121 })
    expect(errors).toEqual(['HTTP', 'EVENTS_REJECTED'])
  })
})

describe('transport parts', () => {
  it('request resolves any status and rejects network failures with a typed error', async () => {
    handler = (_r, _b, res) => res.writeHead(418, { etag: 'x' }).end('tea')
    const env = createEnvironment()
    await expect(request(env, { requestTimeout: 1000 }, base + '/t', {})).resolves.toEqual({ status: 418, etag: 'x', body: 'tea' })
    await expect(request(env, { requestTimeout: 1000 }, 'http://127.0.0.1:1/', {})).rejects.toMatchObject({ code: 'NETWORK' })
  })

  it('retries exactly 408, 429 and 5xx; appends the key to any URL', () => {
    expect([400, 401, 403, 404, 408, 413, 422, 429, 500, 502, 503].filter(isRetryable)).toEqual([408, 429, 500, 502, 503])
    expect(withKey('https://a.test/e', 'k/1')).toBe('https://a.test/e?key=k%2F1')
    expect(withKey('https://a.test/e?x=1', 'k')).toBe('https://a.test/e?x=1&key=k')
    expect(withKey('https://a.test/e', undefined)).toBe('https://a.test/e')
  })

  it('backoff is full jitter, doubling up to 32 s, with a breaker from the sixth failure', () => {
    let now = 0
    let random = 1
    const b = createBackoff({ ...createEnvironment(), now: () => now, random: () => random })
    expect([b.fail(), b.fail(), b.fail(), b.fail(), b.fail()]).toEqual([2000, 4000, 8000, 16_000, 32_000])
    expect(b.wait()).toBe(0)
    expect(b.fail()).toBe(300_000)
    expect(b.wait()).toBe(300_000)
    now = 300_000
    expect(b.wait()).toBe(0)
    b.ok()
    random = 0.25
    expect(b.fail()).toBe(500)
  })
})
