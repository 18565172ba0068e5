import { gunzipSync, brotliDecompressSync } from 'node:zlib'
import { request as httpRequest } from 'node:http'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { BROWSER_DEV, SERVER_DEV, booleanFlag, startTestServer } from '../testHelpers'
import type { TestServer } from '../testHelpers'

let t: TestServer
beforeEach(async () => {
  t = await startTestServer({ bodyLimit: 64 * 1024 })
})
afterEach(async () => {
  await t.close()
})

/** A raw GET that does not decompress, to see the encoding on the wire. */
function rawGet(url: string, headers: Record<string, string>): Promise<{ status: number; headers: Record<string, unknown>; body: Buffer }> {
  return new Promise((resolve, reject) => {
    httpRequest(url, { headers }, (res) => {
      const chunks: Buffer[] = []
      res.on('data', (c: Buffer) => chunks.push(c))
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }))
    })
      .on('error', reject)
      .end()
  })
}

const exposure = (id: string, over: Record<string, unknown> = {}): Record<string, unknown> => ({
  type: 'exposure',
  id,
  timestamp: new Date().toISOString(),
  userId: 'u-1',
  flag: 'f',
  variation: 'on',
  reason: 'SPLIT',
  experiment: 'exp',
  bucketBy: 'userId',
  unit: 'u-1',
  revision: '3',
  ...over,
})

describe('GET /v1/snapshot', () => {
  it('answers with ETag = revision, 304 on If-None-Match, and a new ETag after a change', async () => {
    const first = await t.request('GET', '/v1/snapshot', { token: BROWSER_DEV })
    expect(first.status).toBe(200)
    expect(first.headers.get('etag')).toBe(`"${first.body.revision}"`)
    expect(first.headers.get('cache-control')).toBe('no-cache')
    const etag = first.headers.get('etag') ?? ''
    const again = await t.request('GET', '/v1/snapshot', { token: BROWSER_DEV, headers: { 'if-none-match': etag } })
    expect(again.status).toBe(304)
    expect(again.text).toBe('')
    await t.admin('POST', '/v1/flags', { key: 'f', config: booleanFlag() })
    const changed = await t.request('GET', '/v1/snapshot', { token: BROWSER_DEV, headers: { 'if-none-match': etag } })
    expect(changed.status).toBe(200)
    expect(Number(changed.body.revision)).toBe(Number(first.body.revision) + 1)
    expect(changed.body.flags.f).toBeDefined()
  })

  it('compresses large snapshots with brotli or gzip', async () => {
    const flags: Record<string, unknown> = {}
    for (let i = 0; i < 40; i++) flags[`flag-${i}`] = { ...booleanFlag(), description: `Flag number ${i} of the compression test` }
    await t.admin('POST', '/v1/import', { flags, segments: {} })
    const url = `${t.url}/v1/snapshot`
    const br = await rawGet(url, { authorization: `Bearer ${SERVER_DEV}`, 'accept-encoding': 'gzip, br' })
    expect(br.headers['content-encoding']).toBe('br')
    const fromBr = JSON.parse(brotliDecompressSync(br.body).toString()) as { flags: object }
    expect(Object.keys(fromBr.flags)).toHaveLength(40)
    const gz = await rawGet(url, { authorization: `Bearer ${SERVER_DEV}`, 'accept-encoding': 'gzip' })
    expect(gz.headers['content-encoding']).toBe('gzip')
    expect(gz.body.length).toBeLessThan(gunzipSync(gz.body).length / 3)
    const plain = await rawGet(url, { authorization: `Bearer ${SERVER_DEV}` })
    expect(plain.headers['content-encoding']).toBeUndefined()
    expect(JSON.parse(plain.body.toString())).toEqual(fromBr)
  })

  it('allows cross-origin reads and exposes the ETag; answers preflights', async () => {
    const res = await t.request('GET', '/v1/snapshot', { token: BROWSER_DEV, headers: { origin: 'https://shop.example' } })
    expect(res.headers.get('access-control-allow-origin')).toBe('https://shop.example')
    expect(res.headers.get('access-control-expose-headers')).toContain('ETag')
    expect(res.headers.get('vary')).toBe('Origin, Authorization, Accept-Encoding')
    const pre = await fetch(`${t.url}/v1/events`, {
      method: 'OPTIONS',
      headers: {
        origin: 'https://shop.example',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'authorization,content-type',
      },
    })
    expect(pre.status).toBe(204)
    expect(pre.headers.get('access-control-allow-headers')?.toLowerCase()).toContain('authorization')
  })
})

it('GET /healthz answers without a key', async () => {
  const res = await t.request('GET', '/healthz')
  expect(res.status).toBe(200)
  expect(res.body).toEqual({ ok: true })
})

