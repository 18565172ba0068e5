// @vitest-environment jsdom
/**
 * A component re-renders only when its own flag's result changes: for a new snapshot, a context
 * change and an override that change flag A, components reading flag B do not render again.
 */
import { act, cleanup, render, screen } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'
import type { VexilClient } from '@vexil/core'
import { VexilProvider, useFlag, useFlagDetails, useVariant } from '../index'
import { fakeService, serviceClient, snapshot } from './fixtures'

afterEach(cleanup)

const renders = { a: 0, b: 0, details: 0, variant: 0 }

function A() {
  renders.a++
  return <p data-testid="a">{String(useFlag('flag-a', false))}</p>
}
function B() {
  renders.b++
  return <p data-testid="b">{useFlag('flag-b', 'none')}</p>
}
function BDetails() {
  renders.details++
  return <p>{useFlagDetails('flag-b', 'none').reason}</p>
}
function BVariant() {
  renders.variant++
  return <p>{useVariant('flag-b').variation}</p>
}

// One element object: re-rendering the provider with it does not re-render the consumers by itself.
const tree = (
  <>
    <A />
    <B />
    <BDetails />
    <BVariant />
  </>
)

async function setup(): Promise<{ client: VexilClient; service: ReturnType<typeof fakeService> }> {
  const service = fakeService(snapshot('1'))
  const client = serviceClient(service, { context: { userId: 'u-1', country: 'FR' } })
  render(<VexilProvider client={client}>{tree}</VexilProvider>)
  await act(() => client.ready())
  for (const k of Object.keys(renders) as Array<keyof typeof renders>) renders[k] = 0
  return { client, service }
}

const expectOnlyA = (): void => {
  expect(renders.a).toBe(1)
  expect(renders).toEqual({ a: 1, b: 0, details: 0, variant: 0 })
}

describe('render counts', () => {
  it('a new snapshot that changes flag A renders A only', async () => {
    const { client, service } = await setup()
    expect(screen.getByTestId('a').textContent).toBe('false')
    service.set(snapshot('2', true))
    await act(() => client.refresh())
    expect(client.getState().revision).toBe('2')
    expect(screen.getByTestId('a').textContent).toBe('true')
    expectOnlyA()
  })

  it('a new snapshot that changes nothing renders nobody', async () => {
    const { client, service } = await setup()
    service.set(snapshot('3'))
    await act(() => client.refresh())
    expect(client.getState().revision).toBe('3')
    expect(renders).toEqual({ a: 0, b: 0, details: 0, variant: 0 })
  })

  it('a context change that affects flag A renders A only', async () => {
    const { client } = await setup()
    await act(async () => client.setContext({ userId: 'u-1', country: 'DE' }))
    expect(screen.getByTestId('a').textContent).toBe('true')
    expectOnlyA()
  })

  it('an override of flag A renders A only', async () => {
    const { client } = await setup()
    await act(async () => client.setOverride('flag-a', 'on'))
    expect(screen.getByTestId('a').textContent).toBe('true')
    expectOnlyA()
  })

  it('an override of flag B renders the B readers, not A', async () => {
    const { client } = await setup()
    await act(async () => client.setOverride('flag-b', 'blue'))
    expect(screen.getByTestId('b').textContent).toBe('blue')
    expect(renders).toEqual({ a: 0, b: 1, details: 1, variant: 1 })
  })

  it('the provider context prop: an equal object does nothing, a change renders A only', async () => {
    const service = fakeService(snapshot('1'))
    const client = serviceClient(service)
    const { rerender } = render(
      <VexilProvider client={client} context={{ userId: 'u-1', country: 'FR' }}>
        {tree}
      </VexilProvider>,
    )
    await act(() => client.ready())
    expect(client.getContext()).toEqual({ userId: 'u-1', country: 'FR' })
    const before = client.getContext()
    for (const k of Object.keys(renders) as Array<keyof typeof renders>) renders[k] = 0

    rerender(
      <VexilProvider client={client} context={{ userId: 'u-1', country: 'FR' }}>
        {tree}
      </VexilProvider>,
    )
    await act(async () => {})
    expect(client.getContext()).toBe(before)
    expect(renders).toEqual({ a: 0, b: 0, details: 0, variant: 0 })

    rerender(
      <VexilProvider client={client} context={{ userId: 'u-1', country: 'DE' }}>
        {tree}
      </VexilProvider>,
    )
    await act(async () => {})
    expect(client.getContext()).toEqual({ userId: 'u-1', country: 'DE' })
    expect(screen.getByTestId('a').textContent).toBe('true')
    expectOnlyA()
  })
})
