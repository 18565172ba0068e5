// @vitest-environment jsdom
/**
 * Streaming SSR with `renderToPipeableStream`: a bootstrapped page (the payload's script in the tree,
 * a suspending flag read behind `<Suspense>`) hydrated without a mismatch; and, without a bootstrap,
 * the shell streamed first and the flag-dependent boundary once the server's client is ready.
 */
import { PassThrough } from 'node:stream'
import { renderToPipeableStream } from 'react-dom/server.node'
import { hydrateRoot } from 'react-dom/client'
import { act } from '@testing-library/react'
import { afterEach, expect, it, vi } from 'vitest'
import type { BootstrapPayload } from '@vexil/core'
import { createBootstrap, serializeBootstrap } from '@vexil/core/server'
import { Suspense } from 'react'
import { VexilProvider, readBootstrap, useSuspenseFlag } from '@vexil/react'
import { BOOTSTRAP_ID, fakeService, snapshot } from './fixtures'
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

  // In a container, not straight into <body>: React 18 warns about roots on document.body.
  document.body.innerHTML = `<div id="root">${html}</div>`
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
    hydrateRoot(document.getElementById('root')!, <fresh.Page bootstrap={bootstrap} json={serializeBootstrap(bootstrap!)} />, {
      onRecoverableError: (e) => errors.push(e),
    })
  })
  expect(errors).toEqual([])
  expect(document.getElementById('app')!.outerHTML).toBe(before)
})

it('streams the shell first and the flag-dependent boundary once the server client is ready', async () => {
  const service = fakeService(snapshot())
  let release!: () => void
  const gate = new Promise<void>((r) => (release = r))
  const fetch: typeof service.fetch = async (url, init) => {
    await gate
    return service.fetch(url, init)
  }
  function Value() {
    return <p id="late">{useSuspenseFlag('flag-b', 'none')}</p>
  }
  const chunks: string[] = []
  let shellReady!: () => void
  const shellSent = new Promise<void>((r) => (shellReady = r))
  const done = new Promise<void>((resolve, reject) => {
    const sink = new PassThrough()
    sink.on('data', (chunk: Buffer) => chunks.push(chunk.toString()))
    sink.on('end', resolve)
    const { pipe } = renderToPipeableStream(
      <VexilProvider options={{ snapshotUrl: '/snapshot', fetch, persistence: 'none', pollInterval: 0 }}>
        <main>
          <h1>shell</h1>
          <Suspense fallback={<p>loading</p>}>
            <Value />
          </Suspense>
        </main>
      </VexilProvider>,
      {
        onShellReady: () => {
          pipe(sink)
          shellReady()
        },
        onShellError: reject,
        onError: reject,
      },
    )
  })
  await shellSent
  // Let the PassThrough deliver what React wrote (stream events are emitted on a later tick).
  await new Promise((r) => setImmediate(r))
  const shell = chunks.join('')
  expect(shell).toContain('<h1>shell</h1>')
  expect(shell).toContain('loading')
  expect(shell).not.toContain('id="late"')
  release()
  await done
  expect(chunks.join('').slice(shell.length)).toContain('<p id="late">green</p>')
})
