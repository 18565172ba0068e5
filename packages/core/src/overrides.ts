/**
 * QA overrides (SPEC §6): validated against the flag when set, persisted, optionally expiring.
 * The engine applies them (step 2); this store only decides which are in force.
 */
import type { FlagType, JsonValue, Override } from './types'
import type { StoredOverride } from './clientTypes'
import type { Persister } from './persister'
import { VexilError } from './errors'

/** What validation needs to know of a flag. */
export interface FlagShape {
  type: FlagType
  variations: Record<string, JsonValue>
}

/** Whether `value` has the JSON type a flag of `type` serves (`json` takes anything). */
export const hasType = (type: FlagType, value: unknown): boolean =>
  type === 'json' || typeof value === type

/**
 * Turns `setOverride` input into an override: a variation key of the flag, or a value of its type
 * (a value equal to a variation's value becomes that variation, so reasons and devtools show it).
 * Throws a {@link VexilError} for an unknown flag, an unknown variation or a wrong type.
 */
export function toOverride(key: string, flag: FlagShape | undefined, input: JsonValue): Override {
  if (!flag) throw new VexilError('FLAG_NOT_FOUND', 'unknown flag ' + key)
  const vars = flag.variations
  if (typeof input === 'string' && Object.hasOwn(vars, input)) return { variation: input }
  for (const v in vars) if (vars[v] === input) return { variation: v }
  if (flag.type !== 'json' && flag.type !== 'string' && typeof input === 'string')
    throw new VexilError('INVALID_OVERRIDE', `unknown variation ${input} of ${key}`)
  if (!hasType(flag.type, input)) throw new VexilError('INVALID_OVERRIDE', `${key} needs a ${flag.type}`)
  return { value: input }
}

/** The override store of one client. */
export interface OverrideStore {
  set(key: string, override: StoredOverride): void
  /** Clears one override, or every one without a key. */
  clear(key?: string): void
  /** Every stored override, expired ones removed; identity changes only on change. */
  all(now: number): Readonly<Record<string, StoredOverride>>
  /** Epoch ms of the next expiry, if any. */
  nextExpiry(): number | undefined
  /** Loads stored overrides; ones set before the load finished win. */
  restore(): Promise<void>
  /** Called after each change (not after restore merges nothing). */
  onChange?: () => void
}

const KEY = 'overrides'

/** Creates the override store of one client. */
export function createOverrideStore(persister: Persister): OverrideStore {
  let map: Record<string, StoredOverride> = {}
  persister.register(KEY, () => (Object.keys(map).length ? map : undefined))
  const commit = (next: Record<string, StoredOverride>): void => {
    map = next
    persister.touch(KEY)
    store.onChange?.()
  }
  const store: OverrideStore = {
    set: (key, o) => commit({ ...map, [key]: o }),
    clear(key) {
      if (key === undefined) {
        if (Object.keys(map).length) commit({})
      } else if (key in map) {
        const { [key]: _, ...rest } = map
        commit(rest)
      }
    },
    all(now) {
      for (const k in map) {
        const e = map[k]!.expiresAt
        if (e !== undefined && e <= now) {
          const { [k]: _, ...rest } = map
          map = rest
          persister.touch(KEY)
        }
      }
      return map
    },
    nextExpiry() {
      let min: number | undefined
      for (const k in map) {
        const e = map[k]!.expiresAt
        if (e !== undefined && (min === undefined || e < min)) min = e
      }
      return min
    },
    async restore() {
      const stored = await persister.read(KEY)
      if (!stored || typeof stored !== 'object') return
      const next: Record<string, StoredOverride> = {}
      for (const [k, v] of Object.entries(stored as Record<string, StoredOverride>))
        if (v && typeof v === 'object' && ('variation' in v || 'value' in v)) next[k] = v
      commit({ ...next, ...map })
    },
  }
  return store
}
