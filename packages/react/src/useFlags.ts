'use client'
import { useSyncExternalStoreWithSelector } from 'use-sync-external-store/with-selector'
import type { EvaluationResult, JsonValue } from '@vexil/core'
import type { FlagValues } from './types'
import { useVexilClient } from './useVexilClient'

type Results = Readonly<Record<string, EvaluationResult>>
type Values = Readonly<Record<string, JsonValue>>

const values = (results: Results): Values => {
  const out: Record<string, JsonValue> = {}
  // Own keys only, and a null prototype for the copies: a flag keyed `__proto__` stays an entry.
  for (const key of Object.keys(results)) if (results[key]!.reason !== 'ERROR') out[key] = results[key]!.value
  return out
}

/** Same keys, same values: a notification that changed nothing visible must not re-render. */
const same = (a: Values, b: Values): boolean => {
  const keys = Object.keys(a)
  return keys.length === Object.keys(b).length && keys.every((k) => k in b && Object.is(a[k], b[k]))
}

/**
 * Every flag's value for the current context, by key (flags in error are absent). It re-renders
 * when any value changes, so prefer `useFlag` for single flags. Records no exposure: a value read in bulk
 * is not a value shown.
 */
export function useFlags(): FlagValues {
  const client = useVexilClient()
  return useSyncExternalStoreWithSelector<Results, FlagValues>(
    client.subscribe,
    () => client.evaluateAll(),
    // While hydrating: what the server rendered for each flag.
    () => {
      const all = Object.create(null) as Record<string, EvaluationResult>
      for (const key of Object.keys(client.evaluateAll())) all[key] = client.getServerResult(key)
      return all
    },
    values as (results: Results) => FlagValues,
    same as (a: FlagValues, b: FlagValues) => boolean,
  )
}
