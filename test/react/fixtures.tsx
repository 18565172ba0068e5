/** The app, snapshots and fake service shared by the cross-package SSR suites. */
import type { FetchLike, Snapshot } from '@vexil/core'
import { Feature, useFlag, useFlags, useVariant, useVexilStatus } from '@vexil/react'

export const BOOTSTRAP_ID = 'vexil-bootstrap'

/** `flag-a` is on in Germany, `flag-b` serves `b`, `exp` is a 50/50 experiment by `userId`. */
export function snapshot(revision = '1', b = 'green'): Snapshot {
  return {
    schemaVersion: 1,
    revision,
    environment: 'test',
    flags: {
      'flag-a': {
        type: 'boolean',
        enabled: true,
        variations: { on: true, off: false },
        offVariation: 'off',
        rules: [{ id: 'germany', conditions: [{ attribute: 'country', op: 'in', values: ['DE'] }], serve: { variation: 'on' } }],
        fallthrough: { variation: 'off' },
      },
      'flag-b': {
        type: 'string',
        enabled: true,
        variations: { blue: 'blue', green: 'green', red: 'red' },
        offVariation: 'blue',
        fallthrough: { variation: b },
      },
      exp: {
        type: 'string',
        enabled: true,
        variations: { control: 'old', treatment: 'new' },
        offVariation: 'control',
        fallthrough: {
          split: [
            { variation: 'control', weight: 50 },
            { variation: 'treatment', weight: 50 },
          ],
          experiment: 'exp-1',
        },
      },
      'server-only': {
        type: 'boolean',
        enabled: true,
        variations: { on: true, off: false },
        offVariation: 'off',
        fallthrough: { variation: 'on' },
        clientSide: false,
      },
    },
  }
}

/** A snapshot endpoint whose answer a test replaces. */
export function fakeService(initial: Snapshot): { fetch: FetchLike; set(next: Snapshot): void; calls: number } {
  let current = initial
  const service = {
    calls: 0,
    fetch: (async () => {
      service.calls++
      const body = JSON.stringify(current)
      return { status: 200, headers: { get: (h: string) => (h.toLowerCase() === 'etag' ? `"${current.revision}"` : null) }, text: async () => body }
    }) as FetchLike,
    set: (next: Snapshot) => {
      current = next
    },
  }
  return service
}

/** Reads every kind of hook so that any disagreement between server and browser shows in the markup. */
export function App() {
  const a = useFlag('flag-a', false)
  const b = useFlag('flag-b', 'none')
  const variant = useVariant('exp')
  const all = useFlags()
  const status = useVexilStatus()
  return (
    <main>
      <p id="a">{String(a)}</p>
      <p id="b">{b}</p>
      <p id="exp">{variant.variation}</p>
      <p id="keys">{Object.keys(all).sort().join(',')}</p>
      <p id="status">
        {status.status}/{status.source}
      </p>
      <Feature flag="flag-a" fallback={<span>a-off</span>}>
        <span>a-on</span>
      </Feature>
    </main>
  )
}
