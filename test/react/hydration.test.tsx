// @vitest-environment jsdom
/**
 * SSR without flicker (SPEC §7): the server renders with a bootstrap, the browser reads it back with
 * `readBootstrap` and hydrates: no mismatch, the DOM equals the server HTML, and it goes live after.
 */
import { StrictMode } from 'react'
import type { ReactNode } from 'react'
import { renderToString } from 'react-dom/server'
import { hydrateRoot } from 'react-dom/client'
import type { Root } from 'react-dom/client'
import { act } from '@testing-library/react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { createClient, memoryStore } from '@vexil/core'
import type { BootstrapPayload, ClientOptions, KeyValueStore, Snapshot, StickyAssignment, StickyStore, VexilClient } from '@vexil/core'
import { createBootstrap, serializeBootstrap } from '@vexil/core/server'
import { subscribeActivity } from '@vexil/core/inspect'
import { VexilProvider, readBootstrap, useVariant, useVexilClient } from '@vexil/react'
import { App, BOOTSTRAP_ID, fakeService, snapshot } from './fixtures'

const context = { userId: 'u-1', country: 'DE' }
let root: Root | undefined

afterEach(async () => {
  await act(async () => root?.unmount())
  root = undefined
  document.head.innerHTML = ''
  document.body.innerHTML = ''
  window.history.replaceState(null, '', '/')
})

let browserClient: VexilClient | undefined
function Grab() {
  browserClient = useVexilClient()
  return null
}

const page = (bootstrap: BootstrapPayload | undefined, options: ClientOptions, children: ReactNode = <App />) => (
  <VexilProvider options={{ persistence: 'memory', ...options }} {...(bootstrap && { bootstrap })}>
    {children}
    <Grab />
  </VexilProvider>
)

/** Server side: the HTML and the script element that carries the payload, as a page would ship them. */
function serverRender(strict = false): { html: string; payload: BootstrapPayload } {
  const payload = createBootstrap({ snapshot: snapshot(), context })
  const tree = page(payload, { persistence: 'none' })
  const html = renderToString(strict ? <StrictMode>{tree}</StrictMode> : tree)
  document.head.innerHTML = `<script type="application/json" id="${BOOTSTRAP_ID}">${serializeBootstrap(payload)}</script>`
  document.body.innerHTML = `<div id="root">${html}</div>`
  return { html, payload }
}

async function hydrate(options: ClientOptions, strict = false): Promise<{ errors: unknown[]; container: HTMLElement }> {
  const errors: unknown[] = []
  vi.spyOn(console, 'error').mockImplementation((...args) => void errors.push(args))
  const bootstrap = readBootstrap(BOOTSTRAP_ID)
  const container = document.getElementById('root')!
  const tree = page(bootstrap, options)
  await act(async () => {
    root = hydrateRoot(container, strict ? <StrictMode>{tree}</StrictMode> : tree, {
      onRecoverableError: (error) => errors.push(error),
    })
  })
  return { errors, container }
}

describe('hydration with renderToString', () => {
  it.each([false, true])('matches the server HTML exactly, then follows live snapshot changes (StrictMode: %s)', async (strict) => {
    const { html, payload } = serverRender(strict)
    expect(html).toContain('<p id="a">true</p>')
    expect(html).toContain('<p id="status">ready<!-- -->/<!-- -->bootstrap</p>')
    // Server-only flags never reach the browser.
    expect(html).toContain('<p id="keys">exp,flag-a,flag-b</p>')
    expect(readBootstrap(BOOTSTRAP_ID)).toEqual(payload)

    const service = fakeService(snapshot())
    const { errors, container } = await hydrate({ snapshotUrl: '/snapshot', fetch: service.fetch, pollInterval: 0 }, strict)
    expect(errors).toEqual([])
    expect(container.innerHTML).toBe(html)
    // A bootstrapped client is fresh: no request before it is asked to refresh.
    expect(service.calls).toBe(0)
    // The experiment read by <App> was exposed once, after hydration committed.
    expect(browserClient!.getState().events.queued).toBe(1)

    service.set(snapshot('2', 'red'))
    await act(() => browserClient!.refresh())
    expect(container.querySelector('#b')!.textContent).toBe('red')
    expect(container.querySelector('#status')!.textContent).toBe('ready/network')
    expect(errors).toEqual([])
  })

  it('renders the server evaluations during hydration even when the live ones differ, then the live ones', async () => {
    const { html } = serverRender()
    expect(html).toContain('<p id="b">green</p>')
    // A QA override link opened in the browser: live, flag-b is red; the server rendered green.
    window.history.replaceState(null, '', '/?vexil=flag-b:red')
    const { errors, container } = await hydrate({ urlOverrides: true })
    // Rendering the live value while hydrating would be a mismatch, reported here.
    expect(errors).toEqual([])
    expect(browserClient!.evaluate('flag-b').reason).toBe('OVERRIDE')
    expect(container.querySelector('#b')!.textContent).toBe('red')
    // The only difference from the server HTML is the overridden flag.
    expect(container.innerHTML).toBe(html.replace('<p id="b">green</p>', '<p id="b">red</p>'))
  })

  it('hydrates without a bootstrap script by rendering defaults on both sides', async () => {
    const html = renderToString(page(undefined, { persistence: 'none' }))
    document.body.innerHTML = `<div id="root">${html}</div>`
    expect(readBootstrap(BOOTSTRAP_ID)).toBeUndefined()
    const { errors, container } = await hydrate({})
    expect(errors).toEqual([])
    expect(container.querySelector('#a')!.textContent).toBe('false')
  })
})

