'use client'
import { useEffect, useMemo, useState } from 'react'
import type { EvaluationResult, JsonValue, VexilClient } from '@vexil/core'
import type { FlagOptions } from './types'
import { useVexilClient } from './useVexilClient'
import { useSelector } from './context'

/**
 * Each loading client's `ready()` promise, so every suspended component waits on the same one; 0
 * once it settled (ready, failed or timed out): from then on nothing suspends, so a client that
 * stays in `error` renders defaults instead of suspending forever.
 */
const pending = new WeakMap<VexilClient, PromiseLike<unknown> | 0>()

/**
 * The shared body of the flag hooks and `<Feature>`: one flag's result, the server's during
 * hydration and the live one after, exposed after commit (once per rendered result) and counted for
 * usage summaries once per mount per distinct live result. With a `defaultValue` the result is typed
 * (`getDetails`: the default on `ERROR` and `TYPE_MISMATCH`); without one it is the raw result.
 *
 * @internal
 */
export const useEvaluation = <T = EvaluationResult>(
  key: string,
  options?: FlagOptions,
  defaultValue?: JsonValue,
  map?: (result: EvaluationResult) => T,
): T => {
  const client = useVexilClient()
  // Cached per flag by the client: a change to another flag returns the same object, so no re-render.
  const live = (): EvaluationResult => client.evaluate(key)
  const wait = pending.get(client)
  if (options?.suspense && wait !== 0 && client.getState().status === 'loading')
    throw wait ?? pending.set(client, client.ready().then(() => pending.set(client, 0))).get(client)
  const result = useSelector(
    client.subscribe,
    live,
    // On the server and while hydrating: what the server rendered, so the markup matches.
    () => client.getServerResult(key),
    (r) => {
      if (defaultValue === undefined) return r
      const typed = client.getDetails(key, defaultValue)
      // A server result that differs from the live one has the same flag type, hence the same check.
      return r === live() || typed.reason === 'ERROR' ? typed : r
    },
  )
  // What this component's effect last saw, the rendered result (`r`) and the live one (`l`): the
  // effect runs after every commit, twice on mount under StrictMode, and must count and expose once.
  const [seen] = useState<{ r?: EvaluationResult; l?: EvaluationResult }>({})
  useEffect(() => {
    if (seen.r !== result) {
      seen.r = result
      // Counted per distinct *live* result (the client keeps its identity until the flag's result
      // changes): hydration's server result then the live one is one evaluation, a later change another.
      const now = live()
      if (seen.l !== now) {
        seen.l = now
        client.count(key)
      }
      if (options?.expose !== false) client.expose(result)
    }
  })
  // What the hook returns keeps its identity until the result changes.
  return useMemo(() => (map ? map(result) : (result as T)), [result])
}
