/**
 * What `@vexil/core/inspect` reads from a client that the public interface does not show. A
 * registry rather than methods on the client, so that apps that never inspect a client do not ship
 * the inspection code: the client only registers three cheap accessors.
 *
 * @internal
 */
import type { ActivityListener, VexilClient } from './clientTypes'
import type { CompiledSnapshot } from './compiledTypes'

/** A client's inspection hooks. @internal */
export interface ClientInternals {
  /** The compiled current snapshot, if any. */
  readonly snapshot: () => CompiledSnapshot | undefined
  /** The page URL (`undefined` outside a browser). */
  readonly href: () => string | undefined
  /** Listeners of the event activity log; the client calls them as events move. */
  readonly activity: Set<ActivityListener>
}

/** Every client's hooks, registered by its constructor. @internal */
export const clientInternals = new WeakMap<VexilClient, ClientInternals>()
