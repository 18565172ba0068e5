// @vitest-environment jsdom
/**
 * The devtools never take the app down: a part of the overlay that fails (its chunk does not load,
 * it throws while rendering) renders nothing, and the app around it stays.
 */
import { act, cleanup, render, screen, waitFor } from '@testing-library/react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { lazy, Suspense } from 'react'
import { VexilProvider, useFlag } from '@vexil/react'
import { VexilDevtools } from '../index'
import { OverlayBoundary } from '../OverlayBoundary'
import { renderDevtools, testClient } from './fixtures'

// The panel's chunk fails to load, as when a deploy removed it or the network dropped.
vi.mock('../DevtoolsPanel', () => {
  throw new Error('Failed to fetch dynamically imported module: DevtoolsPanel-x.js')
})

afterEach(() => {
  cleanup()
  vi.restoreAllMocks()
})

function Page() {
  return <p data-testid="page">checkout: {String(useFlag('new-checkout', false))}</p>
}

describe('a part of the devtools that fails', () => {
  it('a panel chunk that does not load leaves the app and the toggle button', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    const ui = await renderDevtools(
      <VexilProvider client={testClient()}>
        <Page />
        <VexilDevtools initialIsOpen />
      </VexilProvider>,
    )
    await waitFor(() => expect(warn).toHaveBeenCalledWith('[vexil] the devtools panel failed and is not shown:', expect.any(Error)))
    expect(screen.getByTestId('page').textContent).toBe('checkout: false')
    expect(ui.getByRole('button', { name: /^Vexil devtools/ })).toBeTruthy()
    expect(ui.queryByRole('dialog')).toBeNull()
  })

  it('a chunk that does not load, or a render that throws, shows nothing and keeps its siblings', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    vi.spyOn(console, 'error').mockImplementation(() => {})
    const Missing = lazy(() => Promise.reject(new Error('chunk gone')))
    const Broken = (): never => {
      throw new Error('bug')
    }
    render(
      <div>
        <p data-testid="app">app</p>
        <OverlayBoundary part="the shell">
          <Suspense fallback={null}>
            <Missing />
          </Suspense>
        </OverlayBoundary>
        <OverlayBoundary part="the panel">
          <Broken />
        </OverlayBoundary>
      </div>,
    )
    await act(() => new Promise<void>((r) => setTimeout(r, 0)))
    expect(screen.getByTestId('app').textContent).toBe('app')
    expect(warn.mock.calls.map((c) => c[0])).toEqual(
      expect.arrayContaining(['[vexil] the shell failed and is not shown:', '[vexil] the panel failed and is not shown:']),
    )
  })
})
