// @vitest-environment jsdom
/** `{ suspense: true }` / `useSuspenseFlag` suspend until the client is ready, then show live values. */
import { Suspense } from 'react'
import { act, cleanup, render, screen } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'
import { createClient } from '@vexil/core'
import { VexilProvider, useFlag, useSuspenseFlag } from '../index'
import { fakeService, serviceClient, snapshot } from './fixtures'

afterEach(cleanup)

function WithOption() {
  return <p data-testid="v">{useFlag('flag-b', 'default', { suspense: true })}</p>
}
function WithHook() {
  return <p data-testid="v">{useSuspenseFlag('flag-b', 'default')}</p>
}

describe('suspense', () => {
  it.each([
    ['{ suspense: true }', WithOption],
    ['useSuspenseFlag', WithHook],
  ])('%s shows the fallback while loading, then the live value', async (_, Component) => {
    const service = fakeService(snapshot())
    const release = service.hold()
    const client = serviceClient(service)
    render(
      <VexilProvider client={client}>
        <Suspense fallback={<p data-testid="v">loading</p>}>
          <Component />
        </Suspense>
      </VexilProvider>,
    )
    await act(async () => {})
    expect(client.getState().status).toBe('loading')
    expect(screen.getByTestId('v').textContent).toBe('loading')
    await act(async () => {
      release()
      await client.ready()
    })
    expect(screen.getByTestId('v').textContent).toBe('green')
  })

  it('without suspense, renders the default while loading', async () => {
    const service = fakeService(snapshot())
    const release = service.hold()
    const client = serviceClient(service)
    function Plain() {
      return <p data-testid="v">{useFlag('flag-b', 'default')}</p>
    }
    render(
      <VexilProvider client={client}>
        <Plain />
      </VexilProvider>,
    )
    expect(screen.getByTestId('v').textContent).toBe('default')
    await act(async () => {
      release()
      await client.ready()
    })
    expect(screen.getByTestId('v').textContent).toBe('green')
  })

  it('stops suspending once ready() settled, even when loading failed', async () => {
    // No snapshot URL, no bootstrap, nothing stored: the client ends in `error`.
    const client = createClient({ persistence: 'memory' })
    render(
      <VexilProvider client={client}>
        <Suspense fallback={<p data-testid="v">loading</p>}>
          <WithHook />
        </Suspense>
      </VexilProvider>,
    )
    await act(() => client.ready())
    await act(async () => {})
    expect(client.getState().status).toBe('error')
    expect(screen.getByTestId('v').textContent).toBe('default')
  })
})
