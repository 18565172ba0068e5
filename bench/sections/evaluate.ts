// Issue 2 benchmark: per-flag evaluation cost of Vexil against a hand-written floor, GrowthBook and
// Optimizely, with and without sticky bucketing, plus a 10,000-flag snapshot. Every contender is
// bundled with esbuild (process.env.NODE_ENV folded to "production") before timing, and rounds are
// interleaved so that machine noise hits every contender alike. Prints figures; asserts nothing.
import { mkdtempSync, writeFileSync } from 'node:fs'
import os, { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { setFlagsFromString } from 'node:v8'
import { runInNewContext } from 'node:vm'
import { build } from 'esbuild'
import type { Context, EvaluateOptions, EvaluationResult, StickyAssignment, StickyStore } from '../../packages/core/src/index'

// Collect garbage before each timed 10,000-flag run, so a run does not pay for the previous copy's
// garbage. (The documented way to reach gc() without restarting node with --expose-gc.)
setFlagsFromString('--expose-gc')
const collectGarbage = runInNewContext('gc') as () => void

const USERS = 100_000
const WARMUP_ROUNDS = 2
const TIMED_ROUNDS = 5
const EVALS_PER_USER = 2
const COUNTRIES = ['DE', 'FR', 'NL', 'US', 'GB', 'IN', 'JP', 'BR', 'ES', 'IT']
const PLANS = ['free', 'pro', 'enterprise']

interface User {
  readonly context: Context & { userId: string; country: string; plan: string }
  readonly gbAttributes: Record<string, string>
}

// A seeded generator, so every run times the same population.
function mulberry32(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296
  }
}

function makeUsers(): User[] {
  const random = mulberry32(2026)
  const users: User[] = []
  for (let i = 0; i < USERS; i++) {
    const country = COUNTRIES[Math.floor(random() * COUNTRIES.length)] as string
    const plan = PLANS[Math.floor(random() * PLANS.length)] as string
    const userId = `user-${i}`
    users.push({ context: { userId, country, plan }, gbAttributes: { id: userId, country, plan } })
  }
  return users
}

// ---- bundling -------------------------------------------------------------------------------

const root = fileURLToPath(new URL('../../', import.meta.url))
const outDir = mkdtempSync(join(tmpdir(), 'vexil-bench-'))

async function bundle(name: string, source: string): Promise<unknown> {
  const result = await build({
    stdin: { contents: source, resolveDir: root, loader: 'ts', sourcefile: `${name}.ts` },
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    write: false,
    minify: true,
    define: { 'process.env.NODE_ENV': '"production"' },
    logLevel: 'error',
    // Node built-ins that CommonJS dependencies require() stay external; give the ESM bundle a require.
    banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
  })
  const file = join(outDir, `${name}.mjs`)
  writeFileSync(file, (result.outputFiles[0] as { text: string }).text)
  return import(pathToFileURL(file).href)
}

// ---- the floor: a bare hand-written evaluator of the two flags ------------------------------

// MurmurHash3 x86 32-bit, seed 0, hand-written over char codes: the ids here are ASCII, whose UTF-8
// bytes are their char codes. As bare as an evaluator gets: no validation, no fallback.
function murmurAscii(text: string): number {
  const length = text.length
  const blocks = length & ~3
  let h = 0
  let k = 0
  for (let i = 0; i < blocks; i += 4) {
    k = text.charCodeAt(i) | (text.charCodeAt(i + 1) << 8) | (text.charCodeAt(i + 2) << 16) | (text.charCodeAt(i + 3) << 24)
    k = Math.imul(k, 0xcc9e2d51)
    k = (k << 15) | (k >>> 17)
    k = Math.imul(k, 0x1b873593)
    h ^= k
    h = (h << 13) | (h >>> 19)
    h = (Math.imul(h, 5) + 0xe6546b64) | 0
  }
  k = 0
  const tail = length & 3
  if (tail === 3) k ^= text.charCodeAt(blocks + 2) << 16
  if (tail >= 2) k ^= text.charCodeAt(blocks + 1) << 8
  if (tail >= 1) {
    k ^= text.charCodeAt(blocks)
    k = Math.imul(k, 0xcc9e2d51)
    k = (k << 15) | (k >>> 17)
    k = Math.imul(k, 0x1b873593)
    h ^= k
  }
  h ^= length
  h ^= h >>> 16
  h = Math.imul(h, 0x85ebca6b)
  h ^= h >>> 13
  h = Math.imul(h, 0xc2b2ae35)
  h ^= h >>> 16
  return h >>> 0
}