describe('POST /v1/events', () => {
  it('stores valid events, reports invalid ones by index and drops duplicates by id', async () => {
    const batch = {
      sdk: 'vexil-js/test',
      sentAt: new Date().toISOString(),
      events: [
        exposure('e-1'),
        { type: 'conversion', id: 'c-1', timestamp: new Date().toISOString(), userId: 'u-1', event: 'buy', value: 9.5 },
        { type: 'conversion', id: 'c-2', timestamp: 'yesterday', userId: 'u-1', event: 'buy' },
        { type: 'teleport', id: 't-1' },
        exposure('e-1'),
      ],
    }
    const res = await t.request('POST', '/v1/events', { token: BROWSER_DEV, body: batch })
    expect(res.status).toBe(200)
    expect(res.body.accepted).toBe(2)
    expect(res.body.duplicates).toBe(1)
    expect(res.body.rejected.map((r: { index: number }) => r.index)).toEqual([2, 3])
    expect(res.body.rejected[0].errors[0]).toContain('timestamp')

    // A retry of the same batch stores nothing new.
    const retry = await t.request('POST', '/v1/events', { token: BROWSER_DEV, body: batch })
    expect(retry.body).toMatchObject({ accepted: 0, duplicates: 3 })
  })

  it('drops a duplicate by id alone, whatever else differs (SPEC §5: "the service drops duplicates by id")', async () => {
    const first = await t.request('POST', '/v1/events', {
      token: BROWSER_DEV,
      body: {
        events: [
          exposure('same-e'),
          { type: 'conversion', id: 'same-c', timestamp: new Date().toISOString(), userId: 'u-1', event: 'buy', value: 1 },
        ],
      },
    })
    expect(first.body).toMatchObject({ accepted: 2, duplicates: 0 })
    const again = await t.request('POST', '/v1/events', {
      token: BROWSER_DEV,
      body: {
        events: [
          // Same ids, other content: another timestamp, unit and variation; another user; another type.
          exposure('same-e', { timestamp: '2026-01-01T00:00:00.000Z', unit: 'u-2', userId: 'u-2', variation: 'off' }),
          { type: 'conversion', id: 'same-c', timestamp: new Date().toISOString(), deviceId: 'd-1', event: 'buy', value: 2 },
          { type: 'conversion', id: 'same-e', timestamp: new Date().toISOString(), userId: 'u-1', event: 'buy' },
          exposure('same-c'),
          // And twice in one batch.
          exposure('fresh', { unit: 'u-3' }),
          exposure('fresh', { unit: 'u-4' }),
        ],
      },
    })
    expect(again.status).toBe(200)
    expect(again.body).toMatchObject({ accepted: 1, duplicates: 5, rejected: [] })
  })

  it('accepts a sendBeacon body: text/plain with the key in the query string', async () => {
    const res = await fetch(`${t.url}/v1/events?key=${BROWSER_DEV}`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain;charset=UTF-8' },
      body: JSON.stringify({ events: [exposure('beacon-1')] }),
    })
    expect(res.status).toBe(200)
    expect(await res.json()).toMatchObject({ accepted: 1, duplicates: 0, rejected: [] })
    const bad = await fetch(`${t.url}/v1/events?key=${BROWSER_DEV}`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: 'not json',
    })
    expect(bad.status).toBe(400)
    expect(((await bad.json()) as { error: { code: string } }).error.code).toBe('INVALID_JSON')
  })

  it('answers 400 when no event is valid, 413 over the body limit, and never a stack trace', async () => {
    const none = await t.request('POST', '/v1/events', { token: SERVER_DEV, body: { events: [{ type: 'exposure' }] } })
    expect(none.status).toBe(400)
    expect(none.body.error.code).toBe('INVALID_EVENTS')
    expect(none.body.error.details.rejected[0].index).toBe(0)
    const big = await t.request('POST', '/v1/events', {
      token: SERVER_DEV,
      body: { events: Array.from({ length: 800 }, (_, i) => exposure(`big-${i}`)) },
    })
    expect(big.status).toBe(413)
    expect(big.body.error.code).toBe('PAYLOAD_TOO_LARGE')
    const malformed = await t.request('POST', '/v1/events', { token: SERVER_DEV, body: '{"events": [' })
    expect(malformed.status).toBe(400)
    expect(malformed.text).not.toMatch(/at .*\.(ts|js):\d+/)
    expect((await t.request('POST', '/v1/events', { token: SERVER_DEV, body: { nope: true } })).status).toBe(400)
  })

  it('turns summary events into flag usage (counts and last evaluation time)', async () => {
    const summary = (id: string, count: number, end: string): Record<string, unknown> => ({
      type: 'summary',
      id,
      start: '2026-11-21T10:00:00.000Z',
      end,
      counts: [
        { flag: 'f', variation: 'on', count },
        { flag: 'g', variation: 'off', count: 1 },
        // An evaluation without a variation (an error, a value override), of a key no flag has.
        { flag: 'no such flag', variation: '', count: 2 },
      ],
    })
    await t.request('POST', '/v1/events', {
      token: SERVER_DEV,
      body: { events: [summary('s-1', 5, '2026-11-21T10:01:00.000Z'), summary('s-2', 7, '2026-11-21T10:02:00.000Z')] },
    })
    // A duplicate summary must not count twice.
    await t.request('POST', '/v1/events', { token: SERVER_DEV, body: { events: [summary('s-2', 7, '2026-11-21T10:02:00.000Z')] } })
    const usage = await t.admin('GET', '/v1/usage?environment=development')
    expect(usage.body.usage.development.f).toEqual({
      count: 12,
      lastEvaluatedAt: '2026-11-21T10:02:00.000Z',
      variations: { on: 12 },
    })
    expect(usage.body.usage.development['no such flag']).toMatchObject({ count: 4, variations: { '': 4 } })
    await t.admin('POST', '/v1/flags', { key: 'f', config: booleanFlag() })
    const one = await t.admin('GET', '/v1/flags/f/usage')
    expect(one.body.usage.development.f.count).toBe(12)
    expect(one.body.usage.production).toEqual({})
  })
})
