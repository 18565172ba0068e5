/**
 * `createClient`: the facade that wires the parts (snapshot fetcher, persister, sticky store,
 * overrides, event queue) and owns only the current snapshot, the context, the published state and
 * the per-flag evaluation cache, whose entries keep their identity until their own result changes.
 *
 * A closure rather than a class: a minifier shortens local variables, never `#private` names or
 * properties, and this is the code every page downloads.
 */
import type { Context, EvaluateOptions, EvaluationResult, JsonValue } from './types'
import type {
  BootstrapPayload,
  ClientOptions,
  ClientState,
  ResolvedOptions,
  SnapshotSource,
  StoredOverride,
  VexilClient,
  VexilErrorInfo,
  Widen,
} from './clientTypes'
import type { CompiledFlag, CompiledSnapshot } from './compiledTypes'
import { compileSnapshot } from './compileSnapshot'
import { evaluate as evaluateFlag } from './evaluate'
import { isPlainObject as isPlain, readUnit } from './conditions'
import { clientInternals } from './clientInternals'
import { createEnvironment, createTimer } from './environment'
import { VexilError } from './errors'
import { sameResult, typed } from './evaluationCache'
import { conversion, createExposures } from './events'
import { createEventQueue, NO_EVENTS } from './eventQueue'
import { notifyManager } from './notifyManager'
import { createOverrideStore, toOverride } from './overrides'
import { createPersister } from './persister'
import { createSnapshotFetcher, type SnapshotFetcher } from './snapshotFetcher'
import { createStickyStore } from './stickyStore'
import { parseUrlOverrides } from './urlOverrides'

type Result = EvaluationResult
/** What the client persists of its snapshot. */
interface StoredSnapshot {
  s?: unknown
  etag?: string | null
  at?: number
}

const SNAPSHOT_KEY = 'snapshot'
const NO_KEYS: readonly string[] = []
/**
 * How long sticky flags are held while storage is read: a store that never answers (IndexedDB
 * blocked by another tab's upgrade) must not keep them on the server's arm, unexposed, forever.
 */
const STICKY_WAIT = 3000
// Once per revision per process: a server renderer makes a client per request.
const warned = new Set<string>()

// A payload comes from HTML the app does not fully control: an entry that is not a result would be
// spread into one with no value or reason, which a hook renders as `undefined`.
// The reasons as a pattern rather than `Reason`'s keys: that table would ship for this check alone.
const isEvaluation = (e: unknown): e is Record<string, unknown> =>
  isPlain(e) && /^(OVERRIDE|DISABLED|OFF_SCHEDULE|PREREQUISITE_FAILED|STICKY|TARGETING_MATCH|SPLIT|DEFAULT|ERROR)$/.test(e.reason as string) && e.value !== undefined

