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
import { bigSnapshot, lightSnapshot } from './evaluate/bigSnapshot'
import { floorCheckoutExp, floorNewCheckout } from './evaluate/floor'
import { growthbookFeatures, optimizelyDatafile, vexilSnapshot } from './evaluate/peers'
import { COUNTRIES, mulberry32 } from './evaluate/random'

// Collect garbage before each timed 10,000-flag run, so a run does not pay for the previous copy's
// garbage. (The documented way to reach gc() without restarting node with --expose-gc.)
setFlagsFromString('--expose-gc')
const collectGarbage = runInNewContext('gc') as () => void

const USERS = 100_000
const WARMUP_ROUNDS = 2
const TIMED_ROUNDS = 5
const EVALS_PER_USER = 2
const PLANS = ['free', 'pro', 'enterprise']

interface User {
  readonly context: Context & { userId: string; country: string; plan: string }
  readonly gbAttributes: Record<string, string>
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

async function tenThousand(name: string, make: (flags: number) => unknown, vexil: VexilModule): Promise<void> {
  const json = JSON.stringify(make(10_000))
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
  console.log(`10,000-flag snapshot, ${name} (${fmt(json.length / 1e6, 1)} MB of JSON):`)
  console.log(
    `  validateSnapshot (validate + index): median ${fmt(median(compileTimes), 1)} ms wall, ${fmt(median(compileCpu), 1)} ms CPU, over ${compileTimes.length} fresh copies (first ${fmt(compileTimes[0] ?? 0, 1)} ms)`,
  )
  console.log(`  evaluateAll, one context:           median ${fmt(median(allTimes), 2)} ms wall, ${fmt(median(allCpu), 2)} ms CPU (first, cold: ${fmt(firstAll, 2)} ms)`)
  console.log(`  (load average now ${os.loadavg().map((l) => fmt(l, 1)).join(' ')} on ${os.cpus().length} CPUs)`)
}

/** Runs the evaluation benchmark and prints its figures. */
export async function run(): Promise<void> {
  await perFlag()
  const vexil = (await bundle('vexil-big', `export { evaluateAll, validateSnapshot } from './packages/core/src/index'`)) as VexilModule
  await tenThousand('rich: 5 conditions (in, notIn, semver, regex, date) on 2 rules, rollouts, splits, prerequisites, schedules', bigSnapshot, vexil)
  await tenThousand('light: one `in` condition and one rollout per flag', lightSnapshot, vexil)
}
