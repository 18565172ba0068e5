// @vitest-environment jsdom
/**
 * The overlay's outer behaviour: when it renders at all, how it opens and closes (button, shortcut,
 * Escape), where keyboard focus goes, and that it lives in a shadow root.
 */
import { act, cleanup, fireEvent, render, waitFor } from '@testing-library/react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { VexilProvider } from '@vexil/react'
import { VexilDevtools } from '../index'
import { VexilDevtools as ProductionDevtools } from '../production'
import { renderDevtools, testClient } from './fixtures'
import { subscribeActivity } from '@vexil/core/inspect'

afterEach(() => {
  cleanup()
  vi.unstubAllEnvs()
})

const host = (): Element | null => document.querySelector('[data-vexil-devtools]')

/** Lets effects, the lazy import and microtask notifications settle. */
const settle = (): Promise<void> => act(() => new Promise<void>((r) => setTimeout(r, 0)))

describe('VexilDevtools: when it renders', () => {
  it('renders in development', async () => {
    vi.stubEnv('NODE_ENV', 'development')
    const ui = await renderDevtools(<VexilDevtools client={testClient()} />)
    expect(ui.getByRole('button', { name: 'Vexil devtools', expanded: false })).toBeTruthy()
  })

  it('renders nothing in production unless enabled', async () => {
    vi.stubEnv('NODE_ENV', 'production')
    const { container } = render(<VexilDevtools client={testClient()} />)
    await settle()
    expect(host()).toBeNull()
    expect(container.innerHTML).toBe('')
  })

  it('renders in production when enabled', async () => {
    vi.stubEnv('NODE_ENV', 'production')
    const ui = await renderDevtools(<VexilDevtools client={testClient()} enabled />)
    expect(ui.getByRole('button', { name: 'Vexil devtools', expanded: false })).toBeTruthy()
  })

  it('renders nothing anywhere with enabled={false}', async () => {
    vi.stubEnv('NODE_ENV', 'development')
    render(<VexilDevtools client={testClient()} enabled={false} />)
    await settle()
    expect(host()).toBeNull()
  })

  it('the ./production entry renders in production unless enabled is false', async () => {
    vi.stubEnv('NODE_ENV', 'production')
    const { unmount } = render(<ProductionDevtools client={testClient()} enabled={false} />)
    await settle()
    expect(host()).toBeNull()
    unmount()
    const ui = await renderDevtools(<ProductionDevtools client={testClient()} />)
    expect(ui.getByRole('button', { name: 'Vexil devtools', expanded: false })).toBeTruthy()
  })

  it('reads the client of the nearest VexilProvider', async () => {
    const client = testClient()
    client.setOverride('new-checkout', true)
    const ui = await renderDevtools(
      <VexilProvider client={client}>
        <VexilDevtools initialIsOpen />
      </VexilProvider>,
    )
    const row = await ui.findByText('new-checkout')
    expect(row.closest('li')?.hasAttribute('data-overridden')).toBe(true)
  })

  it('lives in a shadow root under body, so page styles do not reach it', async () => {
    const ui = await renderDevtools(<VexilDevtools client={testClient()} />)
    expect(host()?.parentElement).toBe(document.body)
    expect(document.querySelector('.vx-toggle')).toBeNull()
    expect(ui.root.querySelector('style')?.textContent).toContain(':host { all: initial; }')
  })
})

