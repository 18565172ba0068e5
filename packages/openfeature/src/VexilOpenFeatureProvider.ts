/**
 * `VexilOpenFeatureProvider`: an OpenFeature web provider backed by a Vexil client. It wires the
 * client's state, results and events to the OpenFeature contract; evaluation stays in the client.
 */
import { createClient } from '@vexil/core'
import type { ClientOptions, ClientState, EvaluationResult, JsonValue, VexilClient } from '@vexil/core'
import { getFlags } from '@vexil/core/inspect'
import { GeneralError, OpenFeatureEventEmitter, ProviderEvents } from '@openfeature/web-sdk'
import type {
  EvaluationContext,
  JsonValue as OpenFeatureJson,
  Provider,
  ProviderMetadata,
  ResolutionDetails,
  TrackingEventDetails,
} from '@openfeature/web-sdk'
import { changedFlags } from './changedFlags'
import { toErrorResolution, toResolution } from './toResolution'
import type { ResolutionContext } from './toResolution'
import { toJson, toVexilContext } from './toVexilContext'

/** Options of {@link VexilOpenFeatureProvider}. */
export interface VexilOpenFeatureProviderOptions {
  /**
   * Record an experiment exposure when a resolved value is in an experiment. Every OpenFeature
   * evaluation is a read the app acts on, so it counts as using the value (SPEC §5).
   * @default true
   */
  expose?: boolean
  /**
   * Ms that `initialize` waits for a usable snapshot before failing; the provider still turns ready
   * (a `Ready` event) when one arrives later. None: wait until the client is ready or fails.
   */
  readyTimeout?: number
  /**
   * Close the client when OpenFeature closes the provider (on `OpenFeature.close()` or when it is
   * replaced).
   * @default true when the provider created the client from options, false for a client passed in
   */
  closeClient?: boolean
}

type Results = Readonly<Record<string, EvaluationResult>>

type FlagKind = 'boolean' | 'string' | 'number' | 'object'

/**
 * An OpenFeature provider for `@openfeature/web-sdk` that evaluates with a Vexil client.
 *
 * - Resolution: boolean, string, number and object flags, with the variant, the reason mapped
 *   (`OVERRIDE` → `STATIC`, `STICKY` → `CACHED`, …) and flag metadata (`vexilReason`, `ruleId`,
 *   `experiment`, `inExperiment`, `revision`, `prerequisite`).
 * - Status and events: `Ready` once the client has a snapshot, `Stale` when a refresh fails while an
 *   older snapshot is served, `Error` when the client has none, `ConfigurationChanged` with
 *   `flagsChanged` when a new snapshot or an override changes results.
 * - Context: the OpenFeature context becomes the client's (`targetingKey` → `userId`).
 * - Tracking: `client.track(name, { value, ...properties })` queues a Vexil conversion.
 *
 * @example
 * ```ts
 * import { OpenFeature } from '@openfeature/web-sdk'
 * import { VexilOpenFeatureProvider } from '@vexil/openfeature'
 *
 * await OpenFeature.setProviderAndWait(new VexilOpenFeatureProvider({ snapshotUrl: '/v1/snapshot', clientKey: 'ck-…' }))
 * await OpenFeature.setContext({ targetingKey: 'user-1', country: 'DE' })
 * const on = OpenFeature.getClient().getBooleanValue('new-checkout', false)
 * ```
 */
export class VexilOpenFeatureProvider implements Provider {
  /** The provider's name, as OpenFeature shows it. */
  readonly metadata: ProviderMetadata = { name: 'vexil' }
  /** A web (static context) provider. */
  readonly runsOn = 'client' as const
  /** The events OpenFeature listens to. */
  readonly events: OpenFeatureEventEmitter = new OpenFeatureEventEmitter()
  /** The Vexil client behind the provider, for Vexil-only features (overrides, devtools, state). */
  readonly client: VexilClient

