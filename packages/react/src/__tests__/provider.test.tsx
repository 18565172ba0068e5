// @vitest-environment jsdom
/** VexilProvider: client ownership, StrictMode, the context prop, and the error without a provider. */
import { StrictMode, Suspense, useState } from 'react'
import { act, cleanup, render, renderHook, screen } from '@testing-library/react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import * as core from '@vexil/core'
import type { BootstrapPayload, VexilClient } from '@vexil/core'
import { createBootstrap } from '@vexil/core/server'
import { VexilProvider, useFlag, useFlagDetails, useFlags, useTrack, useVexilClient, useVexilStatus } from '../index'
import { fakeService, serviceClient, snapshot } from './fixtures'
import { subscribeActivity } from '@vexil/core/inspect'

vi.mock('@vexil/core', async (importOriginal) => {
  const real = await importOriginal<typeof import('@vexil/core')>()
  return { ...real, createClient: vi.fn(real.createClient) }
})
const createClient = vi.mocked(core.createClient)

afterEach(() => {
  cleanup()
  createClient.mockClear()
})

function A() {
  return <p data-testid="a">{String(useFlag('flag-a', false))}</p>
}

describe('VexilProvider', () => {
  it('creates one client from options under StrictMode, keeps it mounted, closes it on unmount', async () => {
    const service = fakeService(snapshot())
    let seen: VexilClient | undefined
    function Grab() {
      seen = useVexilClient()
      return null
    }
    const { unmount } = render(
      <StrictMode>
        <VexilProvider options={{ snapshotUrl: '/s', fetch: service.fetch, persistence: 'memory' }} context={{ country: 'DE' }}>
          <A />
          <Grab />
        </VexilProvider>
      </StrictMode>,
    )
    expect(createClient).toHaveBeenCalledTimes(1)
    // The context prop is the client's initial context: no second evaluation pass.
    expect(createClient.mock.calls[0]![0]).toMatchObject({ context: { country: 'DE' } })
    const client = seen!
    const close = vi.spyOn(client, 'close')
    await act(() => client.ready())
    expect(screen.getByTestId('a').textContent).toBe('true')
    // StrictMode's simulated unmount must not have closed it.
    expect(close).not.toHaveBeenCalled()
    unmount()
    await act(async () => {})
    expect(close).toHaveBeenCalledTimes(1)
    expect(createClient).toHaveBeenCalledTimes(1)
  })

  it('creates one client when its first mount suspends under StrictMode, and closes it on unmount', async () => {
    // React 18 keeps no state from a render it throws away (StrictMode's first one, a mount that
    // suspended): a client made there would load, and never be closed.
    let open = false
    const gate = new Promise<void>((r) => setTimeout(r, 10)).then(() => void (open = true))
    function Wait() {
      if (!open) throw gate
      return <A />
    }
    const { unmount } = render(
      <StrictMode>
        <Suspense fallback={<p data-testid="a">loading</p>}>
          <VexilProvider options={{ persistence: 'memory', bootstrap: createBootstrap({ snapshot: snapshot(), context: {} }) }}>
            <Wait />
          </VexilProvider>
        </Suspense>
      </StrictMode>,
    )
    expect(screen.getByTestId('a').textContent).toBe('loading')
    await act(() => gate)
    expect(screen.getByTestId('a').textContent).toBe('false')
    const clients = createClient.mock.results.map((r) => r.value as VexilClient)
    const closes = clients.map((c) => vi.spyOn(c, 'close'))
    expect(clients).toHaveLength(1)
    unmount()
    await act(async () => {})
    expect(closes.map((c) => c.mock.calls.length)).toEqual([1])
  })

  it('two providers rendering one element object: unmounting one leaves the other a working client', async () => {
    // Both renders find the same not-yet-claimed client (it is kept by props object for a retried
    // render): the first provider to unmount must not close it under the other.
    const service = fakeService(snapshot())
    const release = service.hold()
    const clients = new Set<VexilClient>()
    function Status() {
      clients.add(useVexilClient())
      return <p data-testid="status">{useVexilStatus().status}</p>
    }
    const el = (
      <VexilProvider options={{ snapshotUrl: '/s', fetch: service.fetch, persistence: 'memory', pollInterval: 0 }}>
        <Status />
      </VexilProvider>
    )
    let hideSecond!: () => void
    function App() {
      const [both, setBoth] = useState(true)
      hideSecond = () => setBoth(false)
      return (
        <>
          {el}
          {both && <div>{el}</div>}
        </>
      )
    }
    const { unmount } = render(<App />)
    const closes = [...clients].map((c) => vi.spyOn(c, 'close'))
    await act(async () => hideSecond())
    await act(async () => {})
    expect(closes.map((c) => c.mock.calls.length)).toEqual(closes.map(() => 0))
    const [survivor] = screen.getAllByTestId('status')
    await act(async () => {
      release()
      await Promise.all([...clients].map((c) => c.ready()))
    })
    expect(survivor!.textContent).toBe('ready')
    unmount()
    await act(async () => {})
    // Every client a provider created is closed once, by the last provider using it.
    expect(closes.map((c) => c.mock.calls.length)).toEqual(closes.map(() => 1))
  })

  it('never closes a client it was given', async () => {
    const client = serviceClient(fakeService(snapshot()))
    createClient.mockClear()
    const close = vi.spyOn(client, 'close')
    const mount = vi.spyOn(client, 'mount')
    const { unmount } = render(
      <VexilProvider client={client}>
        <A />
      </VexilProvider>,
    )
    expect(mount).toHaveBeenCalledTimes(1)
    unmount()
    await act(async () => {})
    expect(close).not.toHaveBeenCalled()
    expect(createClient).not.toHaveBeenCalled()
  })

  it('applies a changed context prop to the client and updates the flags', async () => {
    const client = serviceClient(fakeService(snapshot()))
    await client.ready()
    const setContext = vi.spyOn(client, 'setContext')
    const view = (country: string) => (
      <VexilProvider client={client} context={{ userId: 'u', country }}>
        <A />
      </VexilProvider>
    )
    const { rerender } = render(view('FR'))
    expect(setContext).toHaveBeenCalledTimes(1)
    expect(screen.getByTestId('a').textContent).toBe('false')
    rerender(view('FR'))
    expect(setContext).toHaveBeenCalledTimes(1)
    await act(async () => rerender(view('DE')))
    expect(setContext).toHaveBeenCalledTimes(2)
    expect(client.getContext()).toEqual({ userId: 'u', country: 'DE' })
    expect(screen.getByTestId('a').textContent).toBe('true')
  })

  it('keeps the client it created, open and mounted, across a context prop change', async () => {
    let seen: VexilClient | undefined
    function Grab() {
      seen = useVexilClient()
      return null
    }
    const options = { persistence: 'memory' as const, bootstrap: createBootstrap({ snapshot: snapshot(), context: {} }) }
    const view = (country: string) => (
      <StrictMode>
        <VexilProvider options={options} context={{ userId: 'u', country }}>
          <A />
          <Grab />
        </VexilProvider>
      </StrictMode>
    )
    const { rerender, unmount } = render(view('FR'))
    const client = seen!
    const close = vi.spyOn(client, 'close')
    const mountClient = vi.spyOn(client, 'mount')
    const unmountClient = vi.spyOn(client, 'unmount')
    expect(screen.getByTestId('a').textContent).toBe('false')
    await act(async () => rerender(view('DE')))
    await act(async () => {})
    expect(screen.getByTestId('a').textContent).toBe('true')
    expect(seen).toBe(client)
    expect(close).not.toHaveBeenCalled()
    expect(createClient).toHaveBeenCalledTimes(1)
    // Still mounted: any unmount since was followed by a mount.
    expect(mountClient.mock.calls.length).toBe(unmountClient.mock.calls.length)
    // Closed once, on the real unmount, whatever the context changes in between did.
    unmount()
    await act(async () => {})
    expect(close).toHaveBeenCalledTimes(1)
    expect(unmountClient.mock.calls.length).toBe(mountClient.mock.calls.length + 1)
  })

  it('keeps a context set on the client elsewhere (devtools "view as") when it re-renders with the same prop', async () => {
    const client = serviceClient(fakeService(snapshot()))
    await client.ready()
    const view = () => (
      <VexilProvider client={client} context={{ userId: 'u', country: 'FR' }}>
        <A />
      </VexilProvider>
    )
    const { rerender } = render(view())
    await act(async () => client.setContext({ userId: 'qa', country: 'DE' }))
    expect(screen.getByTestId('a').textContent).toBe('true')
    await act(async () => rerender(view()))
    expect(client.getContext()).toEqual({ userId: 'qa', country: 'DE' })
    expect(screen.getByTestId('a').textContent).toBe('true')
  })

  it('hydrates a given client with the bootstrap prop, once, without a warning', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    const client = createClient({ persistence: 'memory' })
    const payload = createBootstrap({ snapshot: snapshot(), context: { userId: 'u', country: 'DE' } })
    const hydrate = vi.spyOn(client, 'hydrate')
    const use = vi.fn()
    const view = (p: BootstrapPayload) => (
      <VexilProvider client={client} bootstrap={p}>
        <A />
      </VexilProvider>
    )
    const { rerender } = render(view(payload))
    expect(screen.getByTestId('a').textContent).toBe('true')
    expect(client.getState()).toMatchObject({ status: 'ready', source: 'bootstrap' })
    expect(client.getContext()).toEqual({ userId: 'u', country: 'DE' })
    // A re-render with a fresh copy of the same payload (readBootstrap per render) changes nothing.
    const state = client.getState()
    client.subscribe(use)
    rerender(view(JSON.parse(JSON.stringify(payload)) as BootstrapPayload))
    expect(hydrate).toHaveBeenCalledTimes(2)
    expect(client.getState()).toBe(state)
    expect(use).not.toHaveBeenCalled()
    expect(warn).not.toHaveBeenCalled()
    void client.close()
  })

  it('a hook outside a provider throws an error that says how to fix it', () => {
    vi.spyOn(console, 'error').mockImplementation(() => {})
    expect(() => render(<A />)).toThrow(/No <VexilProvider> above this component: wrap your app in <VexilProvider client=\{client\}>/)
    expect(() => renderHook(() => useTrack())).toThrow(/<VexilTestProvider> from '@vexil\/react\/testing'/)
  })
})

