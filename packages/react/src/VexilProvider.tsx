'use client'
import { useEffect, useLayoutEffect, useRef, useState } from 'react'
import type { ReactNode } from 'react'
import { createClient } from '@vexil/core'
import type { ClientOptions, Context, BootstrapPayload, VexilClient } from '@vexil/core'
import { VexilContext } from './context'

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

/** Clients this provider created and closed, which must not be used again. */
const closed = new WeakSet<VexilClient>()

const identities = new WeakMap<object, string>()
let nextIdentity = 0

/**
 * A context's content as a string; where JSON cannot serialize it (a cycle, a BigInt, a throwing
 * getter), its identity instead, so bad input never throws during render. JSON text never starts
 * with `#`, so the two kinds of key cannot collide.
 */
function contentKey(value: object): string {
  try {
    return JSON.stringify(value)
  } catch {
    // Not an object (a BigInt from untyped code): the client treats it as `{}` anyway.
    if (typeof value !== 'object' || value === null) return '#'
    let id = identities.get(value)
    if (id === undefined) identities.set(value, (id = `#${++nextIdentity}`))
    return id
  }
}

// React 18 warns about useLayoutEffect on the server; there is nothing to lay out there anyway.
const useIsomorphicLayoutEffect = typeof document === 'undefined' ? useEffect : useLayoutEffect

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
export function VexilProvider({ client: given, options, context, bootstrap, children }: VexilProviderProps): ReactNode {
  const create = (): VexilClient =>
    createClient({ ...options, ...(context && { context }), ...(bootstrap && { bootstrap }) })
  // A lazily filled ref, not a useState initializer: StrictMode calls initializers twice, which
  // would build (and start loading) a second client that nothing ever closes.
  const owned = useRef<VexilClient>(undefined)
  if (!given) owned.current ??= create()
  const client = given ?? owned.current!
  const [, rerender] = useState(0)

  // In render, not an effect: the children's first reads (getServerSnapshot) must see the payload.
  if (given && bootstrap) given.hydrate(bootstrap)

  const contextKey = context && contentKey(context)
  useIsomorphicLayoutEffect(() => {
    if (context && contextKey !== contentKey(client.getContext())) client.setContext(context)
    // Keyed on the context's content, not its identity: an inline object literal must not re-evaluate.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [client, contextKey])

  const mounts = useRef(0)
  useEffect(() => {
    if (closed.has(client)) {
      // Shown again after a real unmount (e.g. <Activity>): that client is closed, start a new one.
      owned.current = create()
      rerender((n) => n + 1)
      return
    }
    mounts.current++
    client.mount()
    return () => {
      mounts.current--
      client.unmount()
      // StrictMode unmounts and mounts again synchronously; close only if no mount followed.
      if (client === owned.current) queueMicrotask(() => mounts.current || (closed.add(client), void client.close()))
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [client])

  return <VexilContext.Provider value={client}>{children}</VexilContext.Provider>
}