/** Creates a client (SPEC §8). Works in browsers and in Node 20; touches no global until used. */
export function createClient(options: ClientOptions = {}): VexilClient {
  const o: ResolvedOptions = {
    pollInterval: 60_000,
    requestTimeout: 10_000,
    flushInterval: 5000,
    maxBatchSize: 100,
    maxQueueSize: 10_000,
    summaryInterval: 60_000,
    // An option given as `undefined` (`cfg.x ?? undefined`, spread configs) keeps its default.
    ...(Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined)) as ClientOptions),
  }
  const env = createEnvironment(o)
  const logger = o.logger ?? console
  const report = (e: VexilErrorInfo): void => {
    try {
      o.onError ? o.onError(e) : logger.warn(e.message)
    } catch (thrown) {
      // An app's onError that throws must not stop the client halfway through its own work.
      logger.error('[vexil] onError threw', thrown)
    }
  }
  const allowOverrides = o.allowOverrides !== false
  const persister = createPersister(o.persistence ?? 'indexeddb', o.storage, (o.clientKey ?? '') + '|', report)
  const sticky = createStickyStore(persister)
  const saveSnapshot = persister.keep(SNAPSHOT_KEY, () => snapshot && { s: snapshot, etag: fetcher?.etag ?? null, at: state.lastUpdated })
  const overrides = createOverrideStore(persister, () => refresh(true))
  const notify = (): void => listeners.forEach((l) => l())
  const changed = (): void => notifyManager.schedule(notify)
  const queue = createEventQueue(env, persister, o, report, (events) => set({ events }))
  const exposure = createExposures(env)
  const listeners = new Set<() => void>()
  const expiry = createTimer(env)
  /** The bound on holding sticky flags while storage is read (`STICKY_WAIT`). */
  const wait = createTimer(env)
  /** Resolves once the status leaves `loading`, or on `close()`. */
  let settle!: () => void
  const settled = new Promise<void>((r) => (settle = r))
  /** The bootstrap's evaluations, for `getServerResult` and for holding sticky flags. */
  const server = new Map<string, Result>()
  /** Results served in place of a sticky flag's live one; exposing them waits for the real one. */
  const held = new WeakSet<Result>()
  const deferred = new Set<string>()
  /**
   * The evaluation cache: each flag's result keeps its identity until that flag's own result
   * changes, so a UI bound to flag B does not re-render when only flag A changed.
   */
  const results = new Map<string, Result>()
  /** `evaluateAll()`'s object and the key list it was made for (none once a result changed). */
  let all: Record<string, Result> | undefined
  let allKeys: readonly string[] | undefined
  let snapshot: unknown
  let compiled: CompiledSnapshot | undefined
  /** Whether the app chose the context (option or `setContext`): a bootstrap's context then yields. */
  let ownContext = isPlain(o.context)
  let context: Context = ownContext ? o.context! : {}
  /** The last payload hydrated (its time and revision), so a re-render's fresh copy is a no-op. */
  let boot: string | undefined
  /** The context the bootstrap's evaluations were made for. */
  let bootContext: unknown
  /** Until the persisted sticky assignments are read (or cannot be): sticky flags' results are held. */
  let holding = true
  let mounts = 0
  let live = false
  let closed = false
  let state: ClientState = {
    status: 'loading',
    source: 'none',
    revision: undefined,
    lastUpdated: undefined,
    stale: false,
    error: undefined,
    events: NO_EVENTS,
  }
  let fetcher: SnapshotFetcher | undefined

  const flag = (key: string): CompiledFlag | undefined => compiled?.flags.get(key)

  /**
   * Until the persisted assignments are known, a sticky flag's live result may be about to become
   * the user's kept arm, so it is not served: the server's result for the same unit stands in (what
   * the page shows already), else the off variation with reason `DEFAULT` (what a user outside the
   * experiment sees, as for a missing unit). Neither is in an experiment: no arm the user may not
   * keep is exposed. Overrides, the kill switch, schedules, prerequisites and errors are final.
   */
  const hold = (r: Result): Result => {
    const f = holding && flag(r.flagKey)
    // STICKY, SPLIT, DEFAULT and TARGETING_MATCH: what a kept assignment could replace.
    const unit = f && f.sticky && /^(S|DEF|T)/.test(r.reason) && readUnit(context, f.bucketBy)
    if (!f || typeof unit != 'string') return r
    const s = server.get(r.flagKey)
    const h: Result =
      s && unit === readUnit(bootContext, f.bucketBy)
        ? s
        : { flagKey: r.flagKey, value: f.variations[f.offVariation]!, variation: f.offVariation, reason: 'DEFAULT', inExperiment: false }
    held.add(h)
    return h
  }

  /** The evaluation options at `now`: made once per refresh, not once per flag. */
  const evalOptions = (now = env.now()): EvaluateOptions => ({ now, sticky, default: null, ...(allowOverrides && { overrides: overrides.all(now) }) })
  const run = (key: string, opts = evalOptions()): Result => hold(evaluateFlag(snapshot, key, context, opts) as Result)
  /** A flag's cached result, evaluated on first use. */
  const get = (key: string): Result => {
    let r = results.get(key)
    if (!r) results.set(key, (r = run(key)))
    return r
  }

  /** Re-evaluates every cached flag, replacing only changed results; notifies once if any changed (or `force`). */
  const refresh = (force?: boolean): void => {
    const now = env.now()
    const opts = evalOptions(now)
    for (const [k, old] of results) {
      const r = run(k, opts)
      if (!sameResult(old, r)) {
        results.set(k, r)
        force = true
        allKeys = undefined
      }
    }
    if (force) changed()
    const next = Math.min(...Object.values(overrides.all(now)).map((v) => v.expiresAt ?? Infinity))
    expiry(next < Infinity && !closed && (() => refresh(true)), next - now)
  }

  const set = (patch: Partial<ClientState>): void => {
    // Nothing to publish when every field of the patch is the same (`===`) in the state.
    if ((Object.keys(patch) as Array<keyof ClientState>).every((k) => patch[k] === state[k])) return
    state = { ...state, ...patch }
    changed()
    if (state.status != 'loading') settle()
  }

  /** Keeps the last good snapshot (if any) and reports `e`. */
  const fail = (e: VexilError): void => {
    // A request that ends after close() is no news to the app.
    if (closed) return
    // The state first: an onError that reads getState() sees the error it is told about.
    set({ error: e, stale: !!compiled, status: compiled ? 'ready' : 'error' })
    report(e)
  }

  /** Takes a snapshot if its top level is valid; reports and keeps the last good one otherwise. */
  const use = (input: unknown, source: SnapshotSource, at: number): boolean => {
    const c = compileSnapshot(input)
    if (!c.valid) {
      // A stored snapshot of an older format is simply not used; anything else is worth a report.
      if (source != 'storage') fail(new VexilError('SNAPSHOT_INVALID', `invalid ${source} snapshot`, { details: [...c.errors] }))
      return false
    }
    if (c !== compiled && source != 'storage') saveSnapshot()
    snapshot = input
    compiled = c
    set({ status: 'ready', source, revision: c.revision, lastUpdated: at, stale: source == 'storage', error: undefined })
    refresh()
    const id = o.clientKey + '|' + c.environment + '@' + c.revision
    if (c.allErrors.length && !warned.has(id)) {
      warned.add(id)
      // Through onError, so an app's error tracking hears of it; the flags serve their defaults.
      report(new VexilError('INVALID_FLAGS', 'invalid flags: ' + c.invalidFlags.join(), { details: [...c.allErrors] }))
    }
    return true
  }

  /** Ends holding: the live results serve and the exposures deferred meanwhile are made. */
  const release = (): void => {
    holding = false
    refresh()
    deferred.forEach((k) => client.expose(get(k)))
    deferred.clear()
  }

  const restore = async (): Promise<void> => {
    // Past the wait the restore counts as failed: live results, without persisted assignments. If
    // storage answers later, its assignments still win from then on, as at any restore.
    wait(release, STICKY_WAIT)
    const [s] = (await Promise.all([persister.read(SNAPSHOT_KEY), sticky.restore(), overrides.restore()])) as [StoredSnapshot | undefined, ...unknown[]]
    wait()
    // Closed meanwhile: nothing read is taken, no state published, no other page's queue adopted.
    if (closed) return
    // Flags exist only with a snapshot: without one, nothing was held and no exposure deferred.
    release()
    if (!compiled && s?.s && use(s.s, 'storage', s.at ?? env.now()) && fetcher) fetcher.etag = s.etag ?? null
    void queue.adopt()
    // Not awaited: close() waits for the restore, and must not wait for the network.
    if (fetcher && state.source != 'bootstrap') void fetcher.fetch()
    else if (!compiled) set({ status: 'error' })
  }

  /** Starts or stops the fetcher as the client becomes live (mounted or subscribed) or not. */
  const isLive = (): boolean => !closed && (mounts || listeners.size) > 0
  const apply = (): void => {
    if (isLive() != live) fetcher?.run((live = !live))
  }
  const sync = (): void => {
    // Stopping waits a microtask: StrictMode's unmount-remount must not close and reopen the stream.
    if (isLive() || closed) apply()
    else queueMicrotask(apply)
  }

  /** Counts a read for the usage summary, and exposes it when asked. */
  const count = (r: Result, expose?: boolean): Result => {
    queue.count(r.flagKey, r.variation)
    if (expose) client.expose(r)
    return r
  }

  const client: VexilClient = {
    ready(opts) {
      const timer = createTimer(env)
      return new Promise<void>((done) => {
        void settled.then(done)
        if (opts?.timeout !== undefined) timer(done, opts.timeout)
      }).then(() => (timer(), state))
    },
    evaluate: (key, opts) => (opts ? count(get(key), opts.expose) : get(key)),
    count: (key) => void count(get(key)),
    // Counted as a read, then typed as `getDetails` does.
    getValue: <T extends JsonValue>(key: string, d: T) => (client.count(key), client.getDetails(key, d).value),
    isEnabled(key, d = false) {
      const v: unknown = client.getValue(key, d)
      return typeof v == 'boolean' ? v : d
    },
    getVariant: (key) => client.evaluate(key, { expose: true }),
    getDetails: <T extends JsonValue>(key: string, d: T) => typed(get(key), d, flag(key)?.type) as EvaluationResult<Widen<T>>,
    evaluateAll() {
      const keys = compiled?.flagKeys ?? NO_KEYS
      // A new snapshot brings a new key list, possibly with new flags whose results nothing cached; a
      // changed result clears the list.
      if (keys !== allKeys) {
        allKeys = keys
        // Null prototype: a snapshot's flag keyed `__proto__` (valid JSON, an invalid flag) must be an
        // own entry, not the object's prototype.
        all = Object.create(null) as Record<string, Result>
        for (const k of keys) all[k] = get(k)
      }
      return all!
    },
    getServerResult(key) {
      const s = server.get(key)
      const r = get(key)
      // The live result when it renders the same, so identity and experiment data are kept.
      return !s || sameResult(s, r, true) ? r : s
    },
    expose(r) {
      if (held.has(r)) return void deferred.add(r.flagKey)
      const f = flag(r.flagKey)
      const unit = f && readUnit(context, f.bucketBy)
      // A flag exists only in a valid snapshot, which has a revision.
      const e = typeof unit == 'string' && exposure(r, context, compiled!.revision!, f!.bucketBy, unit)
      if (e) queue.push(e)
    },
    hydrate(b: BootstrapPayload) {
      // The time and revision: a re-render's fresh copy of the same payload is a no-op.
      const key = '' + [b?.evaluatedAt, b?.snapshot?.revision]
      if (!isPlain(b) || key == boot) return
      // A client already on the network's snapshot keeps it; the server's evaluations still serve
      // hydration (getServerResult), so the first render matches the server HTML either way.
      const take = state.source != 'network'
      if (take && !use(b.snapshot, 'bootstrap', Date.parse(b.evaluatedAt) || env.now())) return
      boot = key
      bootContext = b.context
      // A skipped entry has no server result: getServerResult falls back to the live one.
      if (isPlain(b.evaluations)) for (const [k, e] of Object.entries(b.evaluations)) if (isEvaluation(e)) server.set(k, { flagKey: k, inExperiment: false, ...e } as Result)
      for (const [k, a] of Object.entries(b.stickyAssignments ?? {})) if (a) sticky.seed(k, a.unit, a.salt, a.assignment)
      if (take && !ownContext && isPlain(b.context)) context = b.context
      refresh()
    },
    setContext(c) {
      ownContext = true
      context = isPlain(c) ? c : {}
      refresh()
    },
    getContext: () => context,
    track: (event, opts) => queue.push(conversion(env, event, context, opts, report)),
    setOverride(key, input, opts) {
      if (!allowOverrides) throw new VexilError('OVERRIDES_DISABLED', 'overrides are disabled (allowOverrides: false)')
      const ov: StoredOverride = toOverride(key, flag(key), input)
      if (opts?.expiresAt !== undefined) ov.expiresAt = opts.expiresAt
      overrides.set(key, ov)
    },
    clearOverride: (key) => overrides.set(key),
    clearOverrides: () => overrides.set(),
    getOverrides: () => overrides.all(env.now()),
    // Not a method of a class: it can be handed to `useSyncExternalStore` as it is.
    subscribe(listener) {
      listeners.add(listener)
      sync()
      return () => {
        listeners.delete(listener)
        sync()
      }
    },
    getState: () => state,
    async setPersistence(mode) {
      await persister.setMode(mode)
      await queue.adopt()
    },
    async refresh() {
      await restored
      await fetcher?.fetch()
    },
    flush: () => queue.flush(),
    mount() {
      mounts++
      sync()
    },
    unmount() {
      if (mounts) mounts--
      sync()
    },
    async close() {
      if (closed) return
      closed = true
      sync()
      expiry()
      wait()
      settle()
      await restored.catch(() => {})
      await queue.close()
      await persister.flush()
    },
  }

  // For @vexil/core/inspect (devtools, adapters): the code that reads these is not in this bundle.
  clientInternals.set(client, { snapshot: () => compiled, href: env.href, activity: queue.activity })
  if (o.bootstrap) client.hydrate(o.bootstrap)
  if (allowOverrides && o.urlOverrides) parseUrlOverrides(env.href(), (k, variation) => overrides.set(k, { variation }))
  // A 304 (called without a body) takes the snapshot we hold (from storage, say) again, as the
  // network's current one: time-dependent rules (schedules, progressive rollouts) move on. (A 304
  // with none held is a failure of the fetcher's.) After close(), which does not wait for a request
  // in flight, an answer changes nothing.
  const took = (json = snapshot): boolean => !closed && use(json, 'network', env.now())
  if (o.snapshotUrl) fetcher = createSnapshotFetcher(env, o, () => compiled?.revision, took, fail)
  const restored = restore()
  return client
}
