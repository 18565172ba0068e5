import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { BROWSER_DEV, SERVER_DEV, booleanFlag, startTestServer } from '../testHelpers'
import type { TestServer } from '../testHelpers'

let t: TestServer
beforeEach(async () => {
  t = await startTestServer()
})
afterEach(async () => {
  await t.close()
})

const revisions = async (): Promise<Record<string, number>> => {
  const res = await t.admin('GET', '/v1/environments')
  return Object.fromEntries(res.body.environments.map((e: { key: string; revision: number }) => [e.key, e.revision]))
}

describe('flags', () => {
  it('creates, reads, updates, archives and deletes a flag, bumping revisions', async () => {
    const before = await revisions()
    const created = await t.admin('POST', '/v1/flags', {
      key: 'new-checkout',
      name: 'New checkout',
      kind: 'release',
      owner: 'checkout-team',
      tags: ['checkout'],
      config: booleanFlag(),
    })
    expect(created.status).toBe(201)
    expect(created.headers.get('etag')).toBe('"1"')
    expect(created.body).toMatchObject({ key: 'new-checkout', version: 1, owner: 'checkout-team', kind: 'release', clientSide: true })
    const afterCreate = await revisions()
    for (const env of ['development', 'staging', 'production']) expect(afterCreate[env]).toBe((before[env] ?? 0) + 1)

    const dup = await t.admin('POST', '/v1/flags', { key: 'new-checkout', config: booleanFlag() })
    expect(dup.status).toBe(409)

    const updated = await t.admin('PATCH', '/v1/flags/new-checkout', {
      description: 'One-page checkout',
      environments: { production: booleanFlag({ fallthrough: { variation: 'on' } }) },
    })
    expect(updated.status).toBe(200)
    expect(updated.body.version).toBe(2)
    expect(updated.body.environments.production.fallthrough).toEqual({ variation: 'on' })
    expect(updated.body.environments.development.fallthrough).toEqual({ variation: 'off' })

    const snap = await t.request('GET', '/v1/snapshot', { token: 'vexil-server-production' })
    expect(snap.body.flags['new-checkout']).toMatchObject({ description: 'One-page checkout', fallthrough: { variation: 'on' } })

    const list = await t.admin('GET', '/v1/flags')
    expect(list.body.flags.map((f: { key: string }) => f.key)).toEqual(['new-checkout'])

    const archived = await t.admin('POST', '/v1/flags/new-checkout/archive')
    expect(archived.body.archived).toBe(true)
    expect((await t.admin('GET', '/v1/flags')).body.flags).toEqual([])
    expect((await t.admin('GET', '/v1/flags?archived=true')).body.flags).toHaveLength(1)
    const snapAfterArchive = await t.request('GET', '/v1/snapshot', { token: 'vexil-server-production' })
    expect(snapAfterArchive.body.flags['new-checkout']).toBeUndefined()

    expect((await t.admin('POST', '/v1/flags/new-checkout/unarchive')).body.archived).toBe(false)
    expect((await t.admin('DELETE', '/v1/flags/new-checkout')).status).toBe(204)
    expect((await t.admin('GET', '/v1/flags/new-checkout')).status).toBe(404)
  })

  it('refuses a flag that would make a snapshot invalid, with the errors, and changes nothing', async () => {
    const before = await revisions()
    const res = await t.admin('POST', '/v1/flags', {
      key: 'broken',
      config: booleanFlag({ fallthrough: { variation: 'missing' } }),
    })
    expect(res.status).toBe(422)
    expect(res.body.error.code).toBe('INVALID_CHANGE')
    expect(res.body.error.details.length).toBeGreaterThan(0)
    expect(res.body.error.details[0]).toMatchObject({ environment: 'development', view: 'server' })
    expect(res.body.error.details[0].path).toContain('flags.broken')
    expect(await revisions()).toEqual(before)
    expect((await t.admin('GET', '/v1/flags/broken')).status).toBe(404)
  })

  it('refuses a client-side flag whose prerequisite is server-only (the browser view would break)', async () => {
    await t.admin('POST', '/v1/flags', { key: 'secret', clientSide: false, config: booleanFlag() })
    const res = await t.admin('POST', '/v1/flags', {
      key: 'visible',
      config: booleanFlag({ prerequisites: [{ flag: 'secret', variations: ['on'] }] }),
    })
    expect(res.status).toBe(422)
    expect(res.body.error.details.some((d: { view: string }) => d.view === 'browser')).toBe(true)
  })

  it('refuses archiving a flag that another flag needs as a prerequisite', async () => {
    await t.admin('POST', '/v1/flags', { key: 'payments', config: booleanFlag() })
    await t.admin('POST', '/v1/flags', {
      key: 'checkout',
      config: booleanFlag({ prerequisites: [{ flag: 'payments', variations: ['on'] }] }),
    })
    const res = await t.admin('POST', '/v1/flags/payments/archive')
    expect(res.status).toBe(422)
    expect(JSON.stringify(res.body.error.details)).toContain('checkout')
  })

  it('answers 409 to a write with a stale If-Match, and accepts the current one', async () => {
    await t.admin('POST', '/v1/flags', { key: 'f', config: booleanFlag() })
    const a = await t.admin('PATCH', '/v1/flags/f', { description: 'first' }, { 'if-match': '"1"' })
    expect(a.status).toBe(200)
    // A second editor who also read version 1 loses the race.
    const b = await t.admin('PATCH', '/v1/flags/f', { description: 'second' }, { 'if-match': '"1"' })
    expect(b.status).toBe(409)
    expect(b.body.error).toMatchObject({ code: 'CONFLICT', details: { expectedVersion: 1, currentVersion: 2 } })
    expect((await t.admin('GET', '/v1/flags/f')).body.description).toBe('first')
    const c = await t.admin('PATCH', '/v1/flags/f', { description: 'second' }, { 'if-match': '"2"' })
    expect(c.status).toBe(200)
    expect((await t.admin('DELETE', '/v1/flags/f', undefined, { 'if-match': '"2"' })).status).toBe(409)
  })

  it('keeps history and rolls back to a version as a new version', async () => {
    await t.admin('POST', '/v1/flags', { key: 'f', config: booleanFlag() })
    await t.admin('PUT', '/v1/flags/f/environments/production', booleanFlag({ fallthrough: { variation: 'on' } }))
    const history = await t.admin('GET', '/v1/flags/f/history')
    expect(history.body.versions.map((v: { version: number; action: string }) => [v.version, v.action])).toEqual([
      [2, 'configure:production'],
      [1, 'create'],
    ])
    const v1 = await t.admin('GET', '/v1/flags/f/versions/1')
    expect(v1.body.document.environments.production.fallthrough).toEqual({ variation: 'off' })
    const rolled = await t.admin('POST', '/v1/flags/f/rollback', { version: 1 })
    expect(rolled.status).toBe(200)
    expect(rolled.body.version).toBe(3)
    expect(rolled.body.environments.production.fallthrough).toEqual({ variation: 'off' })
    const snap = await t.request('GET', '/v1/snapshot', { token: 'vexil-server-production' })
    expect(snap.body.flags.f.fallthrough).toEqual({ variation: 'off' })
    expect((await t.admin('POST', '/v1/flags/f/rollback', { version: 99 })).status).toBe(404)
  })

  it('writes audit entries with who, what, before and after', async () => {
    await t.admin('POST', '/v1/flags', { key: 'f', config: booleanFlag() })
    await t.admin('POST', '/v1/flags/f/environments/production/kill', undefined, { 'x-vexil-actor': 'alice@example.com' })
    const audit = await t.admin('GET', '/v1/audit?kind=flag&key=f')
    const [kill, create] = audit.body.entries
    expect(kill).toMatchObject({ actor: 'alice@example.com', action: 'kill:production', kind: 'flag', key: 'f' })
    expect(kill.before.environments.production.enabled).toBe(true)
    expect(kill.after.environments.production.enabled).toBe(false)
    expect(Date.parse(kill.at)).toBeGreaterThan(0)
    expect(create).toMatchObject({ actor: 'admin', action: 'create', before: null })
  })

  it('kill switch turns the flag off in one environment only', async () => {
    await t.admin('POST', '/v1/flags', { key: 'f', config: booleanFlag({ fallthrough: { variation: 'on' } }) })
    const before = await revisions()
    const res = await t.admin('POST', '/v1/flags/f/environments/production/kill')
    expect(res.status).toBe(200)
    const after = await revisions()
    expect(after.production).toBe((before.production ?? 0) + 1)
    expect((await t.request('GET', '/v1/snapshot', { token: 'vexil-server-production' })).body.flags.f.enabled).toBe(false)
    expect((await t.request('GET', '/v1/snapshot', { token: SERVER_DEV })).body.flags.f.enabled).toBe(true)
    expect((await t.admin('POST', '/v1/flags/f/environments/production/enable')).body.environments.production.enabled).toBe(true)
    expect((await t.admin('POST', '/v1/flags/f/environments/nowhere/kill')).status).toBe(404)
  })

  it('rejects malformed bodies with clear 400s', async () => {
    expect((await t.admin('POST', '/v1/flags', { key: 'bad key!', config: booleanFlag() })).body.error.code).toBe('BAD_REQUEST')
    expect((await t.admin('POST', '/v1/flags', { key: 'k' })).status).toBe(400)
    expect((await t.admin('POST', '/v1/flags', { key: 'k', kind: 'nope', config: booleanFlag() })).status).toBe(400)
    const env = await t.admin('POST', '/v1/flags', { key: 'k', environments: { moon: booleanFlag() } })
    expect(env.status).toBe(400)
    expect(env.body.error.message).toContain('moon')
  })
})

