/**
 * `createClient`: the facade that wires the parts (snapshot fetcher, persister, sticky store,
 * overrides, event queue) and owns only the current snapshot, the context and the per-flag
 * evaluation cache, whose entries keep their identity until their own result changes.
 */
import type { Context, EvaluationResult, JsonValue } from './types'
import { Reason } from './types'
import type {
  ActivityListener,
  BootstrapPayload,
  ClientOptions,
  ClientState,
  ReadOptions,
  StoredOverride,
  VexilClient,
  VexilErrorInfo,
  Widen,
} from './clientTypes'
import type { CompiledSnapshot } from './compiledTypes'
import type { PersistenceMode } from './persister'
import { compileSnapshot } from './compileSnapshot'
import { evaluate as evaluateFlag } from './evaluate'
import { readUnit } from './conditions'
import { clientInternals } from './clientInternals'
import { createEnvironment, type Environment } from './environment'
import { VexilError } from './errors'
import { createStateStore, type StateFields, type StateStore } from './clientState'
import { createEvaluationCache, sameResult } from './evaluationCache'
import { createEventFactory, type EventFactory } from './events'
import { createEventQueue, type EventQueue } from './eventQueue'
import { notifyManager } from './notifyManager'
import { createOverrideStore, toOverride, type OverrideStore } from './overrides'
import { createPersister, type Persister } from './persister'
import { createSnapshotFetcher, type SnapshotFetcher } from './snapshotFetcher'
import { createStickyStore, type PersistentStickyStore } from './stickyStore'
import { Subscribable } from './subscribable'
import { parseUrlOverrides } from './urlOverrides'

/** The SDK name and version sent with event batches. */
export const SDK = 'vexil-js/0.1.0'

type Result = EvaluationResult
const SNAPSHOT_KEY = 'snapshot'
const NO_KEYS: readonly string[] = []
/**
 * How long sticky flags are held while storage is read: a store that never answers (IndexedDB
 * blocked by another tab's upgrade) must not keep them on the server's arm, unexposed, forever.
 */
const STICKY_WAIT = 3000
// Once per revision per process: a server renderer makes a client per request.
const warned = new Set<string>()

const isPlain = (v: unknown): v is Context =>
  !!v && typeof v === 'object' && [Object.prototype, null].includes(Object.getPrototypeOf(v))
// A payload comes from HTML the app does not fully control: an entry that is not a result would be
// spread into one with no value or reason, which a hook renders as `undefined`.
const isEvaluation = (e: unknown): e is Record<string, unknown> =>
  !!e && typeof e === 'object' && Object.hasOwn(Reason, (e as Result).reason) && (e as Result).value !== undefined

class Client extends Subscribable implements VexilClient {
  #o: ClientOptions
  #env: Environment
  #persister: Persister
  #sticky: PersistentStickyStore
  #overrides: OverrideStore
  #factory: EventFactory
  #queue: EventQueue
  #fetcher: SnapshotFetcher | undefined
  #snapshot: unknown
  #compiled: CompiledSnapshot | undefined
  #etag: string | null = null
  #context: Context
  /** Whether the app chose the context (option or `setContext`): a bootstrap's context then yields. */
  #ownContext: boolean
  /** The last payload hydrated (its time and revision), so a re-render's fresh copy is a no-op. */
  #boot: string | undefined
  #cache = createEvaluationCache(
    () => {
      const now = this.#env.now()
      return { now, sticky: this.#sticky, default: null, ...(this.#o.allowOverrides !== false && { overrides: this.#overrides.all(now) }) }
    },
    (key, opts) => this.#hold(evaluateFlag(this.#snapshot, key, this.#context, opts) as Result),
  )
  #server = new Map<string, Result>()
  /** The context the bootstrap's evaluations were made for. */
  #bootContext: unknown
  /** Until the persisted sticky assignments are read (or cannot be): sticky flags' results are held. */
  #holding = true
  /** Results served in place of a sticky flag's live one; exposing them waits for the real one. */
  #held = new WeakSet<Result>()
  #deferred = new Set<string>()
  #state: StateStore
  #waiters = new Set<() => void>()
  #activity = new Set<ActivityListener>()
  #mounts = 0
  #live = false
  #closed = false
  #expiry: unknown
  /** The bound on holding sticky flags while storage is read (`STICKY_WAIT`). */
  #wait: unknown
  #restored: Promise<void>
  #report: (e: VexilErrorInfo) => void

