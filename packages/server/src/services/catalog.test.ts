import { afterEach, beforeEach, expect, it } from 'vitest'
import type { FlagDocument } from '../model'
import { openDatabase } from '../storage/database'
import { createStore } from '../storage/store'
import type { Store } from '../storage/store'
import { Catalog } from './catalog'
import type { RevisionBump } from './catalog'

let store: Store
let catalog: Catalog
beforeEach(() => {
  store = createStore(openDatabase(':memory:'))
  store.environments.ensure([{ key: 'dev', name: 'dev' }, { key: 'prod', name: 'prod' }], new Date().toISOString())
  catalog = new Catalog(store, ['dev', 'prod'])
})
afterEach(() => {
  store.db.close()
})

function flag(key: string, fallthrough: string, envs: string[] = ['dev', 'prod']): FlagDocument {
  const config = { type: 'boolean', enabled: true, variations: { on: true, off: false }, offVariation: 'off', fallthrough: { variation: fallthrough } }
  return {
    key, name: key, description: '', tags: [], owner: '', kind: 'release', clientSide: true, archived: false,
    environments: Object.fromEntries(envs.map((e) => [e, config])) as FlagDocument['environments'],
  }
}

it('bumps only the environments a change touches, and tells listeners after commit', () => {
  const heard: RevisionBump[][] = []
  catalog.onCommit((bumps) => heard.push(bumps))
  catalog.commit([{ kind: 'flag', key: 'a', before: undefined, after: flag('a', 'on', ['prod']) }], 'create', 'test')
  expect(heard).toEqual([[{ environment: 'prod', revision: 2 }]])
  expect(store.environments.get('dev')?.revision).toBe(1)
  expect(store.audit.list({ limit: 10 })[0]).toMatchObject({ action: 'create', actor: 'test', environments: ['prod'] })
})

it('refuses only new problems: an invalid flag already stored does not block other changes', () => {
  // Written around the catalog, as an older version or a hand edit might have.
  store.flags.save('legacy', flag('legacy', 'missing'), false, 'create', 'old', new Date().toISOString())
  expect(() =>
    catalog.commit([{ kind: 'flag', key: 'ok', before: undefined, after: flag('ok', 'on') }], 'create', 'test'),
  ).not.toThrow()
  expect(() =>
    catalog.commit([{ kind: 'flag', key: 'bad', before: undefined, after: flag('bad', 'nope') }], 'create', 'test'),
  ).toThrow(/invalid/)
  expect(store.flags.get('bad')).toBeUndefined()
})

it('detects a write that raced with the one it was computed from', () => {
  catalog.commit([{ kind: 'flag', key: 'a', before: undefined, after: flag('a', 'on') }], 'create', 'test')
  const stale = store.flags.get('a')
  catalog.commit([{ kind: 'flag', key: 'a', before: stale, after: flag('a', 'off') }], 'update', 'first')
  expect(() => catalog.commit([{ kind: 'flag', key: 'a', before: stale, after: flag('a', 'on') }], 'update', 'second')).toThrow(
    /concurrently/,
  )
  expect(store.flags.get('a')?.document.environments.dev?.fallthrough).toEqual({ variation: 'off' })
})
