'use client'
import { useEffect, useRef } from 'react'
import { useSyncExternalStoreWithSelector } from 'use-sync-external-store/with-selector'
import type { EvaluationResult, JsonValue } from '@vexil/core'
import type { FlagOptions } from './types'
import { useVexilClient } from './useVexilClient'
import { suspendUntilReady } from './suspendUntilReady'

/**
 * The shared body of the flag hooks: one flag's result, the server's during hydration and the live
 * one after, exposed after commit (once per rendered result) and counted for usage summaries once
 * per mount per distinct live result. With a `defaultValue` the result is typed (`getDetails`: the
 * default on `ERROR` and `TYPE_MISMATCH`); without one it is the raw result.
 *
 * @internal
 */
export function useEvaluation(key: string, defaultValue?: JsonValue, options?: FlagOptions): EvaluationResult {
  const client = useVexilClient()
  if (options?.suspense) suspendUntilReady(client)
  const result = useSyncExternalStoreWithSelector(
    client.subscribe,
    // Cached per flag by the client: a change to another flag returns the same object, so no re-render.
    () => client.evaluate(key),
    // On the server and while hydrating: what the server rendered, so the markup matches.
    () => client.getServerResult(key),
    (r) => {
      if (defaultValue === undefined) return r
      const typed = client.getDetails(key, defaultValue)
      // A server result that differs from the live one has the same flag type, hence the same check.
      return r === client.evaluate(key) || typed.reason === 'ERROR' ? typed : r
    },
  )
  const committed = useRef<EvaluationResult>(undefined)
  const counted = useRef<EvaluationResult>(undefined)
  const expose = options?.expose !== false
  useEffect(() => {
    // StrictMode runs effects twice on one instance: the refs keep it to one count and exposure per result.
    if (committed.current !== result) {
      committed.current = result
      // Counted per distinct *live* result (the client keeps its identity until the flag's result
      // changes): hydration's server result then the live one is one evaluation, a later change another.
      const live = client.evaluate(key)
      if (counted.current !== live) {
        counted.current = live
        client.count(key)
      }
      if (expose) client.expose(result)
    }
  }, [client, key, result, expose])
  return result
}
