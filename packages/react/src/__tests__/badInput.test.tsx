// @vitest-environment jsdom
/**
 * Bad input never crashes a React tree: a snapshot (or bootstrap) holding a flag keyed `__proto__`
 * (valid JSON, an invalid flag key) must leave `useFlags` and hydration working.
 */
import { cleanup, render, screen } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'
import { createClient } from '@vexil/core'
import type { BootstrapPayload } from '@vexil/core'
import { VexilProvider, useFlags } from '../index'

afterEach(cleanup)

const flag = '{"type":"boolean","enabled":true,"variations":{"on":true,"off":false},"offVariation":"off","fallthrough":{"variation":"on"}}'
const snapshot = JSON.parse(`{"schemaVersion":1,"revision":"1","environment":"e","flags":{"__proto__":${flag},"ok":${flag}}}`) as unknown

function All() {
  const flags = useFlags()
  return <p data-testid="all">{JSON.stringify(flags)}</p>
}

describe('a flag keyed __proto__', () => {
  it('useFlags lists the other flags and does not crash', () => {
    const bootstrap = { v: 1, snapshot, context: {}, evaluatedAt: new Date().toISOString(), evaluations: {} } as unknown as BootstrapPayload
    const client = createClient({ persistence: 'memory', bootstrap, logger: { warn() {}, error() {}, info() {}, debug() {} } as never })
    expect(Object.keys(client.evaluateAll())).toEqual(['__proto__', 'ok'])
    render(
      <VexilProvider client={client}>
        <All />
      </VexilProvider>,
    )
    expect(JSON.parse(screen.getByTestId('all').textContent!)).toEqual({ ok: true })
    void client.close()
  })
})

function Flag() {
  return <p data-testid="flag">{JSON.stringify(useFlags())}</p>
}

describe('a context that JSON cannot serialize', () => {
  it('renders, and still passes the context to the client', () => {
    const circular: Record<string, unknown> = { userId: 'u-1' }
    circular['self'] = circular
    const client = createClient({ persistence: 'memory' })
    const { rerender } = render(
      <VexilProvider client={client} context={circular}>
        <Flag />
      </VexilProvider>,
    )
    expect(screen.getByTestId('flag').textContent).toBe('{}')
    expect(client.getContext()).toBe(circular)
    const big = { userId: 'u-2', n: BigInt(1) } as unknown as Record<string, unknown>
    rerender(
      <VexilProvider client={client} context={big}>
        <Flag />
      </VexilProvider>,
    )
    expect(client.getContext()).toBe(big)
    void client.close()
  })
})