const floorBucket = (text: string): number => Math.floor((murmurAscii(text) * 100_000) / 4_294_967_296)
const EU = new Set(['DE', 'FR', 'NL'])
function floorNewCheckout(c: User['context']): boolean {
  if (EU.has(c.country) && c.plan === 'pro') return true
  return floorBucket(`new-checkout.rollout.${c.userId}`) < 30_000
}
function floorCheckoutExp(c: User['context']): string {
  return floorBucket(`checkout-exp.${c.userId}`) < 50_000 ? 'control' : 'test'
}

// ---- the same flags in each SDK's format ------------------------------------------------------

function vexilSnapshot(sticky: boolean): unknown {
  return {
    schemaVersion: 1,
    revision: sticky ? 'bench-sticky' : 'bench',
    environment: 'bench',
    flags: {
      'new-checkout': {
        type: 'boolean',
        enabled: true,
        variations: { on: true, off: false },
        offVariation: 'off',
        rules: [
          {
            id: 'eu-pro',
            conditions: [
              { attribute: 'country', op: 'in', values: ['DE', 'FR', 'NL'] },
              { attribute: 'plan', op: 'in', values: ['pro'] },
            ],
            serve: { variation: 'on' },
          },
          { id: 'rollout-30', rollout: 30, serve: { variation: 'on' } },
        ],
        fallthrough: { variation: 'off' },
      },
      'checkout-exp': {
        type: 'string',
        enabled: true,
        sticky,
        variations: { control: 'control', test: 'test' },
        offVariation: 'control',
        fallthrough: {
          split: [
            { variation: 'control', weight: 50 },
            { variation: 'test', weight: 50 },
          ],
          experiment: 'checkout-exp',
        },
      },
    },
  }
}

const growthbookFeatures = {
  'new-checkout': {
    defaultValue: false,
    rules: [
      { condition: { country: { $in: ['DE', 'FR', 'NL'] }, plan: 'pro' }, force: true },
      { force: true, coverage: 0.3, hashAttribute: 'id' },
    ],
  },
  'checkout-exp': {
    defaultValue: 'control',
    rules: [{ key: 'checkout-exp', variations: ['control', 'test'], weights: [0.5, 0.5], hashAttribute: 'id' }],
  },
}

function optimizelyDatafile(): string {
  const variation = (id: string, key: string, featureEnabled: boolean): object => ({ id, key, featureEnabled, variables: [] })
  const rule = (id: string, key: string, layerId: string, audienceIds: string[], v: object, endOfRange: number): object => ({
    id,
    key,
    status: 'Running',
    layerId,
    audienceIds,
    audienceConditions: audienceIds.length === 0 ? [] : ['or', ...audienceIds],
    variations: [v],
    trafficAllocation: [{ entityId: (v as { id: string }).id, endOfRange }],
    forcedVariations: {},
  })
  const country = (value: string): object => ({ name: 'country', type: 'custom_attribute', match: 'exact', value })
  const datafile = {
    version: '4',
    accountId: '1',
    projectId: '1',
    revision: '1',
    environmentKey: 'bench',
    sdkKey: 'bench',
    anonymizeIP: true,
    botFiltering: false,
    sendFlagDecisions: false,
    attributes: [
      { id: '11', key: 'country' },
      { id: '12', key: 'plan' },
    ],
    audiences: [
      {
        id: '21',
        name: 'eu-pro',
        conditions: JSON.stringify([
          'and',
          ['or', country('DE'), country('FR'), country('NL')],
          ['or', { name: 'plan', type: 'custom_attribute', match: 'exact', value: 'pro' }],
        ]),
      },
    ],
    typedAudiences: [],
    events: [],
    groups: [],
    integrations: [],
    experiments: [
      {
        id: '31',
        key: 'checkout-exp',
        status: 'Running',
        layerId: '32',
        audienceIds: [],
        audienceConditions: [],
        forcedVariations: {},
        variations: [variation('33', 'control', true), variation('34', 'test', true)],
        trafficAllocation: [
          { entityId: '33', endOfRange: 5000 },
          { entityId: '34', endOfRange: 10000 },
        ],
      },
    ],
    featureFlags: [
      { id: '41', key: 'new-checkout', rolloutId: '51', experimentIds: [], variables: [] },
      { id: '42', key: 'checkout-exp', rolloutId: '52', experimentIds: ['31'], variables: [] },
    ],
    rollouts: [
      {
        id: '51',
        experiments: [
          rule('61', 'eu-pro', '51', ['21'], variation('71', 'on', true), 10000),
          rule('62', 'rollout-30', '51', [], variation('72', 'on', true), 3000),
          rule('63', 'default-51', '51', [], variation('73', 'off', false), 10000),
        ],
      },
      { id: '52', experiments: [rule('64', 'default-52', '52', [], variation('74', 'off', false), 10000)] },
    ],
  }
  return JSON.stringify(datafile)
}