describe('segments', () => {
  it('CRUD, validation of segment use, history and rollback', async () => {
    const created = await t.admin('POST', '/v1/segments', { key: 'beta', definition: { include: ['u-1'] } })
    expect(created.status).toBe(201)
    await t.admin('POST', '/v1/flags', {
      key: 'f',
      config: booleanFlag({ rules: [{ id: 'beta', conditions: [{ segment: 'beta' }], serve: { variation: 'on' } }] }),
    })
    const snap = await t.request('GET', '/v1/snapshot', { token: BROWSER_DEV })
    expect(snap.body.segments.beta).toEqual({ include: ['u-1'] })
    // Deleting a segment a flag uses would invalidate the flag.
    expect((await t.admin('DELETE', '/v1/segments/beta')).status).toBe(422)
    const bad = await t.admin('PATCH', '/v1/segments/beta', { definition: { include: 'u-1' } })
    expect(bad.status).toBe(422)
    const ok = await t.admin('PATCH', '/v1/segments/beta', { definition: { include: ['u-1', 'u-2'] } })
    expect(ok.body.version).toBe(2)
    const rolled = await t.admin('POST', '/v1/segments/beta/rollback', { version: 1 })
    expect(rolled.body.environments.production).toEqual({ include: ['u-1'] })
    expect((await t.admin('GET', '/v1/segments/beta/history')).body.versions).toHaveLength(3)
  })
})

