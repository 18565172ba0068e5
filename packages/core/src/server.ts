/**
 * `@vexil/core/server`: the SSR bootstrap (SPEC §7). Pure: no DOM, no I/O, no timers.
 */
import type { Context, Flag, Snapshot, StickyStore } from './types'
import type { BootstrapEvaluation, BootstrapPayload, BootstrapStickyAssignment } from './clientTypes'
import { evaluate } from './evaluate'

export type { BootstrapPayload, BootstrapEvaluation, BootstrapStickyAssignment } from './clientTypes'

/** Input of {@link createBootstrap}. */
export interface CreateBootstrapInput {
  /** The full snapshot; flags with `clientSide: false` are left out of the payload. */
  snapshot: Snapshot
  /** The context of the request being rendered. */
  context: Context
  /** Evaluation time in epoch ms. @default Date.now() */
  now?: number
  /**
   * The server's sticky store (SPEC §4), e.g. one over a cookie: `sticky` flags keep their
   * assignments on the server too, and the payload carries the ones that served this context
   * (`stickyAssignments`) for the browser to keep. None: nothing is kept and none is carried.
   */
  sticky?: StickyStore
}

/**
 * Evaluates every `clientSide` flag for the request's context and packs what the browser needs to
 * render the same thing without a request: the stripped snapshot, the context and the evaluations.
 * Evaluation runs on the stripped snapshot, the very one the browser will evaluate live after
 * hydration, so the two cannot disagree (a client flag whose prerequisite is server-only is invalid
 * in both).
 */
export function createBootstrap({ snapshot, context, now = Date.now(), sticky }: CreateBootstrapInput): BootstrapPayload {
  // Null prototypes: a flag keyed `__proto__` (JSON.parse makes it an own key) stays an own key
  // instead of becoming the prototype, whose fields a `for…in` would then evaluate as flags.
  const flags: Record<string, Flag> = Object.create(null)
  const raw = snapshot && typeof snapshot === 'object' ? snapshot.flags : undefined
  if (raw && typeof raw === 'object')
    for (const [k, f] of Object.entries(raw)) if (!f || typeof f !== 'object' || f.clientSide !== false) flags[k] = f
  const stripped: Snapshot = { ...snapshot, flags }
  const evaluations: Record<string, BootstrapEvaluation> = Object.create(null)
  const assignments: Record<string, BootstrapStickyAssignment> = Object.create(null)
  // The engine asks the store exactly when a sticky flag has a unit, and with the flag's salt: the
  // key an assignment is kept under, without re-deriving `bucketBy` and `salt` defaults here.
  let asked: [unit: string, salt: string] | undefined
  const store: StickyStore | undefined = sticky && {
    get: (flag, unit, salt) => ((asked = [unit, salt]), sticky.get(flag, unit, salt)),
    set: (flag, unit, salt, a) => sticky.set(flag, unit, salt, a),
  }
  for (const k of Object.keys(flags)) {
    asked = undefined
    const r = evaluate(stripped, k, context, { now, default: null, ...(store && { sticky: store }) })
    const e: BootstrapEvaluation = { value: r.value as BootstrapEvaluation['value'], reason: r.reason }
    if (r.variation !== undefined) e.variation = r.variation
    evaluations[k] = e
    // STICKY: a kept assignment served; SPLIT of a sticky flag: one was just made (and `set`).
    if (asked && r.variation !== undefined && (r.reason === 'STICKY' || r.reason === 'SPLIT')) {
      const assignment: BootstrapStickyAssignment['assignment'] = { variation: r.variation }
      if (r.ruleId !== undefined) assignment.ruleId = r.ruleId
      if (r.experiment !== undefined) assignment.experiment = r.experiment
      assignments[k] = { unit: asked[0], salt: asked[1], assignment }
    }
  }
  const payload: BootstrapPayload = { v: 1, snapshot: stripped, context, evaluatedAt: new Date(now).toISOString(), evaluations }
  if (sticky) payload.stickyAssignments = assignments
  return payload
}

const ESCAPES: Record<string, string> = {
  '<': '\\u003c',
  '>': '\\u003e',
  '&': '\\u0026',
  '\u2028': '\\u2028',
  '\u2029': '\\u2029',
}

/**
 * JSON for an inline `<script type="application/json">`: `<`, `>`, `&`, U+2028 and U+2029 are
 * written as `\u` escapes, so no value can close the element or open a comment, and `JSON.parse`
 * of the element's text gives the payload back unchanged.
 */
export function serializeBootstrap(payload: BootstrapPayload): string {
  return JSON.stringify(payload).replace(/[<>&\u2028\u2029]/g, (c) => ESCAPES[c]!)
}