// ---- contenders -------------------------------------------------------------------------------

interface VexilModule {
  evaluate(snapshot: unknown, flagKey: string, context?: unknown, options?: EvaluateOptions): EvaluationResult<unknown>
  evaluateAll(snapshot: unknown, context?: unknown, options?: EvaluateOptions): Record<string, EvaluationResult<unknown>>
  validateSnapshot(input: unknown): { ok: boolean; usable: boolean; errors: unknown[] }
}

interface GrowthBookInstance {
  setAttributes(attributes: Record<string, string>): Promise<void>
  isOn(key: string): boolean
  getFeatureValue(key: string, fallback: string): string
}
interface GrowthBookModule {
  GrowthBook: new (options: Record<string, unknown>) => GrowthBookInstance
  StickyBucketServiceSync: new () => object
}

interface OptimizelyUser {
  decide(key: string): { enabled: boolean; variationKey: string | null }
}
interface OptimizelyClient {
  onReady(): Promise<unknown>
  createUserContext(userId: string, attributes: Record<string, string>): OptimizelyUser | null
}
interface OptimizelyModule {
  createInstance(config: Record<string, unknown>): OptimizelyClient
  createStaticProjectConfigManager(config: { datafile: string }): unknown
  OptimizelyDecideOption: Record<string, string>
}

/** One contender: evaluates both flags for every user; returns a checksum (counts "on" and "test"). */
interface Contender {
  readonly name: string
  readonly sticky: boolean
  run(users: readonly User[]): number | Promise<number>
}

function mapStickyStore(): StickyStore {
  // Nested maps keyed by flag, salt, unit: no string concatenation per lookup.
  const kept = new Map<string, Map<string, Map<string, StickyAssignment>>>()
  return {
    get(flagKey, unit, salt) {
      return kept.get(flagKey)?.get(salt)?.get(unit)
    },
    set(flagKey, unit, salt, assignment) {
      let bySalt = kept.get(flagKey)
      if (bySalt === undefined) kept.set(flagKey, (bySalt = new Map()))
      let byUnit = bySalt.get(salt)
      if (byUnit === undefined) bySalt.set(salt, (byUnit = new Map()))
      byUnit.set(unit, assignment)
    },
  }
}

