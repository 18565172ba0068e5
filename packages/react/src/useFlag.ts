'use client'
import type { JsonValue } from '@vexil/core'
import type { FlagKey, FlagOptions, FlagResult, FlagValue } from './types'
import { useEvaluation } from './useEvaluation'

/**
 * The value of one flag for the current context. The component re-renders only when this flag's
 * result changes. While the client has no snapshot, and whenever the flag cannot be evaluated or its
 * type differs from the default's (`TYPE_MISMATCH`), the default is returned.
 *
 * An experiment exposure is recorded after commit (once per result), unless `options.expose` is false.
 *
 * @param key - the flag key (checked against {@link VexilFlags} once it is declared)
 * @param defaultValue - returned when there is no usable value; its type is the expected flag type
 * @param options - `expose`, `suspense`
 *
 * @example
 * ```tsx
 * const newCheckout = useFlag('new-checkout', false)
 * ```
 */
export const useFlag = <K extends FlagKey, D extends FlagValue<K>>(key: K, defaultValue: D, options?: FlagOptions): FlagResult<K, D> =>
  useEvaluation(key, options, defaultValue as JsonValue).value as FlagResult<K, D>

/**
 * `useFlag` with `{ suspense: true }`: suspends to the nearest `<Suspense>` until the client is ready.
 *
 * @param key - the flag key
 * @param defaultValue - returned when there is no usable value once ready
 * @param options - `expose`
 */
export const useSuspenseFlag = <K extends FlagKey, D extends FlagValue<K>>(
  key: K,
  defaultValue: D,
  options?: Omit<FlagOptions, 'suspense'>,
): FlagResult<K, D> => useFlag(key, defaultValue, { ...options, suspense: true })
