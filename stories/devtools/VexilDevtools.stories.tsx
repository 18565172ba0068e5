import { useState } from 'react'
import type { ReactNode } from 'react'
import type { Meta, StoryObj } from '@storybook/react-vite'
import type { VexilClient } from '@vexil/core'
import { VexilProvider } from '@vexil/react'
import { VexilDevtools } from '@vexil/devtools'
import type { DevtoolsPosition } from '@vexil/devtools'
import {
  failingClient,
  invalidFlagsSnapshot,
  loadingClient,
  manyFlagsSnapshot,
  readyClient,
  shopSnapshot,
  staleClient,
} from '../fixtures'
import { ShopPage } from '../ShopPage'

interface DemoProps {
  /** Makes the story's client, once per mount. */
  client: () => VexilClient
  initialIsOpen: boolean
  position: DevtoolsPosition
}

/** The shop page with the devtools inside its provider, over a client made for the story. */
function DevtoolsDemo({ client: make, initialIsOpen, position }: DemoProps): ReactNode {
  const [client] = useState(make)
  return (
    <VexilProvider client={client}>
      <ShopPage />
      <VexilDevtools enabled initialIsOpen={initialIsOpen} position={position} />
    </VexilProvider>
  )
}

const meta = {
  title: 'Devtools/VexilDevtools',
  component: DevtoolsDemo,
  parameters: { layout: 'fullscreen' },
  decorators: [(Story) => <div style={{ padding: 16, minHeight: '100vh' }}>{Story()}</div>],
  args: { client: () => readyClient(shopSnapshot()), initialIsOpen: true, position: 'bottom-right' },
  argTypes: {
    client: { table: { disable: true } },
    position: { control: 'select', options: ['bottom-right', 'bottom-left', 'top-right', 'top-left'] },
  },
} satisfies Meta<typeof DevtoolsDemo>

export default meta
type Story = StoryObj<typeof meta>

/** The panel open over a ready client: every flag, its value and why. */
export const Ready: Story = {}

/** Only the floating button, as a page first shows it; Alt+Shift+V opens the panel too. */
export const Closed: Story = { args: { initialIsOpen: false } }

/** Before the first snapshot arrives (the request never answers here). */
export const Loading: Story = { args: { client: loadingClient } }

/** A large app: 65 flags of every type; search by key or tag to find one. */
export const ManyFlags: Story = { args: { client: () => readyClient(manyFlagsSnapshot()) } }

/** Overrides in force: a boolean, a variation of the 3-way experiment, a raw number. */
export const Overridden: Story = {
  args: {
    client: () => {
      const client = readyClient(shopSnapshot())
      client.setOverride('new-checkout', true)
      client.setOverride('checkout-redesign', 'treatment-b')
      client.setOverride('discount-percent', 22.5)
      return client
    },
  },
}

/** Flags that failed validation, marked in the list with their errors (also in the Snapshot tab). */
export const InvalidFlags: Story = { args: { client: () => readyClient(invalidFlagsSnapshot()) } }

/** The service is down and nothing was stored: no flags, the error shown. */
export const Error: Story = { args: { client: failingClient } }

/** The last refresh failed: the snapshot is kept and marked stale, with the error. */
export const Stale: Story = { args: { client: staleClient } }

/**
 * Events arriving after the page loaded (open the Events tab): an exposure of the experiment and
 * two conversions, queued with no events endpoint. "Buy" on the page tracks another.
 */
export const WithEvents: Story = {
  args: {
    client: () => {
      const client = readyClient(shopSnapshot())
      // The log starts when the devtools mount: events made later show in it.
      setTimeout(() => {
        client.track('purchase', { value: 30 })
        client.track('newsletter-signup')
      }, 300)
      return client
    },
  },
}

/** In the bottom-left corner, for pages whose own widgets sit bottom-right. */
export const BottomLeft: Story = { args: { position: 'bottom-left' } }