async function contenders(): Promise<Contender[]> {
  const vexil = (await bundle('vexil', `export { evaluate, evaluateAll, validateSnapshot } from './packages/core/src/index'`)) as VexilModule
  const gb = (await bundle('growthbook', `export { GrowthBook, StickyBucketServiceSync } from '@growthbook/growthbook'`)) as GrowthBookModule
  const opt = (await bundle(
    'optimizely',
    `export { createInstance, createStaticProjectConfigManager, OptimizelyDecideOption } from '@optimizely/optimizely-sdk'`,
  )) as OptimizelyModule

  const plain = vexilSnapshot(false)
  const stickySnapshot = vexilSnapshot(true)
  const stickyOptions: EvaluateOptions = { sticky: mapStickyStore() }

  class MemoryStickyBuckets extends (gb.StickyBucketServiceSync as new () => object) {
    docs = new Map<string, unknown>()
    getAssignmentsSync(attributeName: string, attributeValue: string): unknown {
      return this.docs.get(`${attributeName}||${attributeValue}`) ?? null
    }
    saveAssignmentsSync(doc: { attributeName: string; attributeValue: string }): void {
      this.docs.set(`${doc.attributeName}||${doc.attributeValue}`, doc)
    }
  }
  const growthbook = new gb.GrowthBook({ features: growthbookFeatures, trackingCallback: () => {} })
  const growthbookSticky = new gb.GrowthBook({
    features: growthbookFeatures,
    trackingCallback: () => {},
    stickyBucketService: new MemoryStickyBuckets(),
  })

  const decideOptions = [opt.OptimizelyDecideOption['DISABLE_DECISION_EVENT']]
  const optimizely = opt.createInstance({
    projectConfigManager: opt.createStaticProjectConfigManager({ datafile: optimizelyDatafile() }),
    defaultDecideOptions: decideOptions,
  })
  await optimizely.onReady()
  const profiles = new Map<string, unknown>()
  const optimizelySticky = opt.createInstance({
    projectConfigManager: opt.createStaticProjectConfigManager({ datafile: optimizelyDatafile() }),
    defaultDecideOptions: decideOptions,
    userProfileService: {
      lookup: (userId: string) => profiles.get(userId),
      save: (profile: { user_id: string }) => void profiles.set(profile.user_id, profile),
    },
  })
  await optimizelySticky.onReady()

  const runVexil = (snapshot: unknown, options: EvaluateOptions | undefined) => (users: readonly User[]): number => {
    let sum = 0
    for (let i = 0; i < users.length; i++) {
      const context = (users[i] as User).context
      if (vexil.evaluate(snapshot, 'new-checkout', context, options).value === true) sum++
      if (vexil.evaluate(snapshot, 'checkout-exp', context, options).value === 'test') sum++
    }
    return sum
  }
  const runOptimizely = (client: OptimizelyClient) => (users: readonly User[]): number => {
    let sum = 0
    for (let i = 0; i < users.length; i++) {
      const c = (users[i] as User).context
      const user = client.createUserContext(c.userId, { country: c.country, plan: c.plan })
      if (user === null) throw new Error('Optimizely is not ready')
      if (user.decide('new-checkout').enabled) sum++
      if (user.decide('checkout-exp').variationKey === 'test') sum++
    }
    return sum
  }
  return [
    {
      name: 'floor (murmur3 + Set)',
      sticky: false,
      run(users) {
        let sum = 0
        for (let i = 0; i < users.length; i++) {
          const context = (users[i] as User).context
          if (floorNewCheckout(context)) sum++
          if (floorCheckoutExp(context) === 'test') sum++
        }
        return sum
      },
    },
    { name: 'Vexil evaluate', sticky: false, run: runVexil(plain, undefined) },
    { name: 'Vexil evaluate, sticky', sticky: true, run: runVexil(stickySnapshot, stickyOptions) },
    {
      name: 'GrowthBook',
      sticky: false,
      run(users) {
        let sum = 0
        for (let i = 0; i < users.length; i++) {
          void growthbook.setAttributes((users[i] as User).gbAttributes)
          if (growthbook.isOn('new-checkout')) sum++
          if (growthbook.getFeatureValue('checkout-exp', 'control') === 'test') sum++
        }
        return sum
      },
    },
    {
      name: 'GrowthBook, sticky',
      sticky: true,
      // With a sticky bucket service, setAttributes must be awaited: it loads the user's assignments.
      async run(users) {
        let sum = 0
        for (let i = 0; i < users.length; i++) {
          await growthbookSticky.setAttributes((users[i] as User).gbAttributes)
          if (growthbookSticky.isOn('new-checkout')) sum++
          if (growthbookSticky.getFeatureValue('checkout-exp', 'control') === 'test') sum++
        }
        return sum
      },
    },
    { name: 'Optimizely', sticky: false, run: runOptimizely(optimizely) },
    { name: 'Optimizely, sticky (user profile service)', sticky: true, run: runOptimizely(optimizelySticky) },
  ]
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = sorted.length >> 1
  return sorted.length % 2 === 1 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2
}

const fmt = (n: number, digits = 0): string => n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits })

