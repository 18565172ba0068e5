/**
 * Sticky split assignments (SPEC §4) per (flag, unit, salt), persisted so a user keeps a variation
 * across reloads and snapshot changes.
 */
import type { StickyAssignment, StickyStore } from './types'
import type { Persister } from './persister'
import { isPlainObject } from './conditions'

/** A sticky store that persists; `restore` merges what storage held. */
export interface PersistentStickyStore extends StickyStore {
  /** Loads stored assignments; they win over ones made or seeded before the load finished. */
  restore(): Promise<void>
  /**
   * Keeps an assignment the server made (a bootstrap's `stickyAssignments`) unless a restored one
   * exists for the same key; before the restore it replaces what evaluations made meanwhile.
   */
  seed(flagKey: string, unit: string, salt: string, assignment: StickyAssignment): void
}

const KEY = 'sticky'
/** Oldest assignments are forgotten past this many (a shared device with many users). */
const MAX = 5000

/** Creates the sticky store of one client. */
export function createStickyStore(persister: Persister): PersistentStickyStore {
  let map = new Map<string, StickyAssignment>()
  // No write before the read: it would replace the stored assignments before they are merged.
  let restored = false
  const save = persister.keep(KEY, () => [...map])
  const store: PersistentStickyStore = {
    get: (...id) => map.get(JSON.stringify(id)),
    set(flag, unit, salt, a) {
      const k = JSON.stringify([flag, unit, salt])
      // Re-inserted: the map's order is the order of last use, oldest first.
      map.delete(k)
      map.set(k, a)
      if (map.size > MAX) map.delete(map.keys().next().value!)
      if (restored) save()
    },
    seed(flag, unit, salt, a) {
      if (!restored || !store.get(flag, unit, salt)) store.set(flag, unit, salt, a)
    },
    async restore() {
      const read = await persister.read(KEY)
      const stored: Array<[string, StickyAssignment]> = Array.isArray(read) ? read.filter((e) => typeof e?.[0] == 'string' && isPlainObject(e[1])) : []
      // Stored first (the oldest in use order), then the ones made since; stored values win (a Map
      // keeps a key where it was first set and the value it was last set to).
      map = new Map([...stored, ...map, ...stored])
      restored = true
      save()
    },
  }
  return store
}
