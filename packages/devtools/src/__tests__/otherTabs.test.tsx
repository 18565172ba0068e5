// @vitest-environment jsdom
/** "View as", the event log and the snapshot tab, against a real client. */
import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'
import { VexilProvider, useFlag } from '@vexil/react'
import type { FetchLike, VexilClient } from '@vexil/core'
import { VexilDevtools } from '../index'
import { renderDevtools, testClient } from './fixtures'

const clients: VexilClient[] = []
afterEach(async () => {
  cleanup()
  await Promise.all(clients.splice(0).map((c) => c.close()))
})

function Banner() {
  return <p data-testid="banner">{useFlag('beta-banner', false) ? 'beta banner' : 'no banner'}</p>
}

async function openTab(tab: string, client: VexilClient) {
  clients.push(client)
  const ui = await renderDevtools(
    <VexilProvider client={client}>
      <Banner />
      <VexilDevtools initialIsOpen />
    </VexilProvider>,
  )
  await ui.findByRole('dialog')
  fireEvent.click(ui.getByRole('tab', { name: tab }))
  return ui
}

describe('View as', () => {
  it('applies another context, which changes a targeted flag, and resets to the app’s own', async () => {
    const client = testClient()
    const ui = await openTab('View as', client)
    const editor = ui.getByLabelText('Evaluation context (JSON)') as HTMLTextAreaElement
    expect(JSON.parse(editor.value)).toEqual({ userId: 'u-1' })
    expect(screen.getByTestId('banner').textContent).toBe('no banner')

    fireEvent.change(editor, { target: { value: '{"userId": "qa-42", "country": "DE"}' } })
    fireEvent.click(ui.getByRole('button', { name: 'Apply context' }))
    await waitFor(() => expect(screen.getByTestId('banner').textContent).toBe('beta banner'))
    expect(client.getContext()).toEqual({ userId: 'qa-42', country: 'DE' })
    expect(client.evaluate('beta-banner')).toMatchObject({ reason: 'TARGETING_MATCH', ruleId: 'qa-team' })
    expect(ui.getByRole('button', { name: /viewing as another context/ })).toBeTruthy()

    // A second context is tried, and Reset still goes back to the app's own.
    fireEvent.change(editor, { target: { value: '{"userId": "u-2"}' } })
    fireEvent.click(ui.getByRole('button', { name: 'Apply context' }))
    fireEvent.click(ui.getByRole('button', { name: 'Reset context' }))
    await waitFor(() => expect(screen.getByTestId('banner').textContent).toBe('no banner'))
    expect(client.getContext()).toEqual({ userId: 'u-1' })
    expect(JSON.parse(editor.value)).toEqual({ userId: 'u-1' })
  })

  it.each([
    ['{"userId": ', /^Invalid JSON: /],
    ['["qa-42"]', /must be a JSON object/],
    ['{"userId": 42}', /userId must be a string/],
  ])('refuses %s and changes nothing', async (text, message) => {
    const client = testClient()
    const ui = await openTab('View as', client)
    const editor = ui.getByLabelText('Evaluation context (JSON)')
    fireEvent.change(editor, { target: { value: text } })
    fireEvent.click(ui.getByRole('button', { name: 'Apply context' }))
    expect(ui.getByRole('alert').textContent).toMatch(message)
    expect(editor.getAttribute('aria-invalid')).toBe('true')
    expect(client.getContext()).toEqual({ userId: 'u-1' })
  })
})

