import { ErrorCode, OpenFeature, StandardResolutionReasons } from '@openfeature/web-sdk'
import type { EvaluationContext } from '@openfeature/web-sdk'
import { afterEach, describe, expect, it } from 'vitest'
import { VexilOpenFeatureProvider } from '../VexilOpenFeatureProvider'
import { boolFlag, clientOf, fakeService, FLAGS, settle, snap } from './fakeService'

afterEach(async () => {
  await OpenFeature.close()
  await OpenFeature.clearContext()
})

async function setup(context: EvaluationContext = { targetingKey: 'u-1' }) {
  const service = fakeService(snap(FLAGS))
  const vexil = clientOf(service, {})
  const provider = new VexilOpenFeatureProvider(vexil)
  await OpenFeature.setContext(context)
  await OpenFeature.setProviderAndWait(provider)
  return { service, vexil, provider, client: OpenFeature.getClient() }
}

describe('resolution through @openfeature/web-sdk', () => {
  it('resolves each type with its variant, mapped reason and metadata', async () => {
    const { client } = await setup()
    expect(client.getBooleanDetails('new-checkout', false)).toMatchObject({
      value: true,
      variant: 'on',
      reason: StandardResolutionReasons.DEFAULT,
      flagMetadata: { vexilReason: 'DEFAULT', revision: '1', inExperiment: false },
    })
    expect(client.getStringDetails('theme', 'light')).toMatchObject({
      value: 'dark',
      variant: 'dark',
      reason: StandardResolutionReasons.SPLIT,
      flagMetadata: { experiment: 'theme-test', inExperiment: true },
    })
    expect(client.getNumberDetails('max-items', 1)).toMatchObject({ value: 50, variant: 'many', reason: 'DEFAULT' })
    expect(client.getObjectDetails('banner', {})).toMatchObject({ value: { text: 'Hi' }, variant: 'a', reason: 'DEFAULT' })
    expect(client.getBooleanDetails('killed', true)).toMatchObject({ value: false, variant: 'off', reason: StandardResolutionReasons.DISABLED })
  })

  it('maps rule matches to TARGETING_MATCH with the rule id, from the OpenFeature context', async () => {
    const { client } = await setup({ targetingKey: 'u-1', country: 'DE' })
    expect(client.getBooleanDetails('new-checkout', true)).toMatchObject({
      value: false,
      reason: StandardResolutionReasons.TARGETING_MATCH,
      flagMetadata: { ruleId: 'germany' },
    })
  })

  it('maps overrides to STATIC and sticky assignments to CACHED', async () => {
    const sticky = {
      type: 'string',
      enabled: true,
      sticky: true,
      variations: { a: 'a', b: 'b' },
      offVariation: 'a',
      fallthrough: { split: [{ variation: 'b', weight: 100 }, { variation: 'a', weight: 0 }] },
    }
    const service = fakeService(snap({ ...FLAGS, sticky }))
    const vexil = clientOf(service)
    await OpenFeature.setProviderAndWait(new VexilOpenFeatureProvider(vexil))
    const client = OpenFeature.getClient()
    expect(client.getStringDetails('sticky', 'z')).toMatchObject({ value: 'b', reason: 'SPLIT' })
    // New weights: the user keeps the assigned variation.
    service.snapshot = snap({ ...FLAGS, sticky: { ...sticky, fallthrough: { split: [{ variation: 'b', weight: 0 }, { variation: 'a', weight: 100 }] } } }, '2')
    await vexil.refresh()
    await settle()
    expect(client.getStringDetails('sticky', 'z')).toMatchObject({ value: 'b', variant: 'b', reason: StandardResolutionReasons.CACHED, flagMetadata: { vexilReason: 'STICKY' } })

    vexil.setOverride('max-items', 'few')
    await settle()
    expect(client.getNumberDetails('max-items', 1)).toMatchObject({ value: 10, variant: 'few', reason: StandardResolutionReasons.STATIC, flagMetadata: { vexilReason: 'OVERRIDE' } })
  })

  it('returns the default with ERROR and the fitting error code', async () => {
    const { client } = await setup()
    expect(client.getBooleanDetails('nope', true)).toMatchObject({ value: true, reason: 'ERROR', errorCode: ErrorCode.FLAG_NOT_FOUND })
    expect(client.getStringDetails('new-checkout', 'x')).toMatchObject({ value: 'x', reason: 'ERROR', errorCode: ErrorCode.TYPE_MISMATCH })
    expect(client.getNumberDetails('theme', 7)).toMatchObject({ value: 7, errorCode: ErrorCode.TYPE_MISMATCH })
    expect(client.getObjectDetails('max-items', { d: 1 })).toMatchObject({ value: { d: 1 }, errorCode: ErrorCode.TYPE_MISMATCH })
    const broken = client.getBooleanDetails('broken', true)
    expect(broken).toMatchObject({ value: true, reason: 'ERROR', errorCode: ErrorCode.PARSE_ERROR, flagMetadata: { vexilErrorCode: 'INVALID_FLAG' } })
    expect(broken.errorMessage).toMatch(/flags\.broken/)
  })

  it('checks the value, not only the flag type, for json flags', async () => {
    const { client } = await setup({ targetingKey: 'u-1', plain: true })
    // A json flag accepts any default, but this user gets a string: not an object.
    expect(client.getObjectDetails('banner', { text: 'default' })).toMatchObject({ value: { text: 'default' }, reason: 'ERROR', errorCode: ErrorCode.TYPE_MISMATCH })
    expect(client.getStringDetails('banner', 'd')).toMatchObject({ value: 'just a string', variant: 'plain', reason: 'TARGETING_MATCH' })
  })

  it('reports PROVIDER_NOT_READY while the client has no snapshot', async () => {
    const service = fakeService(snap({ a: boolFlag() }))
    service.down = true
    const provider = new VexilOpenFeatureProvider(clientOf(service))
    expect(provider.resolveBooleanEvaluation('a', false)).toMatchObject({ value: false, reason: 'ERROR', errorCode: ErrorCode.PROVIDER_NOT_READY })
    await provider.onClose()
  })
})