describe('experiments', () => {
  const experiment = {
    key: 'hero',
    flag: 'hero-layout',
    hypothesis: 'A grid sells more',
    primaryMetric: { event: 'purchase', type: 'conversion' },
    secondaryMetrics: [{ event: 'purchase', type: 'revenue', name: 'revenue' }],
    minimumDetectableEffect: 0.05,
  }

  it('needs an existing flag, follows the lifecycle and needs a conclusion to complete', async () => {
    expect((await t.admin('POST', '/v1/experiments', experiment)).status).toBe(422)
    await t.admin('POST', '/v1/flags', { key: 'hero-layout', kind: 'experiment', config: booleanFlag() })
    const created = await t.admin('POST', '/v1/experiments', experiment)
    expect(created.status).toBe(201)
    expect(created.body).toMatchObject({ status: 'draft', environment: 'production', startedAt: null, conclusion: null })

    expect((await t.admin('POST', '/v1/experiments/hero/status', { status: 'completed', conclusion: 'won' })).status).toBe(409)
    expect((await t.admin('POST', '/v1/experiments/hero/status', { status: 'launched' })).status).toBe(400)
    const running = await t.admin('POST', '/v1/experiments/hero/status', { status: 'running' })
    expect(running.body.status).toBe('running')
    expect(Date.parse(running.body.startedAt)).toBeGreaterThan(0)
    expect((await t.admin('POST', '/v1/experiments/hero/status', { status: 'paused' })).body.status).toBe('paused')
    expect((await t.admin('POST', '/v1/experiments/hero/status', { status: 'running' })).body.status).toBe('running')
    expect((await t.admin('POST', '/v1/experiments/hero/status', { status: 'completed' })).status).toBe(400)
    const done = await t.admin('POST', '/v1/experiments/hero/status', { status: 'completed', conclusion: 'stopped_early' })
    expect(done.body).toMatchObject({ status: 'completed', conclusion: 'stopped_early' })
    expect(Date.parse(done.body.endedAt)).toBeGreaterThan(0)
    const archived = await t.admin('POST', '/v1/experiments/hero/archive')
    expect(archived.body).toMatchObject({ status: 'archived', archived: true })
    const history = await t.admin('GET', '/v1/experiments/hero/history')
    expect(history.body.versions[0].action).toBe('archive')
    expect((await t.admin('PATCH', '/v1/experiments/hero', { minimumDetectableEffect: -1 })).status).toBe(400)
    expect((await t.admin('PATCH', '/v1/experiments/hero', { startedAt: 'soon' })).status).toBe(400)
    const dated = await t.admin('PATCH', '/v1/experiments/hero', { startedAt: '2026-11-01T09:00:00Z' })
    expect(dated.body.startedAt).toBe('2026-11-01T09:00:00.000Z')
  })
})

