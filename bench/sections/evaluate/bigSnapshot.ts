// The 10,000-flag snapshot of the evaluation benchmark.
import { COUNTRIES, mulberry32 } from './random'

/** The 10,000-flag snapshot of the benchmark (exported for profiling). */
export function bigSnapshot(flags: number): unknown {
  const random = mulberry32(10_000)
  const out: Record<string, unknown> = {}
  for (let i = 0; i < flags; i++) {
    const kind = i % 4
    const rules: unknown[] = [
      {
        id: 'targeted',
        conditions: [
          { attribute: 'country', op: 'in', values: [COUNTRIES[i % COUNTRIES.length], COUNTRIES[(i + 3) % COUNTRIES.length]] },
          { attribute: 'plan', op: 'notIn', values: ['free'] },
        ],
        serve: { variation: 'on' },
      },
      {
        id: 'versions',
        conditions: [
          { attribute: 'appVersion', op: 'semverGte', values: [`${i % 5}.0.0`] },
          { attribute: 'email', op: 'matches', values: [`^qa\\+${i}@`] },
          { attribute: 'signupDate', op: 'after', values: ['2025-01-01T00:00:00Z'] },
        ],
        rollout: Math.round(random() * 100_000) / 1000,
        serve: { variation: 'on' },
      },
    ]
    if (kind === 1) rules.push({ id: 'exp', serve: { split: [{ variation: 'off', weight: 50 }, { variation: 'on', weight: 50 }] }, experiment: `exp-${i}` })
    out[`flag-${i}`] = {
      type: 'boolean',
      enabled: kind !== 3 || i % 8 !== 3,
      variations: { on: true, off: false },
      offVariation: 'off',
      ...(kind === 2 && i > 0 ? { prerequisites: [{ flag: `flag-${i - 1}`, variations: ['on', 'off'] }] } : {}),
      ...(kind === 3 ? { schedule: { start: '2026-01-01T00:00:00Z' } } : {}),
      rules,
      fallthrough: { variation: 'off' },
      tags: ['bench'],
    }
  }
  return { schemaVersion: 1, revision: 'big', environment: 'bench', flags: out }
}


/** A lighter 10,000-flag snapshot, closer to a typical catalog: one targeted rule and a rollout per flag. */
export function lightSnapshot(flags: number): unknown {
  const out: Record<string, unknown> = {}
  for (let i = 0; i < flags; i++) {
    out[`flag-${i}`] = {
      type: 'boolean',
      enabled: true,
      variations: { on: true, off: false },
      offVariation: 'off',
      rules: [
        { id: 'targeted', conditions: [{ attribute: 'country', op: 'in', values: [COUNTRIES[i % COUNTRIES.length]] }], serve: { variation: 'on' } },
        { id: 'rollout', rollout: i % 100, serve: { variation: 'on' } },
      ],
      fallthrough: { variation: 'off' },
    }
  }
  return { schemaVersion: 1, revision: 'light', environment: 'bench', flags: out }
}