describe('context', () => {
  it('maps targetingKey to userId, keeps attributes and turns dates into ISO strings', async () => {
    const { vexil, client } = await setup({ targetingKey: 'u-7', country: 'FR', signedUp: new Date('2025-06-01T00:00:00Z') })
    expect(vexil.getContext()).toEqual({ targetingKey: 'u-7', userId: 'u-7', country: 'FR', signedUp: '2025-06-01T00:00:00.000Z' })
    expect(client.getBooleanDetails('launch', false)).toMatchObject({ value: true, reason: 'TARGETING_MATCH' })
    await OpenFeature.setContext({ targetingKey: 'u-8', userId: 'explicit', signedUp: new Date('2026-06-01T00:00:00Z') })
    expect(vexil.getContext()).toMatchObject({ userId: 'explicit', targetingKey: 'u-8' })
    expect(client.getBooleanDetails('launch', true)).toMatchObject({ value: false, reason: 'DEFAULT' })
  })

  it('keeps the client context when OpenFeature has none', async () => {
    const vexil = clientOf(fakeService(snap(FLAGS)), { userId: 'own', country: 'DE' })
    await OpenFeature.setProviderAndWait(new VexilOpenFeatureProvider(vexil))
    expect(vexil.getContext()).toEqual({ userId: 'own', country: 'DE' })
    expect(OpenFeature.getClient().getBooleanValue('new-checkout', true)).toBe(false)
  })
})

describe('exposures and tracking', () => {
  it('records an exposure for a served experiment value, never for a default served on error', async () => {
    const { vexil, client } = await setup()
    client.getNumberValue('theme', 1)
    expect(vexil.activity.filter((e) => e.event.type === 'exposure')).toEqual([])
    client.getStringValue('theme', 'light')
    const exposures = vexil.activity.filter((e) => e.event.type === 'exposure').map((e) => e.event)
    expect(exposures).toMatchObject([{ type: 'exposure', flag: 'theme', variation: 'dark', experiment: 'theme-test', userId: 'u-1' }])
  })

  it('does not expose with expose: false', async () => {
    const vexil = clientOf(fakeService(snap(FLAGS)))
    await OpenFeature.setProviderAndWait(new VexilOpenFeatureProvider(vexil, { expose: false }))
    expect(OpenFeature.getClient().getStringValue('theme', 'light')).toBe('dark')
    expect(vexil.activity.filter((e) => e.event.type === 'exposure')).toEqual([])
  })

  it('turns track() into a conversion with value and properties', async () => {
    const { vexil, client } = await setup()
    client.track('purchase', { value: 42.5, currency: 'EUR', at: new Date('2026-01-02T03:04:05Z'), items: [1, 2] })
    client.track('signup')
    const conversions = vexil.activity.filter((e) => e.event.type === 'conversion').map((e) => e.event)
    expect(conversions).toMatchObject([
      { type: 'conversion', event: 'purchase', value: 42.5, userId: 'u-1', properties: { currency: 'EUR', at: '2026-01-02T03:04:05.000Z', items: [1, 2] } },
      { type: 'conversion', event: 'signup' },
    ])
    expect(conversions[1]).not.toHaveProperty('value')
    expect(conversions[1]).not.toHaveProperty('properties')
  })
})
