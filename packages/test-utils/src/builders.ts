/** Builders for snapshots and flags with the fields tests rarely vary filled in. */
import type { Flag, Rule, Snapshot } from '@vexil/core'

/** A snapshot of `flags`: revision `1`, environment `test`, unless `fields` says otherwise. */
export function snapshotOf(flags: Record<string, Flag>, fields: Partial<Omit<Snapshot, 'flags'>> = {}): Snapshot {
  return { schemaVersion: 1, revision: '1', environment: 'test', ...fields, flags }
}

/** A boolean flag (`on`/`off`, off variation `off`) serving `on`; `extra` overrides any field. */
export function booleanFlag(extra: Partial<Flag> = {}): Flag {
  return {
    type: 'boolean',
    enabled: true,
    variations: { on: true, off: false },
    offVariation: 'off',
    fallthrough: { variation: 'on' },
    ...extra,
  }
}

/** A string flag serving `serve` to everyone; its first variation is the off variation. */
export function stringFlag(variations: Record<string, string>, serve: string, extra: Partial<Flag> = {}): Flag {
  return {
    type: 'string',
    enabled: true,
    variations,
    offVariation: Object.keys(variations)[0]!,
    fallthrough: { variation: serve },
    ...extra,
  }
}

/**
 * A string flag whose fallthrough splits between its variations (in their order) with `weights` (equal
 * by default), as experiment `experiment`; its first variation is the off variation.
 */
export function splitFlag(
  variations: Record<string, string>,
  experiment: string,
  weights: number[] = Object.keys(variations).map((_, _i, keys) => 100 / keys.length),
  extra: Partial<Flag> = {},
): Flag {
  const keys = Object.keys(variations)
  return {
    type: 'string',
    enabled: true,
    variations,
    offVariation: keys[0]!,
    fallthrough: { split: keys.map((variation, i) => ({ variation, weight: weights[i]! })), experiment },
    ...extra,
  }
}

/** Rule `germany`: serves `on` to contexts whose `country` is `DE`. */
export function onInGermany(): Rule {
  return { id: 'germany', conditions: [{ attribute: 'country', op: 'in', values: ['DE'] }], serve: { variation: 'on' } }
}
