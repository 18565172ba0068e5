// @vitest-environment jsdom
import { OpenFeature } from '@openfeature/web-sdk'
import {
  OpenFeatureProvider,
  useBooleanFlagDetails,
  useContextMutator,
  useNumberFlagValue,
  useOpenFeatureClientStatus,
  useStringFlagValue,
  useSuspenseFlag,
  useTrack,
} from '@openfeature/react-sdk'
import { act, cleanup, render, screen } from '@testing-library/react'
import { Suspense } from 'react'
import { afterEach, describe, expect, it } from 'vitest'
import { VexilOpenFeatureProvider } from '../VexilOpenFeatureProvider'
import { boolFlag, clientOf, fakeService, FLAGS, settle, snap } from './fakeService'

afterEach(async () => {
  cleanup()
  await OpenFeature.close()
  await OpenFeature.clearContext()
})

function Checkout() {
  const details = useBooleanFlagDetails('new-checkout', false)
  const theme = useStringFlagValue('theme', 'light')
  const max = useNumberFlagValue('max-items', 1)
  const status = useOpenFeatureClientStatus()
  // The app-wide context, which the provider is bound to (no domain).
  const { setContext } = useContextMutator({ defaultContext: true })
  const { track } = useTrack()
  return (
    <div>
      <p data-testid="checkout">{`${details.value}:${details.reason}:${details.variant ?? '-'}`}</p>
      <p data-testid="theme">{theme}</p>
      <p data-testid="max">{max}</p>
      <p data-testid="status">{status}</p>
      <button onClick={() => void setContext({ targetingKey: 'u-1', country: 'DE' })}>germany</button>
      <button onClick={() => track('checkout-clicked', { value: 3 })}>buy</button>
    </div>
  )
}

const text = (id: string): string | null => screen.getByTestId(id).textContent

describe('@openfeature/react-sdk hooks over the Vexil provider', () => {
  it('render Vexil values and re-render on configuration, override and context changes', async () => {
    const service = fakeService(snap(FLAGS))
    const vexil = clientOf(service, {})
    await OpenFeature.setContext({ targetingKey: 'u-1' })
    await OpenFeature.setProviderAndWait(new VexilOpenFeatureProvider(vexil))
    render(
      <OpenFeatureProvider>
        <Checkout />
      </OpenFeatureProvider>,
    )
    expect(text('checkout')).toBe('true:DEFAULT:on')
    expect(text('theme')).toBe('dark')
    expect(text('max')).toBe('50')
    expect(text('status')).toBe('READY')

    // A new snapshot revision: ConfigurationChanged re-renders the flag that changed.
    service.snapshot = snap({ ...FLAGS, 'max-items': { ...FLAGS['max-items'], fallthrough: { variation: 'few' } } }, '2')
    await act(async () => {
      await vexil.refresh()
      await settle()
    })
    expect(text('max')).toBe('10')

    // A QA override through the Vexil client.
    await act(async () => {
      vexil.setOverride('theme', 'light')
      await settle()
    })
    expect(text('theme')).toBe('light')

    // A context change from React reaches the Vexil client.
    await act(async () => {
      screen.getByText('germany').click()
      await settle()
    })
    expect(text('checkout')).toBe('false:TARGETING_MATCH:off')
    expect(vexil.getContext()).toMatchObject({ userId: 'u-1', country: 'DE' })

    // Stale, then Ready again.
    service.down = true
    await act(async () => {
      await vexil.refresh()
      await settle()
    })
    expect(text('status')).toBe('STALE')
    service.down = false
    await act(async () => {
      await vexil.refresh()
      await settle()
    })
    expect(text('status')).toBe('READY')
  })

  it('useTrack sends a Vexil conversion, and served experiment values are exposed', async () => {
    const vexil = clientOf(fakeService(snap(FLAGS)))
    await OpenFeature.setProviderAndWait(new VexilOpenFeatureProvider(vexil))
    render(
      <OpenFeatureProvider>
        <Checkout />
      </OpenFeatureProvider>,
    )
    act(() => screen.getByText('buy').click())
    const events = vexil.activity.map((e) => e.event)
    expect(events).toContainEqual(expect.objectContaining({ type: 'conversion', event: 'checkout-clicked', value: 3, userId: 'u-1' }))
    expect(events).toContainEqual(expect.objectContaining({ type: 'exposure', flag: 'theme', variation: 'dark' }))
  })

  it('suspends until the Vexil client has its snapshot', async () => {
    const service = fakeService(snap({ gate: boolFlag() }))
    const real = service.fetch
    let release: () => void = () => {}
    service.fetch = (url, init) => new Promise((resolve) => (release = () => resolve(real(url, init))))
    void OpenFeature.setProvider(new VexilOpenFeatureProvider(clientOf(service)))
    function Gate() {
      const { value } = useSuspenseFlag('gate', false)
      return <p data-testid="gate">{String(value)}</p>
    }
    await act(async () => {
      render(
        <OpenFeatureProvider>
          <Suspense fallback={<p data-testid="gate">loading</p>}>
            <Gate />
          </Suspense>
        </OpenFeatureProvider>,
      )
      await settle()
    })
    expect(text('gate')).toBe('loading')
    await act(async () => {
      release()
      await settle()
    })
    expect(await screen.findByText('true')).toBeTruthy()
  })
})
