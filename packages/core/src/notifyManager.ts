/**
 * Batches notifications so that a burst of changes (a snapshot changing 50 flags, 1,000 `track()`
 * calls) reaches listeners once. Ported from TanStack Query's `notifyManager.ts`: a process-wide
 * scheduler that tests and bindings may replace (React tests wrap notifications in `act`).
 */
type Callback = () => void

/** The batching scheduler behind every Vexil notification. */
export interface NotifyManager {
  /** Runs `fn`; notifications scheduled inside are delivered once, after the outermost batch. */
  batch<T>(fn: () => T): T
  /** Schedules `cb` (deduplicated by identity) for the end of the current batch. */
  schedule(cb: Callback): void
  /** Wraps every delivery, e.g. `(fn) => act(fn)` in React tests. */
  setNotifyFunction(fn: (cb: Callback) => void): void
  /** Chooses when a batch is delivered. @default queueMicrotask */
  setScheduler(fn: (cb: Callback) => void): void
}

/** Creates a notify manager; most code uses the shared {@link notifyManager}. */
export function createNotifyManager(): NotifyManager {
  let queue = new Set<Callback>()
  let depth = 0
  let pending = false
  let notifyFn = (cb: Callback): void => cb()
  // Late-bound so tests that fake timers or microtasks after import are honoured.
  let scheduleFn = (cb: Callback): void => queueMicrotask(cb)

  const deliver = (): void => {
    pending = false
    const cbs = queue
    queue = new Set()
    // Never empty: a delivery is only armed with something queued, and the queue only grows until then.
    notifyFn(() => cbs.forEach((cb) => cb()))
  }
  const arm = (): void => {
    if (!pending && !depth && queue.size) {
      pending = true
      scheduleFn(deliver)
    }
  }

  return {
    batch(fn) {
      depth++
      try {
        return fn()
      } finally {
        depth--
        arm()
      }
    },
    schedule(cb) {
      queue.add(cb)
      arm()
    },
    setNotifyFunction(fn) {
      notifyFn = fn
    },
    setScheduler(fn) {
      scheduleFn = fn
    },
  }
}

/** The shared notify manager. */
export const notifyManager: NotifyManager = /* @__PURE__ */ createNotifyManager()