  #expose: boolean
  #readyTimeout: number | undefined
  #closeClient: boolean
  #unsubscribe: (() => void) | undefined
  #initialized = false
  #state: ClientState
  #results: Results

  /**
   * @param client - a Vexil client, or the options to create one with `createClient`
   * @param options - exposure, ready timeout, closing the client
   */
  constructor(client: VexilClient | ClientOptions, options: VexilOpenFeatureProviderOptions = {}) {
    const given = isClient(client)
    this.client = given ? client : createClient(client)
    this.#expose = options.expose ?? true
    this.#readyTimeout = options.readyTimeout
    this.#closeClient = options.closeClient ?? !given
    this.#state = this.client.getState()
    this.#results = this.#evaluateAll()
  }

  /**
   * Called by OpenFeature when the provider is set: adopts the context (when it has attributes;
   * an empty one keeps the client's own), starts the client's updates, and waits for a snapshot.
   *
   * @param context - the global evaluation context
   * @throws a `GeneralError` when the client has no usable snapshot (OpenFeature then reports `Error`)
   */
  async initialize(context?: EvaluationContext): Promise<void> {
    if (context && Object.keys(context).length) this.client.setContext(toVexilContext(context))
    // Subscribing also starts polling and the stream: the client is live while the provider is.
    this.#unsubscribe ??= this.client.subscribe(this.#onChange)
    const state = await this.client.ready(this.#readyTimeout === undefined ? undefined : { timeout: this.#readyTimeout })
    this.#state = this.client.getState()
    this.#results = this.#evaluateAll()
    this.#initialized = true
    if (state.status !== 'ready') {
      throw new GeneralError(`[vexil] no usable snapshot: ${state.error?.message ?? 'timed out waiting for one'}`)
    }
  }

  /**
   * Called by OpenFeature when the context changes. The client re-evaluates synchronously, so there
   * is nothing to reconcile (no `Reconciling` event); OpenFeature then emits `ContextChanged`.
   *
   * @param _oldContext - the previous context
   * @param newContext - the new context
   */
  onContextChange(_oldContext: EvaluationContext, newContext: EvaluationContext): void {
    this.client.setContext(toVexilContext(newContext))
    // Results changed because of the context, not the configuration: no ConfigurationChanged.
    this.#results = this.#evaluateAll()
  }

  /**
   * Resolves a boolean flag.
   *
   * @param flagKey - the flag key
   * @param defaultValue - returned on error and for a flag of another type
   */
  resolveBooleanEvaluation(flagKey: string, defaultValue: boolean): ResolutionDetails<boolean> {
    return this.#resolve(flagKey, defaultValue, 'boolean')
  }

  /**
   * Resolves a string flag.
   *
   * @param flagKey - the flag key
   * @param defaultValue - returned on error and for a flag of another type
   */
  resolveStringEvaluation(flagKey: string, defaultValue: string): ResolutionDetails<string> {
    return this.#resolve(flagKey, defaultValue, 'string')
  }

  /**
   * Resolves a number flag.
   *
   * @param flagKey - the flag key
   * @param defaultValue - returned on error and for a flag of another type
   */
  resolveNumberEvaluation(flagKey: string, defaultValue: number): ResolutionDetails<number> {
    return this.#resolve(flagKey, defaultValue, 'number')
  }

  /**
   * Resolves a `json` flag whose value is an object or an array.
   *
   * @param flagKey - the flag key
   * @param defaultValue - returned on error and when the value is not an object or an array
   */
  resolveObjectEvaluation<T extends OpenFeatureJson>(flagKey: string, defaultValue: T): ResolutionDetails<T> {
    return this.#resolve(flagKey, defaultValue, 'object')
  }

  /**
   * Queues a Vexil conversion event (SPEC §5) for the client's current context.
   *
   * @param trackingEventName - the conversion event name
   * @param _context - the OpenFeature context (already the client's)
   * @param details - `value` becomes the conversion's value, every other field its `properties`
   */
  track(trackingEventName: string, _context: EvaluationContext, details: TrackingEventDetails = {}): void {
    const { value, ...rest } = details
    const properties: Record<string, JsonValue> = {}
    for (const [k, v] of Object.entries(rest)) if (v !== undefined) properties[k] = toJson(v)
    this.client.track(trackingEventName, {
      ...(typeof value === 'number' && Number.isFinite(value) && { value }),
      ...(Object.keys(properties).length && { properties }),
    })
  }

  /** Called by OpenFeature on shutdown or replacement: stops listening, and closes an owned client. */
  async onClose(): Promise<void> {
    this.#unsubscribe?.()
    this.#unsubscribe = undefined
    this.#initialized = false
    if (this.#closeClient) await this.client.close()
  }

  #resolve<T>(flagKey: string, defaultValue: T, kind: FlagKind): ResolutionDetails<T> {
    const result = this.client.getDetails(flagKey, defaultValue as JsonValue)
    const context = this.#resolutionContext(result)
    if (result.reason === 'ERROR') return toErrorResolution(result, defaultValue, context)
    // A json flag accepts any default, so its value may still not be of the requested kind.
    if (!isKind(result.value, kind)) {
      return toErrorResolution({ ...result, reason: 'ERROR', errorCode: 'TYPE_MISMATCH', inExperiment: false }, defaultValue, context)
    }
    // Counts the read for usage summaries and records the exposure, only once the value is served.
    this.client.evaluate(flagKey, { expose: this.#expose })
    return toResolution<T>(result, context)
  }

  // Every flag of the current snapshot with its cached result (whose identity changes only with the
  // result). Built from getFlags(), which follows the snapshot, rather than evaluateAll(), whose
  // cached object can outlive a snapshot that only adds or removes flags.
  #evaluateAll(): Results {
    const results: Record<string, EvaluationResult> = {}
    for (const { key } of getFlags(this.client)) results[key] = this.client.evaluate(key)
    return results
  }

  #resolutionContext(result: EvaluationResult): ResolutionContext {
    const revision = this.client.getState().revision
    if (result.errorCode !== 'INVALID_FLAG') return { revision }
    const flagError = getFlags(this.client).find((f) => f.key === result.flagKey)?.errors?.[0]
    return flagError ? { revision, flagError: `${flagError.path}: ${flagError.message}` } : { revision }
  }

  // Bound: passed to `subscribe` as it is.
  #onChange = (): void => {
    const prev = this.#state
    const state = this.client.getState()
    this.#state = state
    // Until initialize() settles, OpenFeature reports Ready or Error itself from its outcome.
    if (!this.#initialized) {
      this.#results = this.#evaluateAll()
      return
    }
    if (state.status === 'error' && prev.status !== 'error') {
      this.events.emit(ProviderEvents.Error, { message: state.error?.message ?? 'the Vexil client failed' })
    } else if (state.status === 'ready' && state.stale && !(prev.stale && prev.status === 'ready')) {
      this.events.emit(ProviderEvents.Stale, { message: state.error?.message ?? 'the snapshot may be out of date' })
    } else if (state.status === 'ready' && !state.stale && (prev.stale || prev.status !== 'ready')) {
      this.events.emit(ProviderEvents.Ready)
    }
    const results = this.#evaluateAll()
    const flagsChanged = changedFlags(this.#results, results)
    this.#results = results
    if (flagsChanged.length || state.revision !== prev.revision) {
      this.events.emit(ProviderEvents.ConfigurationChanged, {
        flagsChanged,
        ...(state.revision !== undefined && { metadata: { revision: state.revision } }),
      })
    }
  }
}

function isClient(value: VexilClient | ClientOptions): value is VexilClient {
  return typeof (value as Partial<VexilClient>).evaluate === 'function' && typeof (value as Partial<VexilClient>).subscribe === 'function'
}

function isKind(value: unknown, kind: FlagKind): boolean {
  return kind === 'object' ? typeof value === 'object' && value !== null : typeof value === kind
}