describe('hydration of a sticky experiment', () => {
  /** Every unit is split into `to`; `off` only when the flag is off. */
  const hero = (to: 'a' | 'b'): Snapshot => ({
    schemaVersion: 1,
    revision: to,
    environment: 'test',
    flags: {
      hero: {
        type: 'string',
        enabled: true,
        sticky: true,
        variations: { a: 'A', b: 'B', off: 'OFF' },
        offVariation: 'off',
        fallthrough: { split: [{ variation: 'a', weight: to === 'a' ? 100 : 0 }, { variation: 'b', weight: to === 'b' ? 100 : 0 }], experiment: 'hero' },
      },
    },
  })
  const user = { userId: 'u-1' }
  const rendered: string[] = []
  function Hero() {
    const { variation } = useVariant('hero')
    rendered.push(variation!)
    return <p id="hero">{variation}</p>
  }

  it.each([true, false])(
    'a returning user whose split changed sees only their kept arm and exposes only it, while storage is slow (payload assignments: %s)',
    async (withAssignments) => {
      // First visit: the browser is assigned "a" and keeps it in its storage; so does the server.
      const stored = memoryStore()
      const server = new Map<string, StickyAssignment>()
      const sticky: StickyStore = { get: (f, u, s) => server.get(f + u + s), set: (f, u, s, a) => void server.set(f + u + s, a) }
      const first = createClient({ storage: stored, bootstrap: createBootstrap({ snapshot: hero('a'), context: user, sticky }) })
      await act(() => first.ready())
      await act(() => first.close())

      // The split now sends everyone to "b"; the server still renders "a".
      const payload = createBootstrap({ snapshot: hero('b'), context: user, sticky })
      expect(payload.evaluations.hero).toMatchObject({ variation: 'a', reason: 'STICKY' })
      // Without them the client has only the held server evaluation (a server that patched its payload).
      if (!withAssignments) delete payload.stickyAssignments
      const html = renderToString(page(payload, { persistence: 'none' }, <Hero />))
      expect(html).toContain('<p id="hero">a</p>')
      document.head.innerHTML = `<script type="application/json" id="${BOOTSTRAP_ID}">${serializeBootstrap(payload)}</script>`
      document.body.innerHTML = `<div id="root">${html}</div>`
      rendered.length = 0

      // The browser's storage answers only when the test says so.
      let open!: () => void
      const gate = new Promise<void>((r) => (open = r))
      const slow: KeyValueStore = {
        get: async (k) => (await gate, stored.get(k)),
        set: async (k, v) => (await gate, stored.set(k, v)),
        del: async (k) => (await gate, stored.del(k)),
        keys: async () => (await gate, stored.keys()),
        clear: async () => (await gate, stored.clear()),
      }
      const exposures: unknown[] = []
      const errors: unknown[] = []
      vi.spyOn(console, 'error').mockImplementation((...args) => void errors.push(args))
      const container = document.getElementById('root')!
      await act(async () => {
        root = hydrateRoot(container, page(readBootstrap(BOOTSTRAP_ID), { persistence: 'indexeddb', storage: slow }, <Hero />), {
          onRecoverableError: (error) => errors.push(error),
        })
      })
      subscribeActivity(browserClient!, ({ event }) => event.type === 'exposure' && exposures.push([event.variation, event.reason]))
      await act(async () => {
        for (let i = 0; i < 20; i++) await new Promise((r) => setTimeout(r, 0))
      })
      expect(container.innerHTML).toBe(html)
      expect(exposures).toEqual([])

      await act(async () => {
        open()
        for (let i = 0; i < 20; i++) await new Promise((r) => setTimeout(r, 0))
      })
      expect(browserClient!.evaluate('hero')).toMatchObject({ variation: 'a', reason: 'STICKY' })
      expect(container.innerHTML).toBe(html)
      expect(new Set(rendered)).toEqual(new Set(['a']))
      expect(exposures).toEqual([['a', 'STICKY']])
      expect(errors).toEqual([])
    },
  )
})
