import { describe, expect, it } from 'vitest'
import { parseEvent } from './eventService'

const exposure = (over: Record<string, unknown>): Record<string, unknown> => ({
  type: 'exposure',
  id: 'e-1',
  timestamp: '2026-11-21T10:00:00.000Z',
  flag: 'f',
  variation: 'on',
  reason: 'SPLIT',
  experiment: 'exp',
  bucketBy: 'deviceId',
  unit: 'd-1',
  revision: '3',
  ...over,
})

describe('parseEvent: identities', () => {
  it('keeps an exposure whose context had an empty userId (SPEC §5: identities only when the context has them)', () => {
    // The SDK copies any string userId; "" is no identity (and no unit), not a reason to lose the event.
    expect(parseEvent(exposure({ userId: '', deviceId: 'd-1' }))).toMatchObject({ kind: 'exposure', userId: null, deviceId: 'd-1' })
  })

  it('attributes a conversion to the identity that is there', () => {
    const parsed = parseEvent({ type: 'conversion', id: 'c-1', timestamp: '2026-11-21T10:00:00.000Z', userId: '', deviceId: 'd-1', event: 'buy' })
    expect(parsed).toMatchObject({ kind: 'conversion', userId: null, deviceId: 'd-1' })
    const none = parseEvent({ type: 'conversion', id: 'c-2', timestamp: '2026-11-21T10:00:00.000Z', userId: '', event: 'buy' })
    expect(none).toEqual(['a conversion needs userId or deviceId to be attributed'])
  })
})
