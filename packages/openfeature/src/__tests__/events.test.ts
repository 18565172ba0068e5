import { OpenFeature, ProviderEvents, ProviderStatus } from '@openfeature/web-sdk'
import type { EventDetails } from '@openfeature/web-sdk'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { VexilOpenFeatureProvider } from '../VexilOpenFeatureProvider'
import { boolFlag, clientOf, fakeService, FLAGS, settle, snap } from './fakeService'

afterEach(async () => {
  await OpenFeature.close()
  await OpenFeature.clearContext()
})

/** Records the events an OpenFeature client sees, in order. */
function record() {
  const client = OpenFeature.getClient()
  const seen: Array<{ type: ProviderEvents; details: EventDetails | undefined }> = []
  for (const type of Object.values(ProviderEvents)) client.addHandler(type, (details) => void seen.push({ type, details }))
  // A Ready handler runs at once when the current provider is ready: only what follows counts.
  seen.length = 0
  return { client, seen, types: () => seen.map((s) => s.type) }
}

describe('provider status and events', () => {
  it('is Ready once the client has a snapshot', async () => {
    const vexil = clientOf(fakeService(snap(FLAGS)))
    const { client, types } = record()
    await OpenFeature.setProviderAndWait(new VexilOpenFeatureProvider(vexil))
    expect(client.providerStatus).toBe(ProviderStatus.READY)
    expect(types()).toContain(ProviderEvents.Ready)
  })

  it('emits ConfigurationChanged with only the flags whose result changed', async () => {
    const service = fakeService(snap(FLAGS))
    const vexil = clientOf(service)
    await OpenFeature.setProviderAndWait(new VexilOpenFeatureProvider(vexil))
    const { seen, types } = record()
    service.snapshot = snap({ ...FLAGS, 'killed': boolFlag(), 'max-items': { ...FLAGS['max-items'], description: 'no effect on results' }, fresh: boolFlag() }, '2')
    await vexil.refresh()
    await settle()
    expect(types()).toEqual([ProviderEvents.ConfigurationChanged])
    expect(seen[0]?.details).toMatchObject({ providerName: 'vexil', metadata: { revision: '2' } })
    expect([...((seen[0]?.details?.flagsChanged as string[] | undefined) ?? [])].sort()).toEqual(['fresh', 'killed'])
    expect(OpenFeature.getClient().getBooleanValue('killed', false)).toBe(true)
  })

  it('emits ConfigurationChanged for an override, and ContextChanged (not ConfigurationChanged) for a new context', async () => {
    const vexil = clientOf(fakeService(snap(FLAGS)))
    await OpenFeature.setProviderAndWait(new VexilOpenFeatureProvider(vexil))
    const { seen, types } = record()
    vexil.setOverride('new-checkout', 'off')
    await settle()
    expect(seen).toMatchObject([{ type: ProviderEvents.ConfigurationChanged, details: { flagsChanged: ['new-checkout'] } }])
    await OpenFeature.setContext({ targetingKey: 'u-2', country: 'DE' })
    await settle()
    expect(types()).toEqual([ProviderEvents.ConfigurationChanged, ProviderEvents.ContextChanged])
  })

  it('goes Stale when a refresh fails with a snapshot in hand, and Ready again when one succeeds', async () => {
    const service = fakeService(snap(FLAGS))
    const vexil = clientOf(service)
    await OpenFeature.setProviderAndWait(new VexilOpenFeatureProvider(vexil))
    const { client, types, seen } = record()
    service.down = true
    await vexil.refresh()
    await settle()
    expect(types()).toEqual([ProviderEvents.Stale])
    expect(seen[0]?.details?.message).toMatch(/network down/)
    expect(client.providerStatus).toBe(ProviderStatus.STALE)
    // Stale values are still served.
    expect(client.getBooleanDetails('new-checkout', false)).toMatchObject({ value: true, reason: 'DEFAULT' })
    service.down = false
    await vexil.refresh()
    await settle()
    expect(types()).toEqual([ProviderEvents.Stale, ProviderEvents.Ready])
    expect(client.providerStatus).toBe(ProviderStatus.READY)
  })

  it('is in Error when the first load fails, and turns Ready when a snapshot arrives', async () => {
    const service = fakeService(snap({ a: boolFlag() }))
    service.down = true
    const vexil = clientOf(service)
    const { client, types } = record()
    await expect(OpenFeature.setProviderAndWait(new VexilOpenFeatureProvider(vexil))).rejects.toThrow(/no usable snapshot/)
    expect(client.providerStatus).toBe(ProviderStatus.ERROR)
    expect(types()).toEqual([ProviderEvents.Error])
    expect(client.getBooleanDetails('a', false)).toMatchObject({ value: false, errorCode: 'PROVIDER_NOT_READY' })
    service.down = false
    await vexil.refresh()
    await settle()
    expect(types()).toEqual([ProviderEvents.Error, ProviderEvents.Ready, ProviderEvents.ConfigurationChanged])
    expect(client.providerStatus).toBe(ProviderStatus.READY)
    expect(client.getBooleanValue('a', false)).toBe(true)
  })

  it('fails initialize after readyTimeout, then turns Ready when the snapshot arrives', async () => {
    const service = fakeService(snap({ a: boolFlag() }))
    const slow = service.fetch
    let release: () => void = () => {}
    service.fetch = (url, init) => new Promise((resolve) => (release = () => resolve(slow(url, init))))
    const vexil = clientOf(service)
    const { client, types } = record()
    await expect(OpenFeature.setProviderAndWait(new VexilOpenFeatureProvider(vexil, { readyTimeout: 20 }))).rejects.toThrow(/timed out/)
    expect(client.providerStatus).toBe(ProviderStatus.ERROR)
    release()
    await settle()
    expect(types()).toEqual([ProviderEvents.Error, ProviderEvents.Ready, ProviderEvents.ConfigurationChanged])
    expect(client.getBooleanValue('a', false)).toBe(true)
  })
})

describe('lifecycle', () => {
  it('closes a client it created, not one it was given, and stops emitting once closed', async () => {
    const given = clientOf(fakeService(snap(FLAGS)))
    const close = vi.spyOn(given, 'close')
    const provider = new VexilOpenFeatureProvider(given)
    await OpenFeature.setProviderAndWait(provider)
    const emitted = vi.fn()
    provider.events.addHandler(ProviderEvents.ConfigurationChanged, emitted)
    await OpenFeature.close()
    expect(close).not.toHaveBeenCalled()
    given.setOverride('killed', 'on')
    await settle()
    expect(emitted).not.toHaveBeenCalled()

    const service = fakeService(snap(FLAGS))
    const silent = { warn: () => {}, error: () => {} }
    const owned = new VexilOpenFeatureProvider({ snapshotUrl: 'https://flags.test/v1/snapshot', fetch: service.fetch, persistence: 'memory', pollInterval: 0, logger: silent })
    const closeOwned = vi.spyOn(owned.client, 'close')
    await OpenFeature.setProviderAndWait(owned)
    expect(OpenFeature.getClient().getBooleanValue('new-checkout', false)).toBe(true)
    await OpenFeature.close()
    expect(closeOwned).toHaveBeenCalledTimes(1)
  })
})