describe('VexilDevtools: opening and closing', () => {
  it('opens with the toggle button and moves focus into the panel', async () => {
    const ui = await renderDevtools(<VexilDevtools client={testClient()} />)
    const toggle = ui.getByRole('button', { name: 'Vexil devtools', expanded: false })
    expect(toggle.getAttribute('aria-expanded')).toBe('false')
    fireEvent.click(toggle)
    const dialog = await ui.findByRole('dialog', { name: 'Vexil devtools' })
    expect(toggle.getAttribute('aria-expanded')).toBe('true')
    await waitFor(() => expect(ui.root.activeElement).toBe(ui.getByRole('searchbox', { name: 'Search flags by key or tag' })))
    expect(dialog.contains(ui.root.activeElement)).toBe(true)
  })

  it('toggles with Alt+Shift+V pressed anywhere in the page', async () => {
    const ui = await renderDevtools(<VexilDevtools client={testClient()} />)
    fireEvent.keyDown(document.body, { key: 'Dead', code: 'KeyV', altKey: true, shiftKey: true })
    const dialog = await ui.findByRole('dialog', { name: 'Vexil devtools' })
    fireEvent.keyDown(document.body, { key: 'V', code: 'KeyV', altKey: true, shiftKey: true })
    await waitFor(() => expect(dialog.hidden).toBe(true))
  })

  it('ignores the key without its modifiers, and takes a custom shortcut', async () => {
    const ui = await renderDevtools(<VexilDevtools client={testClient()} shortcut="Ctrl+K" />)
    fireEvent.keyDown(document.body, { key: 'v', code: 'KeyV', altKey: true, shiftKey: true })
    fireEvent.keyDown(document.body, { key: 'k', code: 'KeyK' })
    await settle()
    expect(ui.queryByRole('dialog')).toBeNull()
    fireEvent.keyDown(document.body, { key: 'k', code: 'KeyK', ctrlKey: true })
    expect(await ui.findByRole('dialog', { name: 'Vexil devtools' })).toBeTruthy()
  })

  it('warns about a shortcut it cannot read, and still renders the button', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    const ui = await renderDevtools(<VexilDevtools client={testClient()} shortcut="Ctrl+Shift" />)
    expect(ui.getByRole('button', { name: 'Vexil devtools', expanded: false })).toBeTruthy()
    expect(warn).toHaveBeenCalledWith(expect.stringMatching(/^\[vexil\] devtools: cannot read the shortcut "Ctrl\+Shift"/))
  })

  it('closes on Escape and gives focus back to the toggle button', async () => {
    const ui = await renderDevtools(<VexilDevtools client={testClient()} initialIsOpen />)
    const dialog = await ui.findByRole('dialog')
    const search = ui.getByRole('searchbox')
    await waitFor(() => expect(ui.root.activeElement).toBe(search))
    fireEvent.keyDown(search, { key: 'Escape' })
    await waitFor(() => expect(dialog.hidden).toBe(true))
    expect(ui.root.activeElement).toBe(ui.getByRole('button', { name: 'Vexil devtools', expanded: false }))
  })

  it('keeps Tab focus inside the open panel', async () => {
    const ui = await renderDevtools(<VexilDevtools client={testClient()} initialIsOpen />)
    const dialog = await ui.findByRole('dialog')
    const close = ui.getByRole('button', { name: 'Close Vexil devtools' })
    const copy = ui.getByRole('button', { name: 'Copy link' })
    // The close button is the first stop and "Copy link" the last: Tab past the end wraps around.
    copy.focus()
    fireEvent.keyDown(copy, { key: 'Tab' })
    expect(ui.root.activeElement).toBe(close)
    fireEvent.keyDown(close, { key: 'Tab', shiftKey: true })
    expect(ui.root.activeElement).toBe(copy)
    expect(dialog.contains(ui.root.activeElement)).toBe(true)
  })

  it('keeps its tab and search while closed and reopened', async () => {
    const ui = await renderDevtools(<VexilDevtools client={testClient()} initialIsOpen />)
    await ui.findByRole('dialog')
    fireEvent.change(ui.getByRole('searchbox'), { target: { value: 'price' } })
    fireEvent.click(ui.getByRole('button', { name: 'Close Vexil devtools' }))
    fireEvent.click(ui.getByRole('button', { name: 'Vexil devtools', expanded: false }))
    expect((ui.getByRole('searchbox') as HTMLInputElement).value).toBe('price')
  })

  it('moves between tabs with the arrow keys', async () => {
    const ui = await renderDevtools(<VexilDevtools client={testClient()} initialIsOpen />)
    await ui.findByRole('dialog')
    const flags = ui.getByRole('tab', { name: 'Flags' })
    fireEvent.keyDown(flags, { key: 'ArrowRight' })
    const viewAs = ui.getByRole('tab', { name: 'View as' })
    expect(viewAs.getAttribute('aria-selected')).toBe('true')
    expect(ui.root.activeElement).toBe(viewAs)
    fireEvent.keyDown(viewAs, { key: 'ArrowLeft' })
    fireEvent.keyDown(ui.getByRole('tab', { name: 'Flags' }), { key: 'ArrowLeft' })
    expect(ui.getByRole('tab', { name: 'Snapshot' }).getAttribute('aria-selected')).toBe('true')
  })

  it('inspecting flags records no exposure', async () => {
    const client = testClient()
    const activity: string[] = []
    subscribeActivity(client, (e) => activity.push(e.kind + ' ' + e.event.type))
    const ui = await renderDevtools(<VexilDevtools client={client} initialIsOpen />)
    // The experiment flag is on screen, with its variation and experiment.
    expect(await ui.findByText('redesign-2026')).toBeTruthy()
    await client.flush()
    expect(activity).toEqual([])
    expect(client.getState().events).toMatchObject({ queued: 0, sent: 0 })
  })

  it('shows the number of overrides on the toggle button', async () => {
    const client = testClient()
    const ui = await renderDevtools(<VexilDevtools client={client} />)
    act(() => {
      client.setOverride('new-checkout', true)
      client.setOverride('price', 'promo')
    })
    expect(await ui.findByRole('button', { name: 'Vexil devtools (2 overrides)' })).toBeTruthy()
  })
})
