/**
 * A set of listeners with hooks for the first subscriber and the last one leaving, so that work
 * (polling, streams, page listeners) runs only while someone listens. Ported from TanStack Query's
 * `subscribable.ts`.
 */
export class Subscribable<TListener extends (...args: never[]) => void = () => void> {
  /** The current listeners; iterate a copy when a listener may unsubscribe itself. */
  protected listeners: Set<TListener> = new Set()

  constructor() {
    // Bound once, so `client.subscribe` can be handed straight to `useSyncExternalStore`.
    this.subscribe = this.subscribe.bind(this)
  }

  /** Adds a listener; returns the function that removes it. */
  subscribe(listener: TListener): () => void {
    this.listeners.add(listener)
    this.onSubscribe()
    return () => {
      this.listeners.delete(listener)
      this.onUnsubscribe()
    }
  }

  /** Whether anyone listens. */
  hasListeners(): boolean {
    return this.listeners.size > 0
  }

  /** Called after each subscription. */
  protected onSubscribe(): void {}

  /** Called after each unsubscription. */
  protected onUnsubscribe(): void {}
}
