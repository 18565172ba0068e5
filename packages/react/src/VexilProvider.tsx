'use client'
import { createElement, useEffect, useLayoutEffect, useState } from 'react'
import type { ReactNode } from 'react'
import { createClient } from '@vexil/core'
import type { ClientOptions, Context, BootstrapPayload, VexilClient } from '@vexil/core'
import { VexilContext, contentKey } from './context'

/** Props of {@link VexilProvider}. */
export interface VexilProviderProps {
  /**
   * A client created outside React (`createClient`). The provider mounts it while it is rendered but
   * never closes it: its owner does.
   */
  client?: VexilClient
  /**
   * Options from which the provider creates its own client, once (later changes are ignored), and
   * closes it when it unmounts. Ignored when `client` is given.
   */
  options?: ClientOptions
  /**
   * The evaluation context. Compared by value: a new object with the same content does nothing, a
   * changed one calls `client.setContext`, before the browser paints.
   */
  context?: Context
  /**
   * The server's payload (`readBootstrap(id)` in the browser, `createBootstrap(…)` on the server),
   * given to the client during the provider's render, before any child reads a flag, so the first
   * render matches the server: to the client the provider creates as an option, to a given `client`
   * through `client.hydrate` (idempotent, so a fresh `readBootstrap` on every render costs nothing).
   */
  bootstrap?: BootstrapPayload
  /** The tree whose hooks read this provider's client. */
  children?: ReactNode
}

// React 18 warns about useLayoutEffect on the server; there is nothing to lay out there anyway.
const useIsomorphicLayoutEffect = globalThis.document ? useLayoutEffect : useEffect

/**
 * A client a provider created, with how many mounted providers use it (`n`), or -1 once it is
 * closed. Several can share one: providers rendering the same element object find the same
 * `unclaimed` entry, and one unmounting must not close the client the others still use.
 */
interface Owned {
  c: VexilClient
  n: number
}

/** Clients created by a provider render that has not mounted yet, by that render's props object. */
const unclaimed = new WeakMap<VexilProviderProps, Owned>()

/**
 * Puts one Vexil client in context for the hooks below. The context value is the client itself,
 * which never changes, so re-rendering the provider re-renders no consumer.
 *
 * @example
 * ```tsx
 * <VexilProvider options={{ snapshotUrl: '/vexil/v1/snapshot' }} context={{ userId: user.id }}
 *   bootstrap={readBootstrap('vexil-bootstrap')}>
 *   <App />
 * </VexilProvider>
 * ```
 */
export const VexilProvider = (props: VexilProviderProps): ReactNode => {
  const { client: given, options, context, bootstrap, children } = props
  const [held, renew] = useState<{ o?: Owned }>({})
  // Filled lazily, not by a useState initializer: StrictMode calls initializers twice, which would
  // build (and start loading) a second client that nothing ever closes. Nor does React keep state
  // from a mount it discards (a first mount that suspended; in React 18, StrictMode's first render):
  // the client made there waits under the props object, which the retry receives too, and takes it.
  const owned = given
    ? undefined
    : (held.o ??=
        unclaimed.get(props) ??
        unclaimed.set(props, { c: createClient({ ...options, ...(context && { context }), ...(bootstrap && { bootstrap }) }), n: 0 }).get(props)!)
  const client = given ?? owned!.c

  // In render, not an effect: the children's first reads (getServerSnapshot) must see the payload.
  if (bootstrap) given?.hydrate(bootstrap)

  const key = context && contentKey(context)
  // One effect mounts the client and keeps its context in line with the prop. A layout effect, so a
  // changed context is applied before the browser paints; a context change re-runs it, a
  // remount the client does not notice (its stop waits a microtask, the count is back by then).
  useIsomorphicLayoutEffect(() => {
    if (owned) {
      // Shown again after a real unmount (e.g. <Activity>): that client is closed; a fresh state
      // object makes the next render create another.
      if (owned.n < 0) return renew({})
      owned.n++
    }
    // Claimed: a later mount with the same props (a remount, a memoized element) makes its own.
    unclaimed.delete(props)
    client.mount()
    // Keyed on the context's content, not its identity: an inline object literal must not
    // re-evaluate, and a context set elsewhere (devtools' "view as") stays until the prop changes.
    if (context && key !== contentKey(client.getContext())) client.setContext(context)
    return () => {
      client.unmount()
      // Close what it created once no provider uses it, unless a mount followed (StrictMode's
      // simulated unmount). Once closed the count is -1, truthy: a second cleanup closes nothing.
      if (owned && !--owned.n) queueMicrotask(() => owned.n || ((owned.n = -1), client.close()))
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [client, key])

  // createElement, not JSX: the package then needs no `react/jsx-runtime` import of its own.
  return createElement(VexilContext.Provider, { value: client }, children)
}
