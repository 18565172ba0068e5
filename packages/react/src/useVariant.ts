'use client'
import type { FlagKey, FlagOptions, FlagValue, Variant } from './types'
import { useEvaluation } from './useEvaluation'

/**
 * The served variation of a flag, typically an experiment: its key, its value and whether this
 * user is in the experiment. Exposure is recorded after commit unless `options.expose` is false.
 *
 * @param key - the flag key
 * @param options - `expose`, `suspense`
 *
 * @example
 * ```tsx
 * const { variation } = useVariant('checkout-redesign')
 * return variation === 'treatment' ? <NewCheckout /> : <OldCheckout />
 * ```
 */
export const useVariant = <K extends FlagKey>(key: K, options?: FlagOptions): Variant<FlagValue<K>> =>
  useEvaluation(key, options, undefined, (r) => ({
    variation: r.variation,
    // Errors carry `null`: a variant hook has no default to put in its place.
    value: r.reason === 'ERROR' ? undefined : (r.value as FlagValue<K>),
    inExperiment: r.inExperiment,
  }))
