/**
 * The state the client publishes to UIs: an immutable object whose identity changes only when one
 * of its fields (or an event counter) changed, so it can be returned from `getSnapshot` as it is.
 */
import type { ClientState, EventCounters } from './clientTypes'

/** The fields of the state other than the event counters. */
export type StateFields = Omit<ClientState, 'events'>

/** The state holder of one client. */
export interface StateStore {
  /** The fields as they are now. */
  readonly fields: StateFields
  /** Applies a patch; true when some field changed. */
  set(patch: Partial<StateFields>): boolean
  /** Notes that the event counters may have changed. */
  touch(): void
  /** The published state, rebuilt only when something in it changed. */
  get(): ClientState
}

/** Creates the state holder of one client over its event counters. */
export function createStateStore(counters: () => EventCounters): StateStore {
  let fields: StateFields = { status: 'loading', source: 'none', revision: undefined, lastUpdated: undefined, stale: false, error: undefined }
  let state: ClientState = { ...fields, events: counters() }
  let dirty = false
  return {
    get fields() {
      return fields
    },
    set(patch) {
      const next = { ...fields, ...patch }
      if (!(Object.keys(patch) as Array<keyof StateFields>).some((k) => next[k] !== fields[k])) return false
      fields = next
      return (dirty = true)
    },
    touch() {
      dirty = true
    },
    get() {
      if (dirty) {
        dirty = false
        const e = state.events
        const c = counters()
        const same = e.queued === c.queued && e.sent === c.sent && e.dropped === c.dropped && e.failed === c.failed
        if (!same || (Object.keys(fields) as Array<keyof StateFields>).some((k) => fields[k] !== state[k]))
          state = { ...fields, events: same ? e : c }
      }
      return state
    },
  }
}
