import { describe, expect, it, vi } from 'vitest'
import { createNotifyManager } from './notifyManager'

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