describe('hooks', () => {
  async function ready(): Promise<{ client: VexilClient; service: ReturnType<typeof fakeService> }> {
    const service = fakeService(snapshot())
    const client = serviceClient(service, { context: { userId: 'u-1' } })
    await client.ready()
    return { client, service }
  }
  const wrapper =
    (client: VexilClient) =>
    ({ children }: { children: React.ReactNode }) => <VexilProvider client={client}>{children}</VexilProvider>
  /** Renders `hook` under a provider of `client`, counting its renders. */
  const renderCounted = <T,>(hook: () => T, client: VexilClient) => {
    const counter = { renders: 0 }
    const rendered = renderHook(
      () => {
        counter.renders++
        return hook()
      },
      { wrapper: wrapper(client) },
    )
    return { ...rendered, counter }
  }

  it('useFlagDetails gives the reason, and TYPE_MISMATCH with the default for a wrong default type', async () => {
    const { client } = await ready()
    const { result } = renderHook(
      () => ({ ok: useFlagDetails('flag-b', 'x'), wrong: useFlagDetails('flag-b', false), missing: useFlagDetails('nope', 7) }),
      { wrapper: wrapper(client) },
    )
    expect(result.current.ok).toMatchObject({ value: 'green', variation: 'green', reason: 'DEFAULT', error: undefined })
    expect(result.current.wrong).toMatchObject({ value: false, variation: undefined, reason: 'ERROR', error: 'TYPE_MISMATCH' })
    expect(result.current.missing).toMatchObject({ value: 7, reason: 'ERROR', error: 'FLAG_NOT_FOUND' })
  })

  it('useFlags returns every value and follows changes', async () => {
    const { client } = await ready()
    const { result } = renderHook(() => useFlags(), { wrapper: wrapper(client) })
    expect(result.current).toMatchObject({ 'flag-a': false, 'flag-b': 'green' })
    await act(async () => client.setOverride('flag-a', true))
    expect(result.current['flag-a']).toBe(true)
  })

  it('useFlags does not re-render for a change that leaves every value as it was', async () => {
    const { client } = await ready()
    const { result, counter } = renderCounted(() => useFlags(), client)
    const first = result.current
    const before = counter.renders
    // An override to the variation already served: flag-b's result is new (reason OVERRIDE), its value is not.
    await act(async () => client.setOverride('flag-b', 'green'))
    expect(client.evaluate('flag-b').reason).toBe('OVERRIDE')
    expect(counter.renders).toBe(before)
    expect(result.current).toBe(first)
    await act(async () => client.setOverride('flag-b', 'blue'))
    expect(result.current['flag-b']).toBe('blue')
  })

  it('useVexilStatus follows the lifecycle and ignores event counters', async () => {
    const service = fakeService(snapshot())
    const release = service.hold()
    const client = serviceClient(service)
    const { result, counter } = renderCounted(() => useVexilStatus(), client)
    expect(result.current).toEqual({ status: 'loading', source: 'none', stale: false, error: undefined })
    await act(async () => {
      release()
      await client.ready()
    })
    expect(result.current).toMatchObject({ status: 'ready', source: 'network' })
    const before = counter.renders
    await act(async () => client.track('clicked'))
    expect(client.getState().events.queued).toBeGreaterThan(0)
    expect(counter.renders).toBe(before)
  })

  it('useVexilStatus returns each new error, even one with the same code as the last', async () => {
    let failures = 0
    const client = serviceClient({ fetch: () => Promise.reject(new TypeError(`offline ${++failures}`)) }, { onError: () => {} })
    const { result, counter } = renderCounted(() => useVexilStatus(), client)
    await act(() => client.ready())
    const first = client.getState().error
    expect(first).toBeDefined()
    expect(result.current.error).toBe(first)
    await act(() => client.refresh())
    const second = client.getState().error
    expect(second).not.toBe(first)
    expect(second?.code).toBe(first?.code)
    expect(result.current.error).toBe(second)
    // Still identity, not a new object per notification: event counters re-render nothing.
    const before = counter.renders
    await act(async () => client.track('clicked'))
    expect(counter.renders).toBe(before)
  })

  it('useTrack is stable and queues conversions', async () => {
    const { client } = await ready()
    const events: string[] = []
    subscribeActivity(client, (e) => events.push(e.event.type))
    const { result, rerender } = renderHook(() => useTrack(), { wrapper: wrapper(client) })
    const first = result.current
    rerender()
    expect(result.current).toBe(first)
    act(() => result.current('purchase', { value: 12 }))
    expect(events).toContain('conversion')
    // A spy set on the client after render (as app tests do) sees the call.
    const spy = vi.spyOn(client, 'track')
    act(() => result.current('refund'))
    expect(spy).toHaveBeenCalledWith('refund', undefined)
  })
})
