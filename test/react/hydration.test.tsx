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
import type { BootstrapPayload, ClientOptions, VexilClient } from '@vexil/core'
import { createBootstrap, serializeBootstrap } from '@vexil/core/server'
import { VexilProvider, readBootstrap, useVexilClient } from '@vexil/react'
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
