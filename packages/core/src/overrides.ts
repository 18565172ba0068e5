/**
 * QA overrides (SPEC §6): validated against the flag when set, persisted, optionally expiring.
 * The engine applies them (step 2); this store only decides which are in force.
 */
import type { FlagType, JsonValue, Override } from './types'
import type { CompiledFlag } from './compiledTypes'
import type { StoredOverride } from './clientTypes'
import type { Persister } from './persister'
import { VexilError } from './errors'
import { isPlainObject } from './conditions'

/** Whether `value` has the JSON type a flag of `type` serves (`json` takes anything). */
export const hasType = (type: FlagType, value: unknown): boolean => type == 'json' || typeof value == type

/**
 * Turns `setOverride` input into an override: a variation key of the flag, or a value of its type
 * (a value equal to a variation's value becomes that variation, so reasons and devtools show it).
 * Throws a {@link VexilError} for an unknown flag (or one of no known type), an unknown variation
 * or a wrong type.
 */
export function toOverride(key: string, flag: Pick<CompiledFlag, 'type' | 'variations'> | undefined, input: JsonValue): Override {
  const type = flag?.type
  if (!type) throw new VexilError('FLAG_NOT_FOUND', `unknown flag ${key}`)
  const vars = flag!.variations
  if (typeof input == 'string' && Object.hasOwn(vars, input)) return { variation: input }
  for (const v in vars) if (vars[v] === input) return { variation: v }
  // A string given to a boolean or number flag is an unknown variation key as much as a wrong type.
  if (!hasType(type, input)) throw new VexilError('INVALID_OVERRIDE', `${key}: ${JSON.stringify(input)} is no variation key nor a ${type}`)
  return { value: input }
}

/** The override store of one client. */
export interface OverrideStore {
  /** Sets `key`'s override; without an override, clears `key`'s, or every one without a key. */
  set(key?: string, override?: StoredOverride): void
  /** Every stored override, expired ones removed; identity changes only on change. */
  all(now: number): Readonly<Record<string, StoredOverride>>
  /** Loads stored overrides; ones set before the load finished win. */
  restore(): Promise<void>
}

const KEY = 'overrides'

/** Creates the override store of one client; `onChange` runs after each change (not after a restore that adds nothing). */
export function createOverrideStore(persister: Persister, onChange: () => void): OverrideStore {
  let map: Record<string, StoredOverride> = {}
  const save = persister.keep(KEY, () => map)
  const commit = (next: Record<string, StoredOverride>): void => {
    map = next
    save()
    onChange()
  }
  /** The overrides that pass `keep`, when that is fewer than all of them. */
  const without = (keep: (entry: [string, StoredOverride]) => boolean): Record<string, StoredOverride> | undefined => {
    const all = Object.entries(map)
    const kept = all.filter(keep)
    return kept.length < all.length ? Object.fromEntries(kept) : undefined
  }
  return {
    set(key, o) {
      const next = o ? { ...map, [key!]: o } : without(([k]) => key !== undefined && k != key)
      if (next) commit(next)
    },
    all(now) {
      const next = without(([, o]) => !(o.expiresAt! <= now))
      if (next) {
        map = next
        save()
      }
      return map
    },
    async restore() {
      const stored = await persister.read(KEY)
      const next = Object.entries(stored ?? {}).filter(([, v]) => isPlainObject(v) && ('variation' in v || 'value' in v))
      if (next.length) commit({ ...(Object.fromEntries(next) as Record<string, StoredOverride>), ...map })
    },
  }
}
