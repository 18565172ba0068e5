import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { resolveOptions } from '../options'
import { ADMIN, BROWSER_DEV, BROWSER_PROD, SERVER_DEV, booleanFlag, startTestServer } from '../testHelpers'
import type { TestServer } from '../testHelpers'
import { Authenticator } from './auth'

let t: TestServer
beforeAll(async () => {
  t = await startTestServer()
  await t.admin('POST', '/v1/flags', { key: 'f', config: booleanFlag() })
  await t.admin('POST', '/v1/flags', { key: 'hidden', clientSide: false, config: booleanFlag() })
  await t.admin('POST', '/v1/experiments', { key: 'e', flag: 'f', primaryMetric: { event: 'buy' } })
})
afterAll(async () => {
  await t.close()
})

const event = { type: 'conversion', id: 'auth-1', timestamp: new Date().toISOString(), userId: 'u', event: 'buy' }

// Every endpoint family with one representative call.
const endpoints: Array<{ name: string; method: string; path: string; body?: unknown; scope: 'client' | 'admin' }> = [
  { name: 'snapshot', method: 'GET', path: '/v1/snapshot', scope: 'client' },
  { name: 'events', method: 'POST', path: '/v1/events', body: { events: [event] }, scope: 'client' },
  { name: 'list flags', method: 'GET', path: '/v1/flags', scope: 'admin' },
  { name: 'create flag', method: 'POST', path: '/v1/flags', body: { key: 'x', config: booleanFlag() }, scope: 'admin' },
  { name: 'kill', method: 'POST', path: '/v1/flags/f/environments/production/kill', scope: 'admin' },
  { name: 'segments', method: 'GET', path: '/v1/segments', scope: 'admin' },
  { name: 'experiments', method: 'GET', path: '/v1/experiments', scope: 'admin' },
  { name: 'results', method: 'GET', path: '/v1/experiments/e/results', scope: 'admin' },
  { name: 'audit', method: 'GET', path: '/v1/audit', scope: 'admin' },
  { name: 'export', method: 'GET', path: '/v1/export', scope: 'admin' },
  { name: 'usage', method: 'GET', path: '/v1/usage', scope: 'admin' },
  { name: 'environments', method: 'GET', path: '/v1/environments', scope: 'admin' },
]

describe('auth matrix', () => {
  const callers: Array<{ who: string; token: string | undefined; kind: 'none' | 'unknown' | 'client' | 'admin' }> = [
    { who: 'no key', token: undefined, kind: 'none' },
    { who: 'unknown key', token: 'vexil-browser-developmenT', kind: 'unknown' },
    { who: 'browser key', token: BROWSER_DEV, kind: 'client' },
    { who: 'server key', token: SERVER_DEV, kind: 'client' },
    { who: 'admin token', token: ADMIN, kind: 'admin' },
  ]
  for (const endpoint of endpoints) {
    for (const caller of callers) {
      const expected =
        caller.kind === 'none' || caller.kind === 'unknown' ? 401 : caller.kind === endpoint.scope ? 'ok' : 403
      it(`${endpoint.name} with ${caller.who} → ${expected}`, async () => {
        const res = await t.request(endpoint.method, endpoint.path, {
          ...(caller.token ? { token: caller.token } : {}),
          ...(endpoint.body !== undefined ? { body: endpoint.body } : {}),
        })
        if (expected === 'ok') {
          expect(res.status).toBeGreaterThanOrEqual(200)
          expect(res.status).toBeLessThan(300)
        } else {
          expect(res.status).toBe(expected)
          expect(res.body.error.code).toBe(expected === 401 ? 'UNAUTHORIZED' : 'FORBIDDEN')
        }
      })
    }
  }

  it('accepts the key in the query string (beacons, EventSource)', async () => {
    expect((await t.request('GET', `/v1/snapshot?key=${BROWSER_DEV}`)).status).toBe(200)
    expect((await t.request('GET', `/v1/flags?key=${BROWSER_DEV}`)).status).toBe(403)
  })

  it('scopes a client key to its environment and view', async () => {
    const dev = await t.request('GET', '/v1/snapshot', { token: BROWSER_DEV })
    const prod = await t.request('GET', '/v1/snapshot', { token: BROWSER_PROD })
    expect(dev.body.environment).toBe('development')
    expect(prod.body.environment).toBe('production')
    expect(dev.body.flags.f).toBeDefined()
    expect(dev.body.flags.hidden).toBeUndefined()
    const server = await t.request('GET', '/v1/snapshot', { token: SERVER_DEV })
    expect(server.body.flags.hidden).toBeDefined()
  })
})

describe('Authenticator', () => {
  it('identifies every key and refuses near misses', () => {
    const auth = new Authenticator(resolveOptions({}))
    expect(auth.identify(ADMIN)).toEqual({ kind: 'admin' })
    expect(auth.identify(BROWSER_PROD)).toEqual({ kind: 'browser', environment: 'production' })
    expect(auth.identify(`${ADMIN} `)).toBeUndefined()
    expect(auth.identify('')).toBeUndefined()
  })

  it('refuses a configuration where two keys are equal', () => {
    expect(() => new Authenticator(resolveOptions({ adminToken: 'vexil-browser-staging' }))).toThrow(/different/)
  })
})
