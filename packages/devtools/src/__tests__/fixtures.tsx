/** A snapshot with one flag of each kind the devtools treat differently, and helpers to render them. */
import { queries, render, waitFor, within } from '@testing-library/react'
import type { BoundFunctions } from '@testing-library/react'
import type { ReactElement } from 'react'
import type { ClientOptions, Context, Snapshot, VexilClient } from '@vexil/core'
import { betaBannerFlag, booleanFlag, bootstrappedClient, newCheckoutFlag, redesignFlag, snapshotOf } from '@vexil/test-utils'

/**
 * `new-checkout` (boolean, off), `checkout-redesign` (a 3-way experiment), `beta-banner` (on for
 * user `qa-42` only), `price` (number), `theme` (json), `broken` (invalid: unknown variation).
 */
export function snapshot(): Snapshot {
  return snapshotOf(
    {
      'new-checkout': newCheckoutFlag('The one-page checkout'),
      'checkout-redesign': redesignFlag({ ruleId: 'everyone', experiment: 'redesign-2026' }),
      'beta-banner': betaBannerFlag(),
      price: {
        type: 'number',
        enabled: true,
        variations: { base: 10, promo: 8 },
        offVariation: 'base',
        fallthrough: { variation: 'base' },
      },
      theme: {
        type: 'json',
        enabled: true,
        variations: { light: { bg: '#fff' }, dark: { bg: '#000' } },
        offVariation: 'light',
        fallthrough: { variation: 'light' },
      },
      broken: booleanFlag({ fallthrough: { variation: 'missing' } }),
    },
    { revision: 'r-7' },
  )
}

/** A ready client over {@link snapshot} for user `u-1`, in memory, never touching the network. */
export function testClient(options: ClientOptions = {}, context: Context = { userId: 'u-1' }): VexilClient {
  return bootstrappedClient(snapshot(), context, options)
}

/** The devtools' shadow root, once the lazily loaded shell has rendered into it. */
export async function shadow(): Promise<ShadowRoot> {
  return waitFor(() => {
    const root = document.querySelector('[data-vexil-devtools]')?.shadowRoot
    if (!root?.querySelector('.vx-root button')) throw new Error('the devtools have not rendered yet')
    return root
  })
}

/** Queries bound to the devtools, and their shadow root. */
export type DevtoolsQueries = BoundFunctions<typeof queries> & { root: ShadowRoot }

/**
 * Renders `ui` and returns Testing Library queries scoped to the devtools (inside their shadow
 * root, where `screen` does not look), with `root`, the shadow root, for `activeElement`.
 */
export async function renderDevtools(ui: ReactElement): Promise<DevtoolsQueries> {
  render(ui)
  const root = await shadow()
  return Object.assign(within(root.querySelector<HTMLElement>('.vx-root')!, queries), { root })
}
