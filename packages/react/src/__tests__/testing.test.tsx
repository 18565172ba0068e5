// @vitest-environment jsdom
/** `@vexil/react/testing`: components render with the values a test gives, with no network. */
import { act, cleanup, render, screen } from '@testing-library/react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { useFlag, useFlagDetails, useVariant, useVexilClient, useVexilStatus } from '../index'
import { VexilTestProvider, createTestClient, createTestSnapshot } from '../testing'
import { validateSnapshot } from '@vexil/core'

afterEach(cleanup)

function Checkout() {
  const on = useFlag('new-checkout', false)
  const theme = useFlag('theme', 'light')
  const limit = useFlag('limit', 0)
  const layout = useFlag('layout', { columns: 1 })
  const status = useVexilStatus()
  const client = useVexilClient()
  return (
    <div>
      <p data-testid="v">{`${on} ${theme} ${limit} ${JSON.stringify(layout)} ${status.status}`}</p>
      <button onClick={() => client.setOverride('new-checkout', false)}>off</button>
    </div>
  )
}

describe('VexilTestProvider', () => {
  it('serves the given values on the first render, without fetching', async () => {
    const fetch = vi.spyOn(globalThis, 'fetch')
    render(
      <VexilTestProvider flags={{ 'new-checkout': true, theme: 'dark', limit: 3, layout: { columns: 2 } }}>
        <Checkout />
      </VexilTestProvider>,
    )
    expect(screen.getByTestId('v').textContent).toBe('true dark 3 {"columns":2} ready')
    await act(async () => screen.getByRole('button').click())
    expect(screen.getByTestId('v').textContent).toBe('false dark 3 {"columns":2} ready')
    expect(fetch).not.toHaveBeenCalled()
  })

  it('gives reasons and variations like a real client', () => {
    function Details() {
      const d = useFlagDetails('new-checkout', false)
      const v = useVariant('theme')
      return <p data-testid="v">{`${d.reason} ${d.variation} ${v.variation} ${v.value}`}</p>
    }
    render(
      <VexilTestProvider flags={{ 'new-checkout': true, theme: 'dark' }}>
        <Details />
      </VexilTestProvider>,
    )
    expect(screen.getByTestId('v').textContent).toBe('DEFAULT on value dark')
  })
})

describe('createTestClient', () => {
  it('builds a valid snapshot and a ready client that evaluates it with the context', async () => {
    expect(validateSnapshot(createTestSnapshot({ a: true, b: 'x', c: 1, d: [1, 2], e: null })).ok).toBe(true)
    const client = createTestClient({ a: false, b: 'x' }, { context: { userId: 'u-9' } })
    expect(client.getState().status).toBe('ready')
    expect(client.getValue('a', true)).toBe(false)
    expect(client.getValue('b', '')).toBe('x')
    expect(client.getContext()).toEqual({ userId: 'u-9' })
    await client.close()
  })
})
