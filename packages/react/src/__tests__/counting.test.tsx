// @vitest-environment jsdom
/**
 * Usage summaries count a mount once per distinct live result: hydration renders the server's result
 * first and the live one after, and that is still one evaluation.
 */
import { StrictMode } from 'react'
import { renderToString } from 'react-dom/server'
import { hydrateRoot } from 'react-dom/client'
import type { Root } from 'react-dom/client'
import { act } from '@testing-library/react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { createClient } from '@vexil/core'
import { createBootstrap } from '@vexil/core/server'
import { VexilProvider, useFlag } from '../index'
import { snapshot } from './fixtures'

let root: Root | undefined
afterEach(async () => {
  await act(async () => root?.unmount())
  root = undefined
  document.body.innerHTML = ''
})

function A() {
  return <p id="a">{String(useFlag('flag-a', false))}</p>
}

describe('summary counts', () => {
  it.each([false, true])('count one evaluation for a mount that hydrates on the server result then goes live, and one per later change (StrictMode: %s)', async (strict) => {
    const context = { userId: 'u-1', country: 'FR' }
    const payload = createBootstrap({ snapshot: snapshot(), context })
    // The server rendered `on`; the live result is `off`: hydration renders both.
    payload.evaluations['flag-a'] = { variation: 'on', value: true, reason: 'TARGETING_MATCH' }
    const tree = (c: ReturnType<typeof createClient>) => {
      const t = (
        <VexilProvider client={c}>
          <A />
        </VexilProvider>
      )
      return strict ? <StrictMode>{t}</StrictMode> : t
    }
    const html = renderToString(tree(createClient({ persistence: 'none', bootstrap: payload })))
    expect(html).toContain('true')
    document.body.innerHTML = `<div id="root">${html}</div>`
    const client = createClient({ persistence: 'memory', bootstrap: payload })
    const count = vi.spyOn(client, 'count')
    const container = document.getElementById('root')!
    await act(async () => {
      root = hydrateRoot(container, tree(client), { onRecoverableError: () => {} })
    })
    await act(async () => {})
    expect(container.textContent).toBe('false')
    expect(count).toHaveBeenCalledTimes(1)
    // A new live result (the context now matches the rule) is another evaluation.
    await act(async () => client.setContext({ userId: 'u-1', country: 'DE' }))
    expect(container.textContent).toBe('true')
    expect(count).toHaveBeenCalledTimes(2)
    await client.close()
  })
})
