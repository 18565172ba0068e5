// @vitest-environment jsdom
/**
 * A provider that owns its client under `<Activity>`: hiding it unmounts its effects (the client is
 * closed, as for any unmount); showing it again must not leave the tree on a closed client.
 */
import { Activity, version } from 'react'
import { act, cleanup, render, screen } from '@testing-library/react'
import { afterEach, expect, it } from 'vitest'
import type { VexilClient } from '@vexil/core'
import { VexilProvider, useFlag, useVexilClient } from '../index'
import { testClientOptions } from '../testing'

afterEach(cleanup)

// <Activity> exists from React 19 on; React 18 (also a supported peer) has nothing to hide a tree with.
it.runIf(Number.parseInt(version) >= 19)('replaces a closed owned client when shown again', async () => {
  const clients: VexilClient[] = []
  function Probe() {
    const client = useVexilClient()
    if (!clients.includes(client)) clients.push(client)
    return <p data-testid="v">{useFlag('flag', 'default')}</p>
  }
  const options = testClientOptions({ flag: 'served' })
  const view = (mode: 'visible' | 'hidden') => (
    <Activity mode={mode}>
      <VexilProvider options={options}>
        <Probe />
      </VexilProvider>
    </Activity>
  )
  const { rerender } = render(view('visible'))
  expect(screen.getByTestId('v').textContent).toBe('served')
  await act(async () => rerender(view('hidden')))
  await act(async () => rerender(view('visible')))
  expect(clients).toHaveLength(2)
  expect(screen.getByTestId('v').textContent).toBe('served')
  // The new client is live: it reacts to overrides.
  await act(async () => clients[1]!.setOverride('flag', 'other'))
  expect(screen.getByTestId('v').textContent).toBe('other')
})