describe('environments, import and export', () => {
  it('lists environments and previews both snapshot views', async () => {
    await t.admin('POST', '/v1/flags', { key: 'server-only', clientSide: false, config: booleanFlag() })
    const envs = await t.admin('GET', '/v1/environments')
    expect(envs.body.environments.map((e: { key: string }) => e.key)).toEqual(['development', 'staging', 'production'])
    const server = await t.admin('GET', '/v1/environments/production/snapshot')
    const browser = await t.admin('GET', '/v1/environments/production/snapshot?view=browser')
    expect(Object.keys(server.body.flags)).toEqual(['server-only'])
    expect(browser.body.flags).toEqual({})
  })

  it('imports a flags file with per-environment differences, and export → import changes nothing', async () => {
    const file = {
      flags: {
        a: { ...booleanFlag(), owner: 'team-a', kind: 'operational', description: 'A' },
        b: { ...booleanFlag({ rules: [{ id: 'r', conditions: [{ segment: 's' }], serve: { variation: 'on' } }] }) },
      },
      segments: { s: { include: ['u-1'] } },
      environments: {
        development: { flags: { a: { enabled: false } } },
        staging: { flags: { b: null } },
      },
    }
    const imported = await t.admin('POST', '/v1/import', file)
    expect(imported.status).toBe(200)
    expect(imported.body.created.sort()).toEqual(['flag:a', 'flag:b', 'segment:s'])
    const a = (await t.admin('GET', '/v1/flags/a')).body
    expect(a).toMatchObject({ owner: 'team-a', kind: 'operational', description: 'A' })
    expect(a.environments.development.enabled).toBe(false)
    expect(a.environments.production.enabled).toBe(true)
    expect((await t.admin('GET', '/v1/flags/b')).body.environments.staging).toBeUndefined()

    const exported = await t.admin('GET', '/v1/export')
    expect(exported.body.environments.staging.flags.b).toBeNull()
    const before = await revisions()
    const again = await t.admin('POST', '/v1/import', exported.body)
    expect(again.body).toMatchObject({ created: [], updated: [], unchanged: 3 })
    expect(await revisions()).toEqual(before)

    const invalid = await t.admin('POST', '/v1/import', { flags: { c: booleanFlag({ offVariation: 'nope' }) } })
    expect(invalid.status).toBe(422)
    const replaced = await t.admin('POST', '/v1/import?mode=replace', { flags: { a: booleanFlag() }, segments: {} })
    expect(replaced.body.deleted.sort()).toEqual(['flag:b', 'segment:s'])
  })

  it('seeds from examples/flags.json, which is valid in every environment', async () => {
    const seeded = await startTestServer({ flags: new URL('../../../../examples/flags.json', import.meta.url).pathname })
    try {
      const flags = (await seeded.admin('GET', '/v1/flags')).body.flags.map((f: { key: string }) => f.key)
      expect(flags).toEqual(expect.arrayContaining(['new-checkout', 'hero-layout', 'banner', 'rate-limit', 'payments-v2']))
      const browser = await seeded.request('GET', '/v1/snapshot', { token: BROWSER_DEV })
      expect(browser.body.flags['rate-limit']).toBeUndefined()
      expect(browser.body.flags['hero-layout'].sticky).toBe(true)
      const exp = await seeded.admin('GET', '/v1/experiments/hero-layout')
      expect(exp.body).toMatchObject({ status: 'running', flag: 'hero-layout' })
    } finally {
      await seeded.close()
    }
  })
})
