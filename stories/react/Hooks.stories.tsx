import { useState } from 'react'
import type { ReactNode } from 'react'
import type { Meta, StoryObj } from '@storybook/react-vite'
import type { JsonValue } from '@vexil/core'
import { VexilProvider, useFlag, useFlagDetails, useFlags, useVariant, useVexilClient, useVexilStatus } from '@vexil/react'
import { createTestClient } from '@vexil/react/testing'
import { readyClient, shopSnapshot } from '../fixtures'

const box = { fontFamily: 'ui-monospace, monospace', fontSize: 13, background: '#f1f5f9', padding: 12, borderRadius: 6 }

/** What `useFlag`, `useFlagDetails`, `useVariant`, `useFlags` and `useVexilStatus` return. */
function HookReadout({ flag, defaultValue }: { flag: string; defaultValue: JsonValue }): ReactNode {
  const value = useFlag(flag, defaultValue)
  const details = useFlagDetails(flag, defaultValue)
  const variant = useVariant(flag)
  const all = useFlags()
  const status = useVexilStatus()
  return (
    <pre style={box}>
      {JSON.stringify(
        {
          [`useFlag('${flag}', ${JSON.stringify(defaultValue)})`]: value,
          [`useFlagDetails('${flag}', ${JSON.stringify(defaultValue)})`]: details,
          [`useVariant('${flag}')`]: variant,
          'useFlags() keys': Object.keys(all),
          'useVexilStatus()': status,
        },
        null,
        2,
      )}
    </pre>
  )
}

/** Buttons that force a variation through the client, to watch the hooks follow. */
function OverrideButtons({ flag, variations }: { flag: string; variations: string[] }): ReactNode {
  const client = useVexilClient()
  return (
    <p style={{ display: 'flex', gap: 8 }}>
      {variations.map((v) => (
        <button key={v} type="button" onClick={() => client.setOverride(flag, v)}>
          Force {v}
        </button>
      ))}
      <button type="button" onClick={() => client.clearOverride(flag)}>
        Clear
      </button>
    </p>
  )
}

interface HooksDemoProps {
  flag: string
  /** The default the hooks are given; its type must match the flag's, or they return it with TYPE_MISMATCH. */
  defaultValue: JsonValue
  variations: string[]
  /** `test`: `createTestClient` values; `shop`: the full shop snapshot with rules and splits. */
  source: 'test' | 'shop'
}

function HooksDemo({ flag, defaultValue, variations, source }: HooksDemoProps): ReactNode {
  const [client] = useState(() =>
    source === 'test'
      ? createTestClient({ 'new-checkout': true, 'checkout-redesign': 'compact', 'discount-percent': 15 })
      : readyClient(shopSnapshot()),
  )
  return (
    <VexilProvider client={client}>
      <OverrideButtons flag={flag} variations={variations} />
      <HookReadout flag={flag} defaultValue={defaultValue} />
    </VexilProvider>
  )
}

const meta = {
  title: 'React/Hooks',
  component: HooksDemo,
  args: { flag: 'checkout-redesign', defaultValue: 'classic', variations: ['control', 'treatment-a', 'treatment-b'], source: 'shop' },
  argTypes: { source: { control: 'inline-radio', options: ['test', 'shop'] }, defaultValue: { control: 'object' } },
} satisfies Meta<typeof HooksDemo>

export default meta
type Story = StoryObj<typeof meta>

/** A 3-way experiment served by a split: the hooks report the variation, rule and experiment. */
export const Experiment: Story = {}

/** A boolean flag from the shop snapshot. */
export const BooleanFlag: Story = { args: { flag: 'new-checkout', defaultValue: false, variations: ['on', 'off'] } }

/** Values from `createTestClient` (`@vexil/react/testing`), as a unit test would set them. */
export const TestClient: Story = { args: { source: 'test', flag: 'new-checkout', defaultValue: false, variations: ['on', 'off'] } }

/** A key the snapshot does not have: the default, with reason ERROR and FLAG_NOT_FOUND. */
export const MissingFlag: Story = { args: { flag: 'no-such-flag', defaultValue: 'fallback', variations: [] } }

/** A default of another type than the flag's: the hooks return the default, ERROR and TYPE_MISMATCH. */
export const TypeMismatch: Story = { args: { flag: 'checkout-redesign', defaultValue: 0 } }
