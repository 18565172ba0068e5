import { useState } from 'react'
import type { ReactNode } from 'react'
import type { Meta, StoryObj } from '@storybook/react-vite'
import { Feature, VexilProvider, useVexilClient } from '@vexil/react'
import { VexilTestProvider } from '@vexil/react/testing'
import { readyClient, shopSnapshot } from '../fixtures'

const card = (color: string) => ({ padding: 12, borderRadius: 8, background: color, margin: '8px 0' })

/** `<Feature>` on a boolean flag, with a switch that overrides it through the client. */
function BooleanFeature(): ReactNode {
  const client = useVexilClient()
  return (
    <>
      <button type="button" onClick={() => client.setOverride('new-checkout', !client.getValue('new-checkout', false))}>
        Toggle new-checkout
      </button>
      <Feature flag="new-checkout" fallback={<div style={card('#e2e8f0')}>Classic checkout (fallback)</div>}>
        <div style={card('#ddd6fe')}>New one-page checkout (children)</div>
      </Feature>
    </>
  )
}

/** One `<Feature variation>` per arm of the 3-way experiment: exactly one renders. */
function ExperimentArms(): ReactNode {
  return (
    <>
      <Feature flag="checkout-redesign" variation="control">
        <div style={card('#e2e8f0')}>control: classic layout</div>
      </Feature>
      <Feature flag="checkout-redesign" variation="treatment-a">
        <div style={card('#cffafe')}>treatment-a: compact layout</div>
      </Feature>
      <Feature flag="checkout-redesign" variation="treatment-b" exposeWhenVisible>
        <div style={card('#fef3c7')}>treatment-b: wizard layout (exposed when visible)</div>
      </Feature>
    </>
  )
}

function FeatureDemo({ forced }: { forced: 'none' | 'control' | 'treatment-a' | 'treatment-b' }): ReactNode {
  const [client] = useState(() => {
    const c = readyClient(shopSnapshot())
    if (forced !== 'none') c.setOverride('checkout-redesign', forced)
    return c
  })
  return (
    <VexilProvider client={client}>
      <BooleanFeature />
      <ExperimentArms />
    </VexilProvider>
  )
}

const meta = {
  title: 'React/Feature',
  component: FeatureDemo,
  args: { forced: 'none' },
  argTypes: { forced: { control: 'inline-radio', options: ['none', 'control', 'treatment-a', 'treatment-b'] } },
} satisfies Meta<typeof FeatureDemo>

export default meta
type Story = StoryObj<typeof meta>

/** The arm the split gives user u-1. */
export const Split: Story = {}

/** Each arm forced with an override. */
export const ForcedTreatmentB: Story = { args: { forced: 'treatment-b' } }

/** With `VexilTestProvider`, as in a component test: the flag is simply on. */
export const WithTestProvider: Story = {
  render: () => (
    <VexilTestProvider flags={{ 'new-checkout': true }}>
      <Feature flag="new-checkout" fallback={<div style={card('#e2e8f0')}>off</div>}>
        <div style={card('#ddd6fe')}>on, from VexilTestProvider</div>
      </Feature>
    </VexilTestProvider>
  ),
}
