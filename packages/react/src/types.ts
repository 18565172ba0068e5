'use client'
/**
 * The public types of `@vexil/react`: the augmentable flag registry and what the hooks return.
 */
import type { ClientStatus, ErrorCode, JsonValue, Reason, SnapshotSource, VexilErrorInfo } from '@vexil/core'

/**
 * The app's flags, by key, with the type of their value. Empty by default, so any string key and any
 * JSON default are accepted. Declare it once to have every hook check keys and value types:
 *
 * ```ts
 * declare module '@vexil/react' {
 *   interface VexilFlags {
 *     'new-checkout': boolean
 *     'checkout-theme': 'light' | 'dark'
 *   }
 * }
 * ```
 */
// eslint-disable-next-line @typescript-eslint/no-empty-interface, @typescript-eslint/no-empty-object-type
export interface VexilFlags {}

/**
 * The flag keys of a registry: its keys once declared, any string while it is empty.
 *
 * @typeParam F - a flag registry such as {@link VexilFlags}
 */
export type FlagKeyOf<F> = [keyof F] extends [never] ? string : Extract<keyof F, string>

/**
 * The value type of flag `K` in registry `F`, or any JSON value for an undeclared registry.
 *
 * @typeParam F - a flag registry such as {@link VexilFlags}
 * @typeParam K - a key of `F`
 */
export type FlagValueOf<F, K extends string> = K extends keyof F ? F[K] : JsonValue

/** A key of {@link VexilFlags} (any string until the registry is declared). */
export type FlagKey = FlagKeyOf<VexilFlags>

/** The value type of flag `K` per {@link VexilFlags}. */
export type FlagValue<K extends string> = FlagValueOf<VexilFlags, K>

/**
 * A literal default widened to its primitive type, so `useFlag('x', false)` is a `boolean`, not `false`.
 *
 * @typeParam T - the type of a default value
 */
export type Widen<T> = T extends boolean ? boolean : T extends string ? string : T extends number ? number : T

/** Options of the flag hooks. */
export interface FlagOptions {
  /**
   * Record an exposure (after commit) when the served result is in an experiment. Set `false` to
   * expose by hand with `useVexilClient().expose(result)`, e.g. when the variation is not shown yet.
   * @default true
   */
  expose?: boolean
  /**
   * Suspend (throw to the nearest `<Suspense>`) until the client is ready, instead of returning the
   * default while it loads.
   * @default false
   */
  suspense?: boolean
}

/** What {@link useFlagDetails} returns: the value and why it was served. */
export interface FlagDetails<T> {
  /** The served value, or the hook's default when there is none (reason `ERROR`). */
  value: T
  /** The served variation key; absent with `ERROR` and with a raw-value override. */
  variation: string | undefined
  /** Why the value was served (`TARGETING_MATCH`, `SPLIT`, `OVERRIDE`, `ERROR`, …). */
  reason: Reason
  /** The id of the rule that served, if a rule did. */
  rule: string | undefined
  /** The error code when `reason` is `ERROR` (`TYPE_MISMATCH` when the default's type is not the flag's). */
  error: ErrorCode | undefined
  /** True when this result is an experiment exposure. */
  inExperiment: boolean
  /** The experiment key when `inExperiment` is true. */
  experiment: string | undefined
}

/** What {@link useVariant} returns. */
export interface Variant<T> {
  /** The served variation key, `undefined` when the flag could not be evaluated. */
  variation: string | undefined
  /** The served variation's value, `undefined` when the flag could not be evaluated. */
  value: T | undefined
  /** True when this user is in the flag's experiment: the result counts as an exposure. */
  inExperiment: boolean
}

/** What {@link useVexilStatus} returns: the client's lifecycle, for loading and error UIs. */
export interface VexilStatus {
  /** `loading` until a snapshot is usable, then `ready`; `error` when none is and the last load failed. */
  status: ClientStatus
  /** Where the current snapshot came from. */
  source: SnapshotSource
  /** True when the last refresh failed and the snapshot may be out of date. */
  stale: boolean
  /** The last snapshot error (network, HTTP, parse, validation); cleared by the next good fetch. */
  error: VexilErrorInfo | undefined
}

/**
 * What `useFlag(key, defaultValue)` returns: the declared type of a registered flag, else the
 * default's type, widened.
 *
 * @typeParam K - the flag key
 * @typeParam D - the type of the default value
 */
export type FlagResult<K extends string, D> = K extends keyof VexilFlags ? VexilFlags[K] : Widen<D>

/**
 * What `useFlags()` returns: every flag's value by key. Flags that could not be evaluated are
 * absent, hence `Partial` once {@link VexilFlags} is declared.
 */
export type FlagValues = [keyof VexilFlags] extends [never]
  ? Readonly<Record<string, JsonValue>>
  : Readonly<Partial<VexilFlags>>
