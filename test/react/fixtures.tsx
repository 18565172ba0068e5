/** The app, snapshots and fake service shared by the cross-package SSR suites. */
import type { Snapshot } from '@vexil/core'
import { booleanFlag, onInGermany, snapshotOf, splitFlag, stringFlag } from '@vexil/test-utils'
import { Feature, useFlag, useFlags, useVariant, useVexilStatus } from '@vexil/react'

export const BOOTSTRAP_ID = 'vexil-bootstrap'

/** `flag-a` is on in Germany, `flag-b` serves `b`, `exp` is a 50/50 experiment by `userId`. */
export function snapshot(revision = '1', b = 'green'): Snapshot {
  return snapshotOf(
    {
      'flag-a': booleanFlag({ rules: [onInGermany()], fallthrough: { variation: 'off' } }),
      'flag-b': stringFlag({ blue: 'blue', green: 'green', red: 'red' }, b),
      exp: splitFlag({ control: 'old', treatment: 'new' }, 'exp-1'),
      'server-only': booleanFlag({ clientSide: false }),
    },
    { revision },
  )
}

/** A snapshot endpoint whose answer a test replaces. */
export { fakeSnapshotService as fakeService } from '@vexil/test-utils'

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
