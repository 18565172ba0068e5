// @vitest-environment jsdom
/**
 * Streaming SSR: `renderToPipeableStream` with the bootstrap script in the tree and a suspending
 * flag read behind a `<Suspense>` boundary, then hydration of the streamed document.
 */
import { PassThrough } from 'node:stream'
import { renderToPipeableStream } from 'react-dom/server.node'
import { hydrateRoot } from 'react-dom/client'
import { act } from '@testing-library/react'
import { afterEach, expect, it, vi } from 'vitest'
import type { BootstrapPayload } from '@vexil/core'
import { createBootstrap, serializeBootstrap } from '@vexil/core/server'
import { readBootstrap } from '@vexil/react'
import { BOOTSTRAP_ID, snapshot } from './fixtures'
import { Page } from './streamingPage'

afterEach(() => {
  document.body.innerHTML = ''
})

function stream(payload: BootstrapPayload): Promise<string> {
  return new Promise((resolve, reject) => {
    const sink = new PassThrough()
    let html = ''
    sink.on('data', (chunk: Buffer) => (html += chunk.toString()))
    sink.on('end', () => resolve(html))
    const { pipe } = renderToPipeableStream(<Page bootstrap={payload} json={serializeBootstrap(payload)} />, {
      onAllReady: () => pipe(sink),
      onShellError: reject,
      onError: reject,
    })
  })
}

it('streams the bootstrapped values and hydrates them without a mismatch', async () => {
  const payload = createBootstrap({ snapshot: snapshot(), context: { userId: 'u-1', country: 'DE' } })
  const html = await stream(payload)
  expect(html).toContain('<p id="a">true</p>')
  // A bootstrapped client is ready at once: the boundary never showed its fallback.
  expect(html).toContain('<p id="suspended">green</p>')
  expect(html).not.toContain('loading')

  document.body.innerHTML = html
  const bootstrap = readBootstrap(BOOTSTRAP_ID)
  expect(bootstrap).toEqual(payload)
  const app = document.getElementById('app')!
  const before = app.outerHTML
  const errors: unknown[] = []
  vi.spyOn(console, 'error').mockImplementation((...args) => void errors.push(args))
  // A browser has its own copy of the modules. Sharing React's and the provider's context objects
  // with the server renderer in one process makes React warn about two renderers on one context.
  vi.resetModules()
  const fresh = (await import('./streamingPage')) as typeof import('./streamingPage')
  await act(async () => {
    hydrateRoot(document.body, <fresh.Page bootstrap={bootstrap} json={serializeBootstrap(bootstrap!)} />, {
      onRecoverableError: (e) => errors.push(e),
    })
  })
  expect(errors).toEqual([])
  expect(document.getElementById('app')!.outerHTML).toBe(before)
})