  constructor(o: ClientOptions) {
    super()
    this.#o = o
    const env = (this.#env = createEnvironment({
      ...(o.fetch && { fetch: o.fetch }),
      ...(o.now && { now: o.now }),
      ...o.environment,
    }))
    const report = (this.#report = (e: VexilErrorInfo): void => (o.onError ? o.onError(e) : (o.logger ?? console).warn(e.message)))
    this.#persister = createPersister({
      mode: o.persistence ?? 'indexeddb',
      storage: o.storage,
      prefix: (o.clientKey ?? '') + '|',
      onError: report,
    })
    this.#sticky = createStickyStore(this.#persister)
    this.#overrides = createOverrideStore(this.#persister)
    this.#overrides.onChange = () => this.#refresh(true)
    this.#factory = createEventFactory(env)
    this.#queue = createEventQueue({
      env,
      persister: this.#persister,
      url: o.eventsUrl,
      clientKey: o.clientKey,
      sdk: SDK,
      timeout: o.requestTimeout ?? 10_000,
      flushInterval: o.flushInterval ?? 5000,
      maxBatchSize: o.maxBatchSize ?? 100,
      maxQueueSize: o.maxQueueSize ?? 10_000,
      summaryInterval: o.summaryInterval ?? 60_000,
      summary: () => this.#factory.summary(),
      counting: () => this.#factory.hasCounts(),
      onChange: () => this.#changed(),
      onError: report,
      onActivity: (kind, events) => {
        const at = env.now()
        if (this.#activity.size) for (const event of events) this.#activity.forEach((l) => l({ kind, event, at }))
      },
    })
    this.#ownContext = isPlain(o.context)
    this.#context = this.#ownContext ? o.context! : {}
    this.#state = createStateStore(() => this.#queue.counters())
    // For @vexil/core/inspect (devtools, adapters): the code that reads these is not in this bundle.
    clientInternals.set(this, { snapshot: () => this.#compiled, href: () => env.href(), activity: this.#activity })
    this.#persister.register(SNAPSHOT_KEY, () => this.#snapshot && { s: this.#snapshot, etag: this.#etag, at: this.#state.fields.lastUpdated })

    if (o.bootstrap) this.hydrate(o.bootstrap)

    if (o.allowOverrides !== false && o.urlOverrides)
      for (const [k, v] of Object.entries(parseUrlOverrides(env.href()))) this.#overrides.set(k, { variation: v })

    if (o.snapshotUrl) {
      this.#fetcher = createSnapshotFetcher({
        env,
        url: o.snapshotUrl,
        streamUrl: o.streamUrl,
        clientKey: o.clientKey,
        pollInterval: o.pollInterval ?? 60_000,
        timeout: o.requestTimeout ?? 10_000,
        revision: () => this.#compiled?.revision,
        onData: (json, etag) => {
          const ok = this.#use(json, 'network', env.now())
          if (ok) this.#etag = etag
          return ok
        },
        // A 304 confirms the snapshot we hold (from storage, say) as the network's current one.
        onNotModified: () => this.#set({ lastUpdated: env.now(), stale: false, error: undefined, source: 'network' }, true),
        onError: (e) => {
          report(e)
          this.#set({ stale: !!this.#compiled, error: e, status: this.#compiled ? 'ready' : 'error' })
        },
      })
    }
    // The page-hide beacon does not wait for a UI to mount: events must not be lost in any app.
    this.#queue.listen(true)
    this.#restored = this.#restore()
  }

  hydrate(b: BootstrapPayload): void {
    if (!b || typeof b !== 'object') return
    const key = b.evaluatedAt + '|' + (isPlain(b.snapshot) ? String(b.snapshot.revision) : '')
    if (key === this.#boot) return
    // A client already on the network's snapshot keeps it; the server's evaluations still serve
    // hydration (getServerResult), so the first render matches the server HTML either way.
    const take = this.#state.fields.source !== 'network'
    if (take && !this.#use(b.snapshot, 'bootstrap', Date.parse(b.evaluatedAt) || this.#env.now())) return
    this.#boot = key
    this.#bootContext = b.context
    // A skipped entry has no server result: getServerResult falls back to the live one.
    if (isPlain(b.evaluations)) for (const [k, e] of Object.entries(b.evaluations)) if (isEvaluation(e)) this.#server.set(k, { flagKey: k, inExperiment: false, ...e } as Result)
    for (const [k, a] of Object.entries(b.stickyAssignments ?? {})) if (a) this.#sticky.seed(k, a.unit, a.salt, a.assignment)
    if (take && !this.#ownContext && isPlain(b.context)) this.#context = b.context
    this.#refresh(false)
  }

  /**
   * Until the persisted assignments are known, a sticky flag's live result may be about to become
   * the user's kept arm, so it is not served: the server's result for the same unit stands in (what
   * the page shows already), else the off variation with reason `DEFAULT` (what a user outside the
   * experiment sees, as for a missing unit). Neither is in an experiment: no arm the user may not
   * keep is exposed. Overrides, the kill switch, schedules, prerequisites and errors are final.
   */
  #hold(r: Result): Result {
    const f = this.#holding && this.#compiled?.flags.get(r.flagKey)
    const unit = f && f.sticky && /^(S|DEF|T)/.test(r.reason) && readUnit(this.#context, f.bucketBy)
    if (!f || typeof unit != 'string') return r
    const s = this.#server.get(r.flagKey)
    const held =
      s && unit === readUnit(this.#bootContext, f.bucketBy)
        ? s
        : { flagKey: r.flagKey, value: f.variations[f.offVariation]!, variation: f.offVariation, reason: 'DEFAULT' as const, inExperiment: false }
    this.#held.add(held)
    return held
  }

  /** Ends holding: the live results serve and the exposures deferred meanwhile are made. */
  #release(): void {
    this.#holding = false
    this.#refresh(false)
    this.#deferred.forEach((k) => this.expose(this.evaluate(k)))
    this.#deferred.clear()
  }

  async #restore(): Promise<void> {
    // Past the wait the restore counts as failed: live results, without persisted assignments. If
    // storage answers later, its assignments still win from then on, as at any restore.
    this.#wait = this.#env.setTimeout(() => this.#release(), STICKY_WAIT)
    const [stored] = await Promise.all([this.#persister.read(SNAPSHOT_KEY), this.#sticky.restore(), this.#overrides.restore()])
    this.#env.clearTimeout(this.#wait)
    this.#holding = false
    const s = stored as { s?: unknown; etag?: string | null; at?: number } | undefined
    if (!this.#compiled && s?.s && this.#use(s.s, 'storage', s.at ?? this.#env.now())) {
      this.#etag = s.etag ?? null
      if (this.#fetcher) this.#fetcher.etag = this.#etag
    }
    this.#release()
    void this.#queue.adopt()
    if (this.#closed) return
    if (this.#fetcher && this.#state.fields.source !== 'bootstrap') await this.#fetcher.fetch()
    else if (!this.#compiled) this.#set({ status: 'error' })
  }

  /** Takes a snapshot if its top level is valid; reports and keeps the last good one otherwise. */
  #use(snapshot: unknown, source: ClientState['source'], at: number): boolean {
    const c = compileSnapshot(snapshot)
    if (!c.valid) {
      const e = new VexilError('SNAPSHOT_INVALID', 'invalid snapshot', { details: [...c.errors] })
      // A stored snapshot of an older format is simply not used; anything else is worth a report.
      if (source !== 'storage') {
        this.#set({ error: e, stale: !!this.#compiled, status: this.#compiled ? 'ready' : 'error' })
        this.#report(e)
      }
      return false
    }
    const id = c.environment + '@' + c.revision
    if (c.allErrors.length && !warned.has(id)) {
      warned.add(id)
      ;(this.#o.logger ?? console).warn('[vexil] invalid flags: ' + c.invalidFlags.join())
    }
    const changed = c !== this.#compiled
    this.#snapshot = snapshot
    this.#compiled = c
    this.#set({ status: 'ready', source, revision: c.revision, lastUpdated: at, stale: source === 'storage', error: undefined })
    if (changed && source !== 'storage') this.#persister.touch(SNAPSHOT_KEY)
    this.#refresh(false)
    return true
  }

  /** Re-evaluates every cached flag; notifies once if any result changed (or `force`). */
  #refresh(force: boolean): void {
    if (this.#cache.refresh() || force) this.#changed()
    this.#armExpiry()
  }

  #armExpiry(): void {
    this.#env.clearTimeout(this.#expiry)
    const at = this.#overrides.nextExpiry()
    if (at !== undefined && !this.#closed) this.#expiry = this.#env.setTimeout(() => this.#refresh(true), Math.max(0, at - this.#env.now()))
  }

  #set(patch: Partial<StateFields>, refresh = false): void {
    if (this.#state.set(patch)) {
      this.#changed()
      if (this.#state.fields.status !== 'loading') this.#waiters.forEach((w) => w())
    }
    // A confirmation is also when time-dependent rules (schedules, progressive rollouts) move on.
    if (refresh) this.#refresh(false)
  }

  #changed(): void {
    this.#state.touch()
    notifyManager.schedule(this.#notify)
  }

  #notify = (): void => this.listeners.forEach((l) => l())

  #count(r: Result, expose: boolean | undefined): Result {
    this.#factory.count(r.flagKey, r.variation)
    this.#queue.wake()
    if (expose) this.expose(r)
    return r
  }

  #typed(r: Result, d: unknown): Result {
    return this.#cache.typed(r, d, this.#compiled?.flags.get(r.flagKey)?.type)
  }

  #sync(): void {
    const live = (): boolean => !this.#closed && (this.#mounts > 0 || this.hasListeners())
    const apply = (): void => {
      if (live() === this.#live) return
      this.#live = !this.#live
      this.#fetcher?.run(this.#live)
    }
    // Stopping waits a microtask: StrictMode's unmount-remount must not close and reopen the stream.
    if (live() || this.#closed) apply()
    else queueMicrotask(apply)
  }

  protected override onSubscribe(): void {
    this.#sync()
  }

  protected override onUnsubscribe(): void {
    this.#sync()
  }

  ready(options?: { timeout?: number }): Promise<ClientState> {
    return new Promise((resolve) => {
      let timer: unknown
      const done = (): void => {
        this.#waiters.delete(done)
        this.#env.clearTimeout(timer)
        resolve(this.getState())
      }
      if (this.#state.fields.status !== 'loading' || this.#closed) return done()
      this.#waiters.add(done)
      if (options?.timeout !== undefined) timer = this.#env.setTimeout(done, options.timeout)
    })
  }

  evaluate(key: string, options?: ReadOptions): Result {
    const r = this.#cache.get(key)
    return options ? this.#count(r, options.expose) : r
  }

  count(key: string): void {
    this.#count(this.#cache.get(key), false)
  }

  getValue<T extends JsonValue>(key: string, defaultValue: T): Widen<T> {
    return this.#typed(this.evaluate(key, {}), defaultValue).value as Widen<T>
  }

  isEnabled(key: string, defaultValue = false): boolean {
    const v: unknown = this.getValue(key, defaultValue)
    return typeof v === 'boolean' ? v : defaultValue
  }

  getVariant(key: string): Result {
    return this.evaluate(key, { expose: true })
  }

  getDetails<T extends JsonValue>(key: string, defaultValue: T): EvaluationResult<Widen<T>> {
    return this.#typed(this.evaluate(key), defaultValue) as EvaluationResult<Widen<T>>
  }

  evaluateAll(): Readonly<Record<string, Result>> {
    return this.#cache.all(this.#compiled?.flagKeys ?? NO_KEYS)
  }

  getServerResult(key: string): Result {
    const s = this.#server.get(key)
    const live = this.evaluate(key)
    // The live result when it renders the same, so identity and experiment data are kept.
    return !s || sameResult(s, live, true) ? live : s
  }

  expose(result: Result): void {
    if (this.#held.has(result)) return void this.#deferred.add(result.flagKey)
    const flag = this.#compiled?.flags.get(result.flagKey)
    const unit = flag && readUnit(this.#context, flag.bucketBy)
    const e = flag && unit !== undefined && this.#factory.exposure(result, this.#context, { revision: this.#compiled!.revision ?? '', bucketBy: flag.bucketBy, unit })
    if (e) this.#queue.push(e)
  }

  setContext(context: Context): void {
    this.#ownContext = true
    this.#context = isPlain(context) ? context : {}
    this.#refresh(false)
  }

  getContext(): Context {
    return this.#context
  }

  track(event: string, options?: { value?: number; properties?: Record<string, JsonValue> }): void {
    this.#queue.push(this.#factory.conversion(event, this.#context, options))
  }

  setOverride(key: string, variationOrValue: JsonValue, options?: { expiresAt?: number }): void {
    if (this.#o.allowOverrides === false) throw new VexilError('OVERRIDES_DISABLED', 'overrides are disabled')
    const f = this.#compiled?.flags.get(key)
    const o: StoredOverride = toOverride(key, f?.type && { type: f.type, variations: f.variations }, variationOrValue)
    if (options?.expiresAt !== undefined) o.expiresAt = options.expiresAt
    this.#overrides.set(key, o)
  }

  clearOverride(key: string): void {
    this.#overrides.clear(key)
  }

  clearOverrides(): void {
    this.#overrides.clear()
  }

  getOverrides(): Readonly<Record<string, StoredOverride>> {
    return this.#overrides.all(this.#env.now())
  }

  getState(): ClientState {
    return this.#state.get()
  }

  async setPersistence(mode: PersistenceMode): Promise<void> {
    await this.#persister.setMode(mode)
    await this.#queue.adopt()
  }

  async refresh(): Promise<void> {
    await this.#restored
    await this.#fetcher?.fetch()
  }

  flush(): Promise<void> {
    return this.#queue.flush()
  }

  mount(): void {
    this.#mounts++
    this.#sync()
  }

  unmount(): void {
    this.#mounts = Math.max(0, this.#mounts - 1)
    this.#sync()
  }

  async close(): Promise<void> {
    if (this.#closed) return
    this.#closed = true
    this.#sync()
    this.#env.clearTimeout(this.#expiry)
    this.#env.clearTimeout(this.#wait)
    this.#waiters.forEach((w) => w())
    await this.#restored.catch(() => {})
    await this.#queue.close()
    await this.#persister.flush()
  }
}

/** Creates a client (SPEC §8). Works in browsers and in Node 20; touches no global until used. */
export function createClient(options: ClientOptions = {}): VexilClient {
  return new Client(options)
}
