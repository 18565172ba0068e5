'use client'
import type { VexilClient } from '@vexil/core'

/** One `ready()` promise per client, so every suspended component waits on the same one. */
const pending = new WeakMap<VexilClient, Promise<unknown> & { done?: boolean }>()

/**
 * Throws the client's `ready()` promise to the nearest `<Suspense>` while the client is loading.
 * Once that promise settled (ready, failed or timed out) it never suspends again, so a client that
 * stays in `error` renders defaults instead of suspending forever.
 *
 * @internal
 */
export function suspendUntilReady(client: VexilClient): void {
  if (client.getState().status !== 'loading') return
  let promise = pending.get(client)
  if (!promise) {
    const p: Promise<unknown> & { done?: boolean } = client.ready().then(
      () => (p.done = true),
      () => (p.done = true),
    )
    pending.set(client, (promise = p))
  }
  if (!promise.done) throw promise
}
