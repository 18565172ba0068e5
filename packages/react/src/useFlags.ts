'use client'
import type { EvaluationResult, JsonValue } from '@vexil/core'
import type { FlagValues } from './types'
import { useVexilClient } from './useVexilClient'
import { sameContent, useSelector } from './context'

const values = (results: Readonly<Record<string, EvaluationResult>>): FlagValues => {
  const out: Record<string, JsonValue> = {}
  // Own keys only: an enumerable property someone added to Object.prototype is not a flag.
  for (const key of Object.keys(results)) if (results[key]!.reason !== 'ERROR') out[key] = results[key]!.value
  return out
}

/**
 * Every flag's value for the current context, by key (flags in error are absent). It re-renders
 * when any value changes, so prefer `useFlag` for single flags. Records no exposure: a value read in bulk
 * is not a value shown.
 */
export const useFlags = (): FlagValues => {
  const client = useVexilClient()
  return useSelector(
    client.subscribe,
    client.evaluateAll,
    // While hydrating: what the server rendered for each flag. `fromEntries` defines keys, so a flag
    // keyed `__proto__` stays an entry.
    () => Object.fromEntries(Object.keys(client.evaluateAll()).map((key) => [key, client.getServerResult(key)])),
    values,
    sameContent,
  )
}
