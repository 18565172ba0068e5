'use client'
import { createContext } from 'react'
import type { VexilClient } from '@vexil/core'

/**
 * Holds the one client of a `VexilProvider` subtree. Its value is the client itself, whose identity
 * never changes, so a provider re-render re-renders no consumer: hooks subscribe to the client instead.
 *
 * @internal Read it with `useVexilClient()`.
 */
export const VexilContext = createContext<VexilClient | null>(null)
