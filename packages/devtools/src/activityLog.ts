import type { ActivityEntry } from '@vexil/core'

/** An activity entry with a number that identifies it in the log (a React key). @internal */
export interface LoggedActivity extends ActivityEntry {
  seq: number
}

/** A bounded, newest-first list of activity entries with a store contract for React. @internal */
export interface ActivityLog {
  push(entry: ActivityEntry): void
  clear(): void
  /** The entries, newest first; a new array only after a change. */
  get(): readonly LoggedActivity[]
  subscribe(listener: () => void): () => void
}

/**
 * Creates a log that keeps the last `limit` entries, so a page that sends events for hours does not
 * grow the devtools' memory without bound.
 *
 * @internal
 */
export function createActivityLog(limit = 200): ActivityLog {
  let entries: readonly LoggedActivity[] = []
  let seq = 0
  const listeners = new Set<() => void>()
  const set = (next: readonly LoggedActivity[]): void => {
    entries = next
    listeners.forEach((l) => l())
  }
  return {
    push: (entry) => set([{ ...entry, seq: ++seq }, ...entries].slice(0, limit)),
    clear() {
      if (entries.length) set([])
    },
    get: () => entries,
    subscribe(listener) {
      listeners.add(listener)
      return () => void listeners.delete(listener)
    },
  }
}
