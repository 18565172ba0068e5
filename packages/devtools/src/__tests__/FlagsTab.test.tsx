// @vitest-environment jsdom
/**
 * The flag list and its override controls: what each row tells, the filters, and that every control
 * goes through the client, so the page re-renders at once and a refused input changes nothing.
 */
import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'
import { VexilProvider, useFlag } from '@vexil/react'
import type { VexilClient } from '@vexil/core'
import { VexilDevtools } from '../index'
import { renderDevtools, testClient } from './fixtures'

afterEach(cleanup)

/** A page that shows two flags, to see it change as the devtools override them. */
function Page() {
  const checkout = useFlag('new-checkout', false)
  const redesign = useFlag('checkout-redesign', 'none')
  return (
    <p data-testid="page">
      {checkout ? 'new checkout' : 'old checkout'} / {redesign}
    </p>
  )
}

async function open(client: VexilClient = testClient()) {
  const ui = await renderDevtools(
    <VexilProvider client={client}>
      <Page />
      <VexilDevtools initialIsOpen />
    </VexilProvider>,
  )
  await ui.findByRole('dialog')
  const row = (key: string): HTMLElement => {
    const li = ui.root.querySelector<HTMLElement>(`li[data-flag="${key}"]`)
    if (!li) throw new Error(`no row for ${key}`)
    return li
  }
  const keys = (): string[] => Array.from(ui.root.querySelectorAll('li[data-flag]'), (li) => li.getAttribute('data-flag')!)
  return { ui, client, row, keys }
}

/** The `dd` after the `dt` named `term` in a row. */
const fact = (row: HTMLElement, term: string): string | null | undefined =>
  Array.from(row.querySelectorAll('dt')).find((dt) => dt.textContent === term)?.nextElementSibling?.textContent

describe('flag list', () => {
  it('shows every flag with value, variation, reason, rule and experiment', async () => {
    const { row, keys, client } = await open()
    expect(keys()).toEqual(['new-checkout', 'checkout-redesign', 'beta-banner', 'price', 'theme', 'broken'])
    const r = client.evaluate('checkout-redesign')
    const exp = row('checkout-redesign')
    expect(fact(exp, 'Value')).toBe(JSON.stringify(r.value))
    expect(fact(exp, 'Variation')).toBe(r.variation)
    expect(fact(exp, 'Reason')).toBe('SPLIT')
    expect(fact(exp, 'Rule')).toBe('everyone')
    expect(fact(exp, 'Experiment')).toBe('redesign-2026')
    expect(within(exp).getByText('experiment')).toBeTruthy()
    expect(fact(row('new-checkout'), 'Reason')).toBe('DEFAULT')
    expect(fact(row('new-checkout'), 'Rule')).toBe('—')
  })

  it('shows an invalid flag with its errors and no override controls', async () => {
    const { ui, row } = await open()
    const broken = row('broken')
    expect(fact(broken, 'Reason')).toBe('ERROR (INVALID_FLAG)')
    expect(within(broken).getByRole('list', { name: 'Errors of broken' }).textContent).toMatch(/fallthrough/)
    expect(within(broken).queryByRole('combobox')).toBeNull()
    expect(ui.getByText(/^1 invalid flag serves the code’s default/).textContent).toMatch(/: broken\. Details in the Snapshot tab\.$/)
  })

  it('searches by key and by tag, case-insensitively', async () => {
    const { ui, keys } = await open()
    const search = ui.getByRole('searchbox', { name: 'Search flags by key or tag' })
    fireEvent.change(search, { target: { value: 'PRI' } })
    expect(keys()).toEqual(['price'])
    fireEvent.change(search, { target: { value: 'checkout' } })
    expect(keys()).toEqual(['new-checkout', 'checkout-redesign'])
    fireEvent.change(search, { target: { value: 'marketing' } })
    expect(keys()).toEqual(['beta-banner'])
    fireEvent.change(search, { target: { value: 'nothing-like-this' } })
    expect(ui.getByText('No flag matches these filters.')).toBeTruthy()
  })

  it('filters to overridden flags and marks them', async () => {
    const { ui, keys, row, client } = await open()
    act(() => client.setOverride('price', 'promo'))
    await waitFor(() => expect(row('price').hasAttribute('data-overridden')).toBe(true))
    expect(within(row('price')).getByText('overridden')).toBeTruthy()
    expect(row('theme').hasAttribute('data-overridden')).toBe(false)
    fireEvent.click(ui.getByRole('checkbox', { name: 'Overridden only' }))
    expect(keys()).toEqual(['price'])
  })

  it('shows when an override expires', async () => {
    const { row, client } = await open()
    const expiresAt = Date.parse('2099-01-02T13:45:00Z')
    act(() => client.setOverride('theme', 'dark', { expiresAt }))
    await waitFor(() => expect(within(row('theme')).getByText('overridden until 13:45 UTC')).toBeTruthy())
  })
})

