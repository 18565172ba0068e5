import { IDBFactory } from 'fake-indexeddb'
import { beforeEach, describe, expect, it } from 'vitest'
import { createClient } from './vexilClient'
import { expFlag, fakeFetch, snap, turns } from './clientTestHelpers'
import type { Flag } from './types'

beforeEach(() => {
  globalThis.indexedDB = new IDBFactory()
})

const serve = (flag: Flag, revision: string) => JSON.stringify(snap({ e: flag }, revision))

describe('sticky assignments', () => {
  it('survive a reweighted snapshot and a new client instance; a new salt re-randomizes', async () => {
    let body = serve(expFlag(50, { sticky: true }), '1')
    const fetch = fakeFetch(() => ({ status: 200, body }))
    const c = createClient({ snapshotUrl: 'http://x/s', fetch })
    await c.ready()
    const users = Array.from({ length: 40 }, (_, i) => 'user-' + i)
    const first = new Map<string, string>()
    for (const u of users) {
      c.setContext({ userId: u })
      first.set(u, c.evaluate('e').variation!)
    }
    expect(new Set(first.values())).toEqual(new Set(['a', 'b']))

    // Everyone would now get "b".
    body = serve(expFlag(0, { sticky: true }), '2')
    await c.refresh()
    for (const u of users) {
      c.setContext({ userId: u })
      expect(c.evaluate('e')).toMatchObject({ variation: first.get(u), reason: 'STICKY', experiment: 'exp' })
    }
    await c.close()

    const d = createClient({ snapshotUrl: 'http://x/s', fetch })
    await d.ready()
    await turns(10)
    for (const u of users) {
      d.setContext({ userId: u })
      expect(d.evaluate('e').variation).toBe(first.get(u))
      expect(d.evaluate('e').inExperiment).toBe(true)
    }
    body = serve(expFlag(0, { sticky: true, salt: 'new' }), '3')
    await d.refresh()
    for (const u of users) {
      d.setContext({ userId: u })
      expect(d.evaluate('e').variation).toBe('b')
    }
    await d.close()
  })
})