async function perFlag(): Promise<void> {
  const users = makeUsers()
  const list = await contenders()
  const times = new Map<string, number[]>(list.map((c) => [c.name, []]))
  const sums = new Map<string, number>()
  for (let round = 0; round < WARMUP_ROUNDS + TIMED_ROUNDS; round++) {
    // Rotate the order every round so no contender always runs first or last.
    for (let j = 0; j < list.length; j++) {
      const contender = list[(round + j) % list.length] as Contender
      const start = process.hrtime.bigint()
      const sum = await contender.run(users)
      const ns = Number(process.hrtime.bigint() - start)
      sums.set(contender.name, sum)
      if (round >= WARMUP_ROUNDS) times.get(contender.name)?.push(ns / (users.length * EVALS_PER_USER))
    }
  }
  const floor = median(times.get(list[0]?.name ?? '') ?? [0])
  console.log(`${fmt(USERS)} users per round, ${TIMED_ROUNDS} timed rounds after ${WARMUP_ROUNDS} warm-up rounds, interleaved`)
  console.log('contender'.padEnd(44) + 'median ns/flag'.padStart(15) + 'vs floor'.padStart(10) + '  "on"+"test" per round')
  for (const c of list) {
    const ns = median(times.get(c.name) ?? [])
    console.log(c.name.padEnd(44) + fmt(ns, 1).padStart(15) + `${fmt(ns / floor, 2)}×`.padStart(10) + `  ${fmt(sums.get(c.name) ?? 0)}`)
  }
  const byName = (name: string): number => median(times.get(name) ?? [])
  console.log(`GrowthBook / Vexil: ${fmt(byName('GrowthBook') / byName('Vexil evaluate'), 1)}×; Optimizely / Vexil: ${fmt(byName('Optimizely') / byName('Vexil evaluate'), 1)}×`)
  console.log(`GrowthBook sticky / Vexil sticky: ${fmt(byName('GrowthBook, sticky') / byName('Vexil evaluate, sticky'), 1)}×`)
}

// ---- 10,000 flags -----------------------------------------------------------------------------

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

async function tenThousand(): Promise<void> {
  const vexil = (await bundle('vexil-big', `export { evaluateAll, validateSnapshot } from './packages/core/src/index'`)) as VexilModule
  const json = JSON.stringify(bigSnapshot(10_000))
  const context = { userId: 'user-42', country: 'DE', plan: 'pro', appVersion: '3.1.0', email: 'qa+7@example.com', signupDate: '2025-06-01' }
  const compileTimes: number[] = []
  const compileCpu: number[] = []
  const allTimes: number[] = []
  const allCpu: number[] = []
  let firstAll = 0
  // CPU time beside wall time: on a shared machine, wall time also counts other processes' turns.
  const cpuMs = (since: NodeJS.CpuUsage): number => {
    const used = process.cpuUsage(since)
    return (used.user + used.system) / 1000
  }
  for (let i = 0; i < 7; i++) {
    const snapshot: unknown = JSON.parse(json) // a fresh object each time: the index is cached per object
    collectGarbage()
    let start = process.hrtime.bigint()
    let cpu = process.cpuUsage()
    const validation = vexil.validateSnapshot(snapshot)
    compileTimes.push(Number(process.hrtime.bigint() - start) / 1e6)
    compileCpu.push(cpuMs(cpu))
    if (!validation.ok) throw new Error(`bench snapshot is invalid: ${JSON.stringify(validation.errors.slice(0, 3))}`)
    for (let j = 0; j < 5; j++) {
      start = process.hrtime.bigint()
      cpu = process.cpuUsage()
      const results = vexil.evaluateAll(snapshot, context, { now: Date.parse('2026-11-21T12:00:00Z') })
      const ms = Number(process.hrtime.bigint() - start) / 1e6
      if (!(i === 0 && j === 0)) allCpu.push(cpuMs(cpu))
      if (Object.keys(results).length !== 10_000) throw new Error('evaluateAll missed flags')
      if (i === 0 && j === 0) firstAll = ms
      else allTimes.push(ms)
    }
  }
  console.log(`10,000-flag snapshot (${fmt(json.length / 1e6, 1)} MB of JSON, 3 conditions on 2 rules per flag, splits, prerequisites, schedules):`)
  console.log(
    `  validateSnapshot (validate + index): median ${fmt(median(compileTimes), 1)} ms wall, ${fmt(median(compileCpu), 1)} ms CPU, over ${compileTimes.length} fresh copies (first ${fmt(compileTimes[0] ?? 0, 1)} ms)`,
  )
  console.log(`  evaluateAll, one context:           median ${fmt(median(allTimes), 2)} ms wall, ${fmt(median(allCpu), 2)} ms CPU (first, cold: ${fmt(firstAll, 2)} ms)`)
  console.log(`  (load average now ${os.loadavg().map((l) => fmt(l, 1)).join(' ')} on ${os.cpus().length} CPUs)`)
}

/** Runs the evaluation benchmark and prints its figures. */
export async function run(): Promise<void> {
  await perFlag()
  await tenThousand()
}
