// @vitest-environment jsdom
/**
 * Exposures are recorded after commit, never in render: once per result under StrictMode, not at all
 * for a render that never commits, not with `expose: false`, and with `<Feature exposeWhenVisible>`
 * only when the content is seen.
 */
import { StrictMode, Suspense, startTransition } from 'react'
import { act, cleanup, render, screen } from '@testing-library/react'
import { createRoot } from 'react-dom/client'
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { VexilClient, VexilEvent } from '@vexil/core'
import { Feature, VexilProvider, useFlag, useVariant, useVexilClient } from '../index'
import { createClient } from '@vexil/core'
import { createBootstrap } from '@vexil/core/server'
import { snapshot } from './fixtures'
import { subscribeActivity } from '@vexil/core/inspect'

afterEach(() => {
  cleanup()
  vi.unstubAllGlobals()
})

/** A ready client (bootstrapped) in which user u-1 is in the `exp` experiment, with the exposures it queues. */
function experimentClient(): { client: VexilClient; exposures: VexilEvent[] } {
  const context = { userId: 'u-1' }
  const client = createClient({ persistence: 'memory', context, bootstrap: createBootstrap({ snapshot: snapshot(), context }) })
  const exposures: VexilEvent[] = []
  subscribeActivity(client, (e) => {
    if (e.kind === 'queued' && e.event.type === 'exposure') exposures.push(e.event)
  })
  return { client, exposures }
}

function Exp({ expose }: { expose?: boolean }) {
  const v = useVariant('exp', expose === undefined ? undefined : { expose })
  return <p data-testid="exp">{v.variation}</p>
}

describe('exposure', () => {
  it('is recorded once after commit under StrictMode, with the served variation', async () => {
    const { client, exposures } = experimentClient()
    const expose = vi.spyOn(client, 'expose')
    render(
      <StrictMode>
        <VexilProvider client={client}>
          <Exp />
        </VexilProvider>
      </StrictMode>,
    )
    await act(async () => {})
    expect(expose).toHaveBeenCalledTimes(1)
    expect(exposures).toHaveLength(1)
    expect(exposures[0]).toMatchObject({ flag: 'exp', experiment: 'exp-1', unit: 'u-1', variation: screen.getByTestId('exp').textContent })
  })

  it('is not recorded by a render that never commits (concurrent rendering)', async () => {
    const { client, exposures } = experimentClient()
    let release!: () => void
    let open = false
    const gate = new Promise<void>((r) => (release = r)).then(() => void (open = true))
    function Wait() {
      // A thrown promise rather than `use` (React 19 only): this runs under React 18 too.
      if (!open) throw gate
      return null
    }
    const root = createRoot(document.createElement('div'))
    await act(async () => {
      root.render(
        <StrictMode>
          <VexilProvider client={client}>
            <Suspense fallback={null}>
              <p>ready</p>
            </Suspense>
          </VexilProvider>
        </StrictMode>,
      )
    })
    let rendered = 0
    function Counted() {
      rendered++
      return <Exp />
    }
    // A transition keeps the old UI while a sibling suspends: Exp renders, nothing commits.
    await act(async () => {
      startTransition(() =>
        root.render(
          <StrictMode>
            <VexilProvider client={client}>
              <Suspense fallback={null}>
                <Counted />
                <Wait />
              </Suspense>
            </VexilProvider>
          </StrictMode>,
        ),
      )
    })
    expect(rendered).toBeGreaterThan(0)
    expect(exposures).toHaveLength(0)
    await act(async () => release())
    expect(exposures).toHaveLength(1)
    await act(async () => root.unmount())
  })

  it('is left to the caller with expose: false', async () => {
    const { client, exposures } = experimentClient()
    function Manual() {
      const v = useVariant('exp', { expose: false })
      const c = useVexilClient()
      return <button onClick={() => c.expose(c.evaluate('exp'))}>{v.variation}</button>
    }
    render(
      <VexilProvider client={client}>
        <Manual />
      </VexilProvider>,
    )
    await act(async () => {})
    expect(exposures).toHaveLength(0)
    await act(async () => screen.getByRole('button').click())
    expect(exposures).toHaveLength(1)
  })

  it('is not recorded for a value that is not in an experiment', async () => {
    const { client, exposures } = experimentClient()
    function Plain() {
      return <p>{String(useFlag('flag-a', false))}</p>
    }
    render(
      <VexilProvider client={client}>
        <Plain />
      </VexilProvider>,
    )
    await act(async () => {})
    expect(exposures).toHaveLength(0)
  })
})

describe('<Feature>', () => {
  it('renders children for the variation, the fallback otherwise, and exposes on commit', async () => {
    const { client, exposures } = experimentClient()
    const served = client.evaluate('exp').variation
    const other = served === 'control' ? 'treatment' : 'control'
    render(
      <VexilProvider client={client}>
        <Feature flag="exp" variation={served!} fallback={<i>fallback</i>}>
          <b>served</b>
        </Feature>
        <Feature flag="exp" variation={other} fallback={<i>other-fallback</i>}>
          <b>other</b>
        </Feature>
        <Feature flag="flag-b">
          <b>truthy</b>
        </Feature>
      </VexilProvider>,
    )
    await act(async () => {})
    expect(screen.queryByText('served')).not.toBeNull()
    expect(screen.queryByText('fallback')).toBeNull()
    expect(screen.queryByText('other')).toBeNull()
    expect(screen.queryByText('other-fallback')).not.toBeNull()
    expect(screen.queryByText('truthy')).not.toBeNull()
    // Both arms were seen by the same user in the same experiment: one exposure.
    expect(exposures).toHaveLength(1)
  })

  it('with exposeWhenVisible, exposes only when the content intersects the viewport', async () => {
    const observers: Array<{ cb: IntersectionObserverCallback; targets: Element[] }> = []
    vi.stubGlobal(
      'IntersectionObserver',
      class {
        targets: Element[] = []
        constructor(cb: IntersectionObserverCallback) {
          observers.push({ cb, targets: this.targets })
        }
        observe(el: Element) {
          this.targets.push(el)
        }
        disconnect() {
          this.targets.length = 0
        }
      },
    )
    const { client, exposures } = experimentClient()
    render(
      <StrictMode>
        <VexilProvider client={client}>
          <Feature flag="exp" variation="treatment" fallback={<i>control arm</i>} exposeWhenVisible>
            <b>treatment arm</b>
          </Feature>
        </VexilProvider>
      </StrictMode>,
    )
    await act(async () => {})
    expect(exposures).toHaveLength(0)
    const live = observers.filter((o) => o.targets.length)
    expect(live).toHaveLength(1)
    const target = live[0]!.targets[0]!
    expect(target.textContent).toMatch(/arm/)
    const entry = (isIntersecting: boolean) => [{ isIntersecting, target }] as unknown as IntersectionObserverEntry[]
    await act(async () => live[0]!.cb(entry(false), {} as IntersectionObserver))
    expect(exposures).toHaveLength(0)
    await act(async () => live[0]!.cb(entry(true), {} as IntersectionObserver))
    expect(exposures).toHaveLength(1)
    expect(live[0]!.targets).toHaveLength(0)
  })
})
