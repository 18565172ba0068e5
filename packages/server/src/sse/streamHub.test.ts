import { EventSource } from 'eventsource'
import { createClient } from '@vexil/core'
import { afterEach, describe, expect, it } from 'vitest'
import { BROWSER_DEV, BROWSER_PROD, booleanFlag, startTestServer } from '../testHelpers'
import type { TestServer } from '../testHelpers'

let t: TestServer | undefined
afterEach(async () => {
  await t?.close()
  t = undefined
})

/** Reads an SSE response and collects its raw blocks as they arrive. */
function collect(body: ReadableStream<Uint8Array>): { blocks: string[]; waitFor(match: (b: string) => boolean, ms: number): Promise<string> } {
  const blocks: string[] = []
  const waiters: Array<() => void> = []
  const decoder = new TextDecoder()
  let buffer = ''
  void (async () => {
    const reader = body.getReader()
    for (;;) {
      const { value, done } = await reader.read().catch(() => ({ value: undefined, done: true }))
      if (done) return
      buffer += decoder.decode(value, { stream: true })
      let end: number
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        blocks.push(buffer.slice(0, end))
        buffer = buffer.slice(end + 2)
        for (const w of waiters.splice(0)) w()
      }
    }
  })()
  return {
    blocks,
    async waitFor(match, ms) {
      const deadline = Date.now() + ms
      for (;;) {
        const found = blocks.find(match)
        if (found) return found
        const left = deadline - Date.now()
        if (left <= 0) throw new Error(`no matching SSE block within ${ms} ms; got ${JSON.stringify(blocks)}`)
        await new Promise<void>((resolve) => {
          waiters.push(resolve)
          setTimeout(resolve, left)
        })
      }
    },
  }
}

describe('GET /v1/stream', () => {
  it('sends the current revision, then each new revision within a second, only to its environment', async () => {
    t = await startTestServer()
    await t.admin('POST', '/v1/flags', { key: 'f', config: booleanFlag() })
    const controller = new AbortController()
    const dev = await fetch(`${t.url}/v1/stream?key=${BROWSER_DEV}`, { signal: controller.signal })
    const prod = await fetch(`${t.url}/v1/stream`, { headers: { authorization: `Bearer ${BROWSER_PROD}` }, signal: controller.signal })
    expect(dev.status).toBe(200)
    expect(dev.headers.get('content-type')).toContain('text/event-stream')
    const devStream = collect(dev.body!)
    const prodStream = collect(prod.body!)
    const initial = await devStream.waitFor((b) => b.includes('event: revision'), 1000)
    const initialRevision = Number(/"revision":"(\d+)"/.exec(initial)?.[1])
    await prodStream.waitFor((b) => b.includes('event: revision'), 1000)

    const started = Date.now()
    await t.admin('POST', '/v1/flags/f/environments/production/kill')
    const pushed = await prodStream.waitFor((b) => b.includes('event: revision') && prodStream.blocks.indexOf(b) > 0, 1000)
    expect(Date.now() - started).toBeLessThan(1000)
    expect(pushed).toMatch(/data: \{"revision":"\d+","environment":"production"\}/)

    await t.admin('PATCH', '/v1/flags/f', { environments: { development: booleanFlag({ fallthrough: { variation: 'on' } }) } })
    const next = await devStream.waitFor((b) => b.includes(`"revision":"${initialRevision + 1}"`), 1000)
    expect(next).toContain(`id: ${initialRevision + 1}`)
    // The production kill must not have reached development.
    expect(devStream.blocks.filter((b) => b.includes('event: revision'))).toHaveLength(2)
    controller.abort()
  })

  it('sends heartbeats and refuses the admin token', async () => {
    t = await startTestServer({ heartbeatInterval: 40 })
    expect((await fetch(`${t.url}/v1/stream?key=vexil-admin-dev`)).status).toBe(403)
    expect((await fetch(`${t.url}/v1/stream`)).status).toBe(401)
    const controller = new AbortController()
    const res = await fetch(`${t.url}/v1/stream?key=${BROWSER_DEV}`, { signal: controller.signal })
    const stream = collect(res.body!)
    await stream.waitFor((b) => b.startsWith(': heartbeat'), 1000)
    controller.abort()
  })

  it('lets the server close while streams are open', async () => {
    t = await startTestServer()
    const res = await fetch(`${t.url}/v1/stream?key=${BROWSER_DEV}`)
    const stream = collect(res.body!)
    await stream.waitFor((b) => b.includes('event: revision'), 1000)
    const started = Date.now()
    await t.close()
    t = undefined
    expect(Date.now() - started).toBeLessThan(2000)
  })
})

describe('a real @vexil/core client over SSE', () => {
  it('receives a pushed change and evaluates the new rule', async () => {
    t = await startTestServer()
    await t.admin('POST', '/v1/flags', { key: 'new-checkout', config: booleanFlag() })
    const client = createClient({
      snapshotUrl: `${t.url}/v1/snapshot`,
      streamUrl: `${t.url}/v1/stream`,
      clientKey: BROWSER_DEV,
      context: { userId: 'u-42', country: 'DE' },
      persistence: 'memory',
      pollInterval: 0,
      environment: { EventSource: EventSource as never },
    })
    try {
      client.subscribe(() => {})
      await client.ready({ timeout: 2000 })
      expect(client.isEnabled('new-checkout')).toBe(false)
      // Give the client a moment to open its stream before the change.
      const streamsOpen = async (): Promise<number> =>
        (await t!.admin('GET', '/v1/environments')).body.environments.find((e: { key: string }) => e.key === 'development').streams
      for (let i = 0; i < 50 && (await streamsOpen()) === 0; i++) await new Promise((r) => setTimeout(r, 20))
      expect(await streamsOpen()).toBe(1)

      const changed = new Promise<number>((resolve) => {
        const unsubscribe = client.subscribe(() => {
          if (client.isEnabled('new-checkout')) {
            unsubscribe()
            resolve(Date.now())
          }
        })
      })
      const started = Date.now()
      const res = await t.admin('PUT', '/v1/flags/new-checkout/environments/development', booleanFlag({
        rules: [{ id: 'de', conditions: [{ attribute: 'country', op: 'in', values: ['DE'] }], serve: { variation: 'on' } }],
      }))
      expect(res.status).toBe(200)
      const at = await Promise.race([changed, new Promise<number>((_, reject) => setTimeout(() => reject(new Error('no push')), 3000))])
      expect(at - started).toBeLessThan(1000)
      expect(client.evaluate('new-checkout')).toMatchObject({ value: true, reason: 'TARGETING_MATCH', ruleId: 'de' })
      client.setContext({ userId: 'u-43', country: 'FR' })
      expect(client.isEnabled('new-checkout')).toBe(false)
    } finally {
      await client.close()
    }
  })
})
