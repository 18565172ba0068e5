import { describe, expect, it, vi } from 'vitest'
import { createNotifyManager } from './notifyManager'
import { Subscribable } from './subscribable'

describe('notifyManager', () => {
  it('delivers each scheduled callback once per batch, through the notify function', async () => {
    const nm = createNotifyManager()
    const wrap = vi.fn((fn: () => void) => fn())
    nm.setNotifyFunction(wrap)
    const cb = vi.fn()
    nm.batch(() => {
      nm.schedule(cb)
      nm.schedule(cb)
      nm.batch(() => nm.schedule(cb))
    })
    expect(cb).not.toHaveBeenCalled()
    await Promise.resolve()
    expect(cb).toHaveBeenCalledTimes(1)
    expect(wrap).toHaveBeenCalledTimes(1)
  })

  it('uses a replaceable scheduler', () => {
    const nm = createNotifyManager()
    const queued: Array<() => void> = []
    nm.setScheduler((fn) => queued.push(fn))
    const cb = vi.fn()
    nm.schedule(cb)
    nm.schedule(cb)
    expect(queued).toHaveLength(1)
    queued[0]!()
    expect(cb).toHaveBeenCalledTimes(1)
  })
})

describe('Subscribable', () => {
  it('binds subscribe and reports the first and last listener', () => {
    const events: string[] = []
    class S extends Subscribable {
      protected override onSubscribe(): void {
        events.push('sub' + this.listeners.size)
      }
      protected override onUnsubscribe(): void {
        events.push('unsub' + this.listeners.size)
      }
    }
    const s = new S()
    const { subscribe } = s
    const un = subscribe(() => {})
    expect(s.hasListeners()).toBe(true)
    un()
    expect(events).toEqual(['sub1', 'unsub0'])
    expect(s.hasListeners()).toBe(false)
  })
})