describe('Events', () => {
  it('logs conversions and exposures live, with the queue counters', async () => {
    const client = testClient()
    const ui = await openTab('Events', client)
    expect(ui.getByText(/No event yet/)).toBeTruthy()
    act(() => {
      client.track('purchase', { value: 42 })
      client.getVariant('checkout-redesign')
    })
    const log = await ui.findByRole('list', { name: 'Event log' })
    const variation = client.evaluate('checkout-redesign').variation
    await waitFor(() => expect(within(log).getAllByRole('listitem')).toHaveLength(2))
    const [exposure, conversion] = within(log).getAllByRole('listitem')
    expect(exposure!.getAttribute('data-kind')).toBe('queued')
    expect(exposure!.textContent).toContain(`exposure checkout-redesign → ${variation} (redesign-2026) · u-1`)
    expect(conversion!.textContent).toContain('conversion purchase = 42 · u-1')
    const queued = ui.getByRole('group', { name: 'Event counters' }).querySelector('[data-counter="queued"] b')
    expect(queued?.textContent).toBe(String(client.getState().events.queued))
    expect(client.getState().events.queued).toBeGreaterThanOrEqual(2)
    fireEvent.click(ui.getByRole('button', { name: 'Clear log' }))
    expect(ui.getByText(/No event yet/)).toBeTruthy()
  })

  it('shows events dropped at the queue bound, in the log and the counter', async () => {
    const client = testClient({ maxQueueSize: 2 })
    const ui = await openTab('Events', client)
    act(() => {
      for (const event of ['a', 'b', 'c', 'd']) client.track(event)
    })
    const log = await ui.findByRole('list', { name: 'Event log' })
    await waitFor(() => expect(log.querySelectorAll('[data-kind="dropped"]').length).toBe(2))
    const dropped = ui.getByRole('group', { name: 'Event counters' }).querySelector('[data-counter="dropped"] b')
    await waitFor(() => expect(dropped?.textContent).toBe('2'))
    expect(Array.from(log.querySelectorAll('[data-kind="dropped"]'), (li) => li.textContent?.match(/conversion (\w)/)?.[1]).sort()).toEqual(['a', 'b'])
  })

  it('shows events as sent once the service accepts them', async () => {
    const posted: string[] = []
    const fetch: FetchLike = async (_url, init) => {
      posted.push(init.body ?? '')
      return { status: 202, headers: { get: () => null }, text: async () => '' }
    }
    const client = testClient({ eventsUrl: 'https://flags.test/events', fetch })
    const ui = await openTab('Events', client)
    act(() => client.track('signup'))
    fireEvent.click(ui.getByRole('button', { name: 'Send queued events now' }))
    const log = await ui.findByRole('list', { name: 'Event log' })
    const sentLines = (): string[] => Array.from(log.querySelectorAll('[data-kind="sent"]'), (li) => li.textContent ?? '')
    await waitFor(() => expect(sentLines().some((t) => t.includes('conversion signup'))).toBe(true))
    expect(posted.some((b) => b.includes('"signup"'))).toBe(true)
    const sent = ui.getByRole('group', { name: 'Event counters' }).querySelector('[data-counter="sent"] b')
    await waitFor(() => expect(Number(sent?.textContent)).toBeGreaterThanOrEqual(1))
  })
})

describe('Snapshot', () => {
  it('shows revision, source, last update and the invalid flags with their errors', async () => {
    const client = testClient()
    const ui = await openTab('Snapshot', client)
    const dd = (term: string): string | null | undefined =>
      Array.from(ui.root.querySelectorAll('.vx-dl dt')).find((d) => d.textContent === term)?.nextElementSibling?.textContent
    expect(dd('Revision')).toBe('r-7')
    expect(dd('Source')).toBe('bootstrap')
    expect(dd('Status')).toBe('ready')
    expect(dd('Stale')).toBe('no')
    expect(dd('Last update')).toBe(new Date(client.getState().lastUpdated!).toISOString())
    const invalid = ui.getByRole('list', { name: 'Invalid flags' })
    expect(within(invalid).getByText('broken')).toBeTruthy()
    expect(invalid.textContent).toMatch(/flags\.broken\.fallthrough/)
  })

  it('shows a failed refresh as stale with the error', async () => {
    const fetch: FetchLike = async () => {
      throw new Error('offline')
    }
    const client = testClient({ snapshotUrl: 'https://flags.test/snapshot', fetch })
    const ui = await openTab('Snapshot', client)
    fireEvent.click(ui.getByRole('button', { name: 'Refresh now' }))
    const alert = await ui.findByRole('alert')
    expect(alert.textContent).toMatch(/^NETWORK/)
    await waitFor(() => expect(ui.getByText(/^yes: the last refresh failed/)).toBeTruthy())
    expect(ui.getByText(/ready · stale/)).toBeTruthy()
    expect(alert.textContent).not.toContain('[vexil]')
    fireEvent.click(ui.getByRole('tab', { name: 'Flags' }))
    expect(ui.getByText(/^The last refresh failed \(NETWORK: .*\): values may be out of date\.$/)).toBeTruthy()
  })

  it('shows the loading state before the first snapshot, and the error when none could be loaded', async () => {
    let fail: (e: Error) => void = () => {}
    const fetch: FetchLike = () => new Promise((_, reject) => (fail = reject))
    const client = testClient({ snapshotUrl: 'https://flags.test/snapshot', fetch, bootstrap: undefined as never })
    const ui = await openTab('Flags', client)
    expect(await ui.findByText('Loading the snapshot…')).toBeTruthy()
    expect(ui.getByText(/^loading/)).toBeTruthy()
    act(() => fail(new Error('offline')))
    expect((await ui.findByRole('alert')).textContent).toMatch(/^No snapshot could be loaded/)
  })
})
