'use client'
import { createContext } from 'react'
import { useSyncExternalStoreWithSelector } from 'use-sync-external-store/with-selector'
import type { VexilClient } from '@vexil/core'

/**
 * Holds the one client of a `VexilProvider` subtree. Its value is the client itself, whose identity
 * never changes, so a provider re-render re-renders no consumer: hooks subscribe to the client instead.
 *
 * @internal Read it with `useVexilClient()`.
 */
export const VexilContext = createContext<VexilClient | null>(null)

/**
 * `useSyncExternalStoreWithSelector`, read once: bundlers reach a CommonJS export through its module
 * object, and every hook spelling the long name out costs each app's bundle the bytes again.
 *
 * @internal
 */
export const useSelector = useSyncExternalStoreWithSelector

/**
 * A value's content as JSON text; where JSON cannot serialize it (a cycle, a BigInt, a throwing
 * getter), the value itself, compared by identity, so bad input never throws during render.
 *
 * @internal
 */
export const contentKey = (value: unknown): unknown => {
  try {
    return JSON.stringify(value)
  } catch {
    return value
  }
}

/**
 * Same content: the `isEqual` of the selecting hooks, so a notification that changed nothing they
 * return re-renders nobody and the previous object is kept.
 *
 * @internal
 */
export const sameContent = (a: unknown, b: unknown): boolean => contentKey(a) === contentKey(b)