describe('override controls', () => {
  it('a boolean switch forces the flag and the page changes at once', async () => {
    const { row, client } = await open()
    expect(screen.getByTestId('page').textContent).toMatch(/^old checkout/)
    const sw = within(row('new-checkout')).getByRole('switch', { name: 'Force new-checkout on' })
    expect(sw.getAttribute('aria-checked')).toBe('false')
    fireEvent.click(sw)
    await waitFor(() => expect(screen.getByTestId('page').textContent).toMatch(/^new checkout/))
    expect(client.getOverrides()['new-checkout']).toEqual({ variation: 'on' })
    expect(sw.getAttribute('aria-checked')).toBe('true')
    expect(fact(row('new-checkout'), 'Reason')).toBe('OVERRIDE')
  })

  it('the variation picker forces any variation of a 3-way experiment, and clears it', async () => {
    const { row, client } = await open()
    const served = client.evaluate('checkout-redesign').variation
    const other = ['control', 'treatment-a', 'treatment-b'].find((v) => v !== served)!
    const picker = within(row('checkout-redesign')).getByRole('combobox', { name: 'Force a variation of checkout-redesign' })
    fireEvent.change(picker, { target: { value: other } })
    const value = { control: 'classic', 'treatment-a': 'compact', 'treatment-b': 'wizard' }[other]
    await waitFor(() => expect(screen.getByTestId('page').textContent).toBe(`old checkout / ${value}`))
    expect(client.getOverrides()).toEqual({ 'checkout-redesign': { variation: other } })
    fireEvent.change(picker, { target: { value: '' } })
    await waitFor(() => expect(client.getOverrides()).toEqual({}))
  })

  it('a wrong number shows an error and changes nothing', async () => {
    const { row, client } = await open()
    const r = row('price')
    fireEvent.click(within(r).getByRole('button', { name: 'Edit the value of price' }))
    const input = within(r).getByLabelText('Number value of price')
    fireEvent.change(input, { target: { value: '12abc' } })
    fireEvent.click(within(r).getByRole('button', { name: 'Apply value' }))
    expect(within(r).getByRole('alert').textContent).toBe('"12abc" is not a number')
    expect(input.getAttribute('aria-invalid')).toBe('true')
    expect(client.getOverrides()).toEqual({})
    expect(client.evaluate('price').value).toBe(10)
  })

  it('a number outside the variations is forced as a raw value', async () => {
    const { row, client } = await open()
    const r = row('price')
    fireEvent.click(within(r).getByRole('button', { name: 'Edit the value of price' }))
    fireEvent.change(within(r).getByLabelText('Number value of price'), { target: { value: '12.5' } })
    fireEvent.click(within(r).getByRole('button', { name: 'Apply value' }))
    await waitFor(() => expect(client.evaluate('price').value).toBe(12.5))
    expect(client.getOverrides()).toEqual({ price: { value: 12.5 } })
    expect(within(r).queryByLabelText('Number value of price')).toBeNull()
    const picker = within(r).getByRole('combobox', { name: 'Force a variation of price' }) as HTMLSelectElement
    expect(picker.selectedOptions[0]?.textContent).toBe('A raw value is forced')
  })

  it('broken JSON shows an error and changes nothing; valid JSON applies', async () => {
    const { row, client } = await open()
    const r = row('theme')
    fireEvent.click(within(r).getByRole('button', { name: 'Edit the value of theme' }))
    const input = within(r).getByLabelText('JSON value of theme')
    fireEvent.change(input, { target: { value: '{"bg": #123}' } })
    fireEvent.click(within(r).getByRole('button', { name: 'Apply value' }))
    expect(within(r).getByRole('alert').textContent).toMatch(/^Invalid JSON: /)
    expect(client.getOverrides()).toEqual({})
    fireEvent.change(input, { target: { value: '{"bg": "#123"}' } })
    fireEvent.click(within(r).getByRole('button', { name: 'Apply value' }))
    await waitFor(() => expect(client.evaluate('theme').value).toEqual({ bg: '#123' }))
  })

  it('shows what the client refuses and changes nothing', async () => {
    const { row, client } = await open(testClient({ allowOverrides: false }))
    fireEvent.click(within(row('new-checkout')).getByRole('switch'))
    expect(within(row('new-checkout')).getByRole('alert').textContent).toMatch(/^overrides are disabled/)
    expect(client.evaluate('new-checkout').reason).toBe('DEFAULT')
  })

  it('clears one override, then all', async () => {
    const { ui, row, client } = await open()
    act(() => {
      client.setOverride('new-checkout', true)
      client.setOverride('price', 'promo')
      client.setOverride('theme', 'dark')
    })
    fireEvent.click(await within(row('price')).findByRole('button', { name: 'Clear the override of price' }))
    await waitFor(() => expect(Object.keys(client.getOverrides()).sort()).toEqual(['new-checkout', 'theme']))
    expect(row('price').hasAttribute('data-overridden')).toBe(false)
    expect(screen.getByTestId('page').textContent).toMatch(/^new checkout/)
    fireEvent.click(ui.getByRole('button', { name: 'Clear all overrides' }))
    await waitFor(() => expect(screen.getByTestId('page').textContent).toMatch(/^old checkout/))
    expect(client.getOverrides()).toEqual({})
    expect((ui.getByRole('button', { name: 'Clear all overrides' }) as HTMLButtonElement).disabled).toBe(true)
  })

  it('the share link carries the variation overrides', async () => {
    const { ui, client } = await open()
    act(() => {
      client.setOverride('new-checkout', true)
      client.setOverride('checkout-redesign', 'treatment-b')
      client.setOverride('price', 12.5)
    })
    const link = await ui.findByRole('textbox', { name: 'Link reproducing these overrides' })
    await waitFor(() => expect(new URL((link as HTMLInputElement).value).searchParams.get('vexil')).toBe('new-checkout:on,checkout-redesign:treatment-b'))
    expect(ui.getByText(/1 raw-value override is not in the link/)).toBeTruthy()
  })
})
