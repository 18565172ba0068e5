/**
 * Durable state of the client (snapshot, sticky assignments, overrides, event queue) over a small
 * key-value interface: IndexedDB through idb-keyval in its own database, memory where IndexedDB is
 * missing or throws (Node, private windows, quota), or any injected store. Writes are write-behind
 * and coalesced: many changes between two writes cost one write per key. The store carries a
 * version; a different version clears it.
 */
import { createStore, promisifyRequest } from 'idb-keyval'
import { VexilError } from './errors'

type Promisable<T> = T | Promise<T>

/** A key-value store the client can persist to (sync or async). */
export interface KeyValueStore {
  /** The value last set under `key`, or `undefined`. A store that throws or rejects is replaced by memory. */
  get(key: string): Promisable<unknown>
  /** Keeps `value` (plain, structured-cloneable data) under `key`, replacing any earlier value. */
  set(key: string, value: unknown): Promisable<void>
  /** Removes `key`; a key that is not there is no error. */
  del(key: string): Promisable<void>
  /** Every key in the store. The store must be Vexil's alone: a storage version change clears all of it. */
  keys(): Promisable<string[]>
  /** Removes every key. */
  clear(): Promisable<void>
  /** Reads and deletes atomically; without it, a get then a del (a rare duplicate across tabs). */
  take?(key: string): Promisable<unknown>
}

/** How the client persists. `none`: memory until `setPersistence` switches it on (consent). */
export type PersistenceMode = 'indexeddb' | 'memory' | 'none'

/** Bumped when the stored shapes change: an older store is cleared. */
export const STORAGE_VERSION = 1
const VERSION_KEY = 'vexil:v'

/** A store in memory. */
export function memoryStore(): KeyValueStore {
  const m = new Map<string, unknown>()
  return {
    get: (k) => m.get(k),
    set: (k, v) => void m.set(k, v),
    del: (k) => void m.delete(k),
    keys: () => [...m.keys()],
    clear: () => m.clear(),
    take: (k) => [m.get(k), m.delete(k)][0],
  }
}

/** A store in IndexedDB (database `vexil`, store `kv`), or undefined where IndexedDB does not exist. */
export function indexedDbStore(): KeyValueStore | undefined {
  if (typeof indexedDB == 'undefined') return undefined
  const use = createStore('vexil', 'kv')
  /**
   * Runs `fn` in one transaction; resolves with its request's result, or when the transaction
   * completes. Every transaction may write: reads are rare (start, adoption) and short.
   */
  const run = <T>(fn: (s: IDBObjectStore) => IDBRequest<T> | void): Promise<T> =>
    use('readwrite', (s) => promisifyRequest<T>(fn(s) ?? s.transaction))
  return {
    get: (k) => run((s) => s.get(k)),
    set: (k, v) => run((s) => void s.put(v, k)),
    del: (k) => run((s) => void s.delete(k)),
    // Only this code writes the `vexil` database: every key is a string.
    keys: () => run((s) => s.getAllKeys() as IDBRequest<string[]>),
    clear: () => run((s) => void s.clear()),
    // One transaction: two tabs cannot both take the same key.
    take: (k) => run((s) => [s.get(k), s.delete(k)][0]),
  }
}

/** The client's view of its storage. */
export interface Persister {
  /** Reads a key (undefined when absent or unreadable); with `take`, deletes it too, atomically where the store allows. */
  read(key: string, take?: boolean): Promise<unknown>
  /** Keys that start with `prefix`, prefix included. */
  keys(prefix: string): Promise<string[]>
  /**
   * Declares the source of a key's value (`undefined` from it deletes the key); returns the
   * function that marks the key dirty: its source is written soon, coalesced with other changes.
   */
  keep(key: string, source: () => unknown): () => void
  /** Resolves when every pending write is done. */
  flush(): Promise<void>
  /** Switches mode at run time; every kept key is written to the new store. */
  setMode(mode: PersistenceMode): Promise<void>
}

/**
 * Creates the persister of one client: `storage` replaces IndexedDB for the durable mode, `prefix`
 * is prepended to every key (so clients with different keys do not share state), and a store that
 * throws is reported once through `report` and replaced by memory.
 */
export function createPersister(
  mode: PersistenceMode,
  storage: KeyValueStore | undefined,
  prefix: string,
  report: (error: VexilError) => void,
): Persister {
  const sources = new Map<string, () => unknown>()
  const dirty = new Set<string>()
  let writing: Promise<void> | undefined
  // The store while durable. In memory there is none: the live objects are the state, so nothing
  // is written (copies would only cost time) and nothing is read.
  let store: KeyValueStore | undefined
  let opened: Promise<unknown>

  const open = (next: PersistenceMode): void => {
    // Where IndexedDB is missing, memory it is (no store), and asking for IndexedDB again changes nothing.
    const s = (store = (mode = next) == 'indexeddb' ? (storage ?? indexedDbStore()) : undefined)
    opened = (async () => {
      if (s && (await s.get(VERSION_KEY)) !== STORAGE_VERSION) {
        await s.clear()
        await s.set(VERSION_KEY, STORAGE_VERSION)
      }
    })().catch(fallback)
  }
  function fallback(e: unknown): void {
    report(new VexilError('STORAGE', `storage failed, using memory: ${(e as Error)?.message ?? e}`))
    open('memory')
  }
  open(mode)

  /** Runs `fn` on the store (undefined in memory); a store that fails is replaced by memory. */
  const attempt = async <T>(fn: (s: KeyValueStore) => Promisable<T>): Promise<T | undefined> => {
    await opened
    try {
      return store && (await fn(store))
    } catch (e) {
      fallback(e)
      return undefined
    }
  }

  const drain = async (): Promise<void> => {
    // A key touched again while written is visited again: a Set's iteration reaches what is re-added.
    // Each write waits for the store to open (`attempt`); a value read before then is rewritten if it changes.
    for (const k of dirty) {
      dirty.delete(k)
      const v = sources.get(k)!()
      await attempt((s) => (v === undefined ? s.del(prefix + k) : s.set(prefix + k, v)))
    }
    writing = undefined
  }

  const touch = (k: string): void => {
    if (!store) return
    dirty.add(k)
    // A microtask, not a timer: a synchronous burst is one write, and a crash right after loses nothing.
    writing ??= Promise.resolve().then(drain)
  }
  const flush = (): Promise<void> => writing ?? Promise.resolve()

  return {
    read: (k, take) =>
      attempt(async (s) => ((k = prefix + k), take && s.take ? s.take(k) : [await s.get(k), take && (await s.del(k))][0])),
    keys: async (start) =>
      ((await attempt((s) => s.keys())) ?? []).filter((k) => k.startsWith(prefix + start)).map((k) => k.slice(prefix.length)),
    keep(k, source) {
      sources.set(k, source)
      return () => touch(k)
    },
    flush,
    async setMode(next) {
      if (next == mode) return
      const old = store
      await flush()
      open(next)
      // Consent withdrawn: nothing of ours stays on the device.
      await Promise.resolve(old?.clear()).catch(() => {})
      sources.forEach((_, k) => touch(k))
      await flush()
    },
  }
}
