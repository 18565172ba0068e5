'use client'
/**
 * `@vexil/react/testing`: render components that read flags, with the values a test chooses and no
 * network. The client is a real one (same evaluation, overrides, exposures), started from a snapshot
 * built from the given values.
 */
import { useState } from 'react'
import type { ReactNode } from 'react'
import { createClient } from '@vexil/core'
import type { ClientOptions, Context, Flag, JsonValue, Snapshot, VexilClient } from '@vexil/core'
import { createBootstrap } from '@vexil/core/server'
import { VexilProvider } from './VexilProvider'

/** Flag values by key, as a test wants them served. */
export type TestFlags = Readonly<Record<string, JsonValue>>

const typeOf = (value: JsonValue): Flag['type'] => {
  const t = typeof value
  return t === 'boolean' || t === 'string' || t === 'number' ? t : 'json'
}

/**
 * A snapshot in which every flag serves the given value to everyone. The served variation is
 * named `on`/`off` for booleans (as real boolean flags are) and `value` otherwise.
 *
 * @param flags - the values by flag key
 */
export function createTestSnapshot(flags: TestFlags): Snapshot {
  const out: Record<string, Flag> = {}
  for (const [key, value] of Object.entries(flags)) {
    const served = typeof value === 'boolean' ? (value ? 'on' : 'off') : 'value'
    const variations: Record<string, JsonValue> =
      typeof value === 'boolean' ? { on: true, off: false } : { value }
    out[key] = { type: typeOf(value), enabled: true, variations, offVariation: served, fallthrough: { variation: served } }
  }
  return { schemaVersion: 1, revision: 'test', environment: 'test', flags: out }
}

/** Options of {@link createTestClient}. */
export interface TestClientOptions {
  /** The evaluation context. @default {} */
  context?: Context
  /** Any other client option; the snapshot never comes from the network unless you set `snapshotUrl`. */
  options?: ClientOptions
}

/**
 * The options of a client that serves `flags` from a bootstrap: ready synchronously, no network,
 * no persistence.
 *
 * @param flags - the values by flag key
 * @param options - context and extra client options
 */
export function testClientOptions(flags: TestFlags, { context = {}, options }: TestClientOptions = {}): ClientOptions {
  const bootstrap = createBootstrap({ snapshot: createTestSnapshot(flags), context })
  return { persistence: 'none', ...options, context, bootstrap }
}

/**
 * A real client, ready synchronously, serving `flags`, with no network and no persistence. Change a
 * value during a test with `client.setOverride(key, value)`; close it with `client.close()`.
 *
 * @param flags - the values by flag key
 * @param options - context and extra client options
 */
export function createTestClient(flags: TestFlags, options?: TestClientOptions): VexilClient {
  return createClient(testClientOptions(flags, options))
}

/** Props of {@link VexilTestProvider}. */
export interface VexilTestProviderProps extends TestClientOptions {
  /** The values to serve, by flag key. Read once, on the first render. */
  flags: TestFlags
  /** The components under test; their hooks read `flags`. */
  children?: ReactNode
}

/**
 * A `VexilProvider` that creates (and, on unmount, closes) a test client: every hook below it reads
 * the given values. Reach the client with `useVexilClient()` to change values with overrides.
 *
 * @example
 * ```tsx
 * render(<VexilTestProvider flags={{ 'new-checkout': true }}><Checkout /></VexilTestProvider>)
 * ```
 */
export function VexilTestProvider({ flags, context, options, children }: VexilTestProviderProps): ReactNode {
  const [clientOptions] = useState(() => testClientOptions(flags, { ...(context && { context }), ...(options && { options }) }))
  return <VexilProvider options={clientOptions}>{children}</VexilProvider>
}
