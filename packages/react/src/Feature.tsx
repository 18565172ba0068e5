'use client'
import { createElement, useEffect, useRef } from 'react'
import type { ReactNode } from 'react'
import type { FlagKey } from './types'
import { useEvaluation } from './useEvaluation'
import { useVexilClient } from './useVexilClient'

/** Props of {@link Feature}. */
export interface FeatureProps {
  /** The flag that decides what renders. */
  flag: FlagKey
  /**
   * Render `children` when this variation is served. Without it, `children` render when the flag's
   * value is `true` (or any truthy value).
   */
  variation?: string
  /** Rendered instead of `children` when the flag is off or another variation is served. @default nothing */
  fallback?: ReactNode
  /**
   * Record the exposure only once the rendered content is scrolled into view
   * (`IntersectionObserver`), not on commit. The content is then wrapped in a `<div>` to observe.
   * Where `IntersectionObserver` does not exist, the exposure is recorded on commit.
   * @default false
   */
  exposeWhenVisible?: boolean
  /** Rendered when the flag is on, or serves `variation` when one is given. */
  children?: ReactNode
}

/**
 * Renders `children` when a flag is on (or serves `variation`), `fallback` otherwise. Either way the
 * user saw one arm, so an experiment exposure is recorded: after commit, or when first visible with
 * `exposeWhenVisible`.
 *
 * @example
 * ```tsx
 * <Feature flag="checkout-redesign" variation="treatment" fallback={<OldCheckout />} exposeWhenVisible>
 *   <NewCheckout />
 * </Feature>
 * ```
 */
export const Feature = ({ flag, variation, fallback, exposeWhenVisible, children }: FeatureProps): ReactNode => {
  const client = useVexilClient()
  // Without IntersectionObserver, the exposure is recorded on commit, as without `exposeWhenVisible`.
  const Observer = exposeWhenVisible && globalThis.IntersectionObserver
  const result = useEvaluation(flag, { expose: !Observer })
  const ref = useRef<HTMLDivElement>(null)
  useEffect(() => {
    if (Observer) {
      const observer = new Observer((entries) => {
        if (entries.some((e) => e.isIntersecting)) {
          observer.disconnect()
          client.expose(result)
        }
      })
      observer.observe(ref.current!)
      return () => observer.disconnect()
    }
    return undefined
    // The client is in the deps through its result, which is its own.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [result, Observer])
  const content = (variation === undefined ? result.value : result.variation === variation) ? children : fallback
  return exposeWhenVisible ? createElement('div', { ref }, content) : content
}
