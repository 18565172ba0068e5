/**
 * The demo, end to end, as a newcomer meets it: `npm start` (scripts/start.mjs) on free ports with a
 * temporary database, Debian's Chromium on the shop. Expected flag values are never written here:
 * they come from evaluating the service's own snapshot for each demo user with @vexil/core.
 */
import { execFileSync } from 'node:child_process'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { evaluate } from '@vexil/core'
import type { Snapshot } from '@vexil/core'
import { launchChromium } from './helpers/chromium'
import type { LaunchedBrowser } from './helpers/chromium'
import { screenshotPath } from './helpers/screenshots'
import { accepted, admin, recordEvents, startDemo, waitFor } from './demo-helpers'
import type { RunningDemo } from './demo-helpers'
import { contextOf, findUser } from '../../examples/shop/src/users'

interface Results {
  analysis: {
    totalUnits: number
    metrics: Array<{ key: string; variants: Array<{ variantKey: string; sampleSize: number; conversions: number | null; mean: number | null }> }>
  }
}

let demo: RunningDemo
let browser: LaunchedBrowser
let snapshot: Snapshot

/** What the service's snapshot serves `userId` for `flag`: the expectation of every check. */
const expected = (flag: string, userId: string) => evaluate(snapshot, flag, contextOf(findUser(userId)))

const results = (): Promise<Results> => admin<Results>(demo.vexilUrl, 'GET', '/v1/experiments/hero-layout/results')
const purchaseRow = (r: Results, variation: string) =>
  r.analysis.metrics.find((m) => m.key === 'purchase rate')!.variants.find((v) => v.variantKey === variation)

/** The flagged parts of the page, as a person sees them. */
const FLAGGED = `() => ({
  banner: document.querySelector('[data-testid=banner]')?.textContent ?? null,
  hero: document.querySelector('[data-testid=hero]')?.getAttribute('data-variation') ?? null,
  heroText: document.querySelector('[data-testid=hero] h1')?.textContent ?? null,
  checkout: [...document.querySelectorAll('[data-checkout]')].map((b) => b.getAttribute('data-checkout') + '|' + b.textContent),
  pill: document.querySelector('[data-testid=new-checkout-pill]') !== null,
})`

/**
 * Installed before the page's own scripts: keeps the flagged content at DOMContentLoaded and counts
 * every later change inside the flagged parts (a flicker is a change, even one that is undone).
 */
const WATCH = `
  window.__flagged = ${FLAGGED};
  window.__changes = 0;
  window.__heroSeen = [];
  let parsed = false;
  document.addEventListener('DOMContentLoaded', () => { window.__atDomContentLoaded = window.__flagged(); parsed = true });
  new MutationObserver((records) => {
    // Before DOMContentLoaded the parser itself is inserting the server's HTML.
    if (!parsed) return;
    for (const r of records) {
      const el = r.target.nodeType === 1 ? r.target : r.target.parentElement;
      if (el && el.closest && el.closest('[data-testid=hero], [data-testid=banner], [data-checkout], .header-right')) {
        window.__changes++;
        const hero = document.querySelector('[data-testid=hero]')?.getAttribute('data-variation');
        if (window.__heroSeen.at(-1) !== hero) window.__heroSeen.push(hero);
      }
    }
  }).observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
`

interface OpenShop {
  page: Page
  batches: ReturnType<typeof recordEvents>
  errors: string[]
  /** Every URL the page requested. */
  requests: string[]
}

async function openShop(userId: string): Promise<OpenShop> {
  const page = await browser.context.newPage()
  const errors: string[] = []
  const requests: string[] = []
  page.on('request', (r) => requests.push(r.url()))
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()))
  page.on('pageerror', (e) => errors.push(e.message))
  await page.addInitScript(WATCH)
  const batches = recordEvents(page)
  await page.goto(`${demo.shopUrl}/?user=${userId}`)
  return { page, batches, errors, requests }
}

const heroExposures = (batches: ReturnType<typeof recordEvents>, userId: string) =>
  accepted(batches).filter((e) => e.type === 'exposure' && e.flag === 'hero-layout' && e.userId === userId)

beforeAll(async () => {
  demo = await startDemo()
  browser = await launchChromium()
  const response = await fetch(`${demo.vexilUrl}/v1/snapshot`, { headers: { authorization: 'Bearer vexil-browser-development' } })
  snapshot = (await response.json()) as Snapshot
}, 150_000)

afterAll(async () => {
  await browser?.close()
  await demo?.stop()
})

describe('the demo shop', () => {
  it.each(['user-1', 'user-3', 'user-4'])('has %s’s flags in the first HTML, and hydration changes nothing', async (userId) => {
    const hero = expected('hero-layout', userId)
    const banner = expected('banner', userId)
    const checkout = expected('new-checkout', userId)
    // The two users are picked to differ, so this test cannot pass by showing everyone the same page.
    expect(expected('hero-layout', 'user-1').variation).not.toBe(expected('hero-layout', 'user-4').variation)
    expect(expected('new-checkout', 'user-1').value).not.toBe(expected('new-checkout', 'user-4').value)
    expect(new Set(['user-1', 'user-3', 'user-4'].map((u) => expected('hero-layout', u).variation)).size).toBe(3)

    // What the server sent, before any script.
    const html = await (await fetch(`${demo.shopUrl}/`, { headers: { cookie: `vexil_demo_user=${userId}` } })).text()
    expect(html).toContain(`data-variation="${hero.variation}"`)
    expect(html).toContain(String(banner.value))
    expect(html).toContain(`data-checkout="${checkout.value ? 'new' : 'classic'}"`)

    const { page, batches, errors } = await openShop(userId)
    // Hydrated and live: the hero's exposure went out after commit.
    await waitFor(() => heroExposures(batches, userId).length, (n) => n > 0)
    const atDomContentLoaded = await page.evaluate('window.__atDomContentLoaded')
    const afterHydration = await page.evaluate('window.__flagged()')
    expect(atDomContentLoaded).toMatchObject({ hero: hero.variation, banner: banner.value, pill: checkout.value })
    expect(afterHydration).toEqual(atDomContentLoaded)
    expect(await page.evaluate('window.__changes')).toBe(0)
    expect(errors).toEqual([])
    await page.screenshot({ path: screenshotPath(`demo-shop-${userId}`), fullPage: true })
    await page.close()
  })

  it('sends one exposure per user, and the service counts each user once', async () => {
    const userId = 'user-5'
    const variation = expected('hero-layout', userId).variation!
    const before = await results()

    const { page, batches } = await openShop(userId)
    await waitFor(() => heroExposures(batches, userId).length, (n) => n > 0)
    // Re-render the hero (a toast re-renders the whole app) and give the client time to send more.
    await page.getByTestId('buy-notebook').click()
    await page.getByTestId('toast').waitFor()
    await page.waitForTimeout(2500)
    const sent = heroExposures(batches, userId)
    expect(sent).toHaveLength(1)
    expect(sent[0]).toMatchObject({ variation, userId })

    // A second visit is a new session; the service still counts the user once.
    await page.reload()
    await page.waitForTimeout(2000)
    const after = await waitFor(results, (r) => r.analysis.totalUnits > before.analysis.totalUnits)
    expect(after.analysis.totalUnits).toBe(before.analysis.totalUnits + 1)
    expect(purchaseRow(after, variation)!.sampleSize).toBe(purchaseRow(before, variation)!.sampleSize + 1)
    await page.close()
  })

  it('records a conversion on "Buy", and the results page shows it', async () => {
    const userId = 'user-7'
    const variation = expected('hero-layout', userId).variation!
    const { page, batches } = await openShop(userId)
    await waitFor(() => heroExposures(batches, userId).length, (n) => n > 0)
    const before = await waitFor(results, (r) => (purchaseRow(r, variation)?.sampleSize ?? 0) > 0)
    const converted = purchaseRow(before, variation)!.conversions ?? 0

    await page.getByTestId('buy-mug').click()
    await expect(page.getByTestId('toast').textContent()).resolves.toMatch(/Order A-[0-9A-F]{6} placed/)
    await waitFor(() => accepted(batches).filter((e) => e.type === 'conversion'), (c) => c.length === 1)
    expect(accepted(batches).find((e) => e.type === 'conversion')).toMatchObject({ event: 'purchase', value: 18, userId })

    const after = await waitFor(results, (r) => (purchaseRow(r, variation)?.conversions ?? 0) > converted)
    expect(purchaseRow(after, variation)!.conversions).toBe(converted + 1)

    await page.goto(`${demo.shopUrl}/results`)
    const row = page.getByTestId(`row-purchase rate-${variation}`)
    await expect(row.getByTestId('conversions').textContent()).resolves.toBe(String(converted + 1))
    // One dot per variation with data.
    const withData = after.analysis.metrics.find((m) => m.key === 'purchase rate')!.variants.filter((v) => v.mean !== null)
    await expect(page.getByTestId('chart-purchase rate').locator('circle').count()).resolves.toBe(withData.length)
    await expect(page.getByTestId('srm-ok').or(page.getByTestId('srm-warning')).count()).resolves.toBe(1)
    await page.screenshot({ path: screenshotPath('demo-results'), fullPage: true })
    await page.close()
  })

  it('applies a flag change from the management API to the open page over SSE, without a reload', async () => {
    const userId = 'user-1'
    expect(expected('new-checkout', userId).value).toBe(true)
    const { page, requests } = await openShop(userId)
    await page.locator('[data-checkout=new]').first().waitFor()
    await page.evaluate('window.__sameDocument = true')
    // The stream is first-party: the shop's origin, proxied to the flag service.
    await waitFor(() => requests.filter((u) => u.startsWith(`${demo.shopUrl}/vexil/v1/stream`)).length, (n) => n > 0)

    try {
      // The prerequisite of new-checkout: switching it off switches the new checkout off too.
      await admin(demo.vexilUrl, 'POST', '/v1/flags/payments-v2/environments/development/kill')
      await page.locator('[data-checkout=classic]').first().waitFor({ timeout: 10_000 })
      await expect(page.locator('[data-checkout=new]').count()).resolves.toBe(0)
      await expect(page.getByTestId('new-checkout-pill').count()).resolves.toBe(0)
    } finally {
      await admin(demo.vexilUrl, 'POST', '/v1/flags/payments-v2/environments/development/enable')
    }
    await page.locator('[data-checkout=new]').first().waitFor({ timeout: 10_000 })
    expect(await page.evaluate('window.__sameDocument')).toBe(true)
    expect(await page.evaluate(`performance.getEntriesByType('navigation').length`)).toBe(1)
    await page.close()
  })
})

describe('the devtools overlay in the shop', () => {
  it('opens with Alt+Shift+V and lists the browser’s flags, not the server-only one', async () => {
    const { page } = await openShop('user-3')
    const toggle = page.getByRole('button', { name: /^Vexil devtools/ })
    await toggle.waitFor()
    await page.keyboard.press('Alt+Shift+V')
    await expect.poll(() => toggle.getAttribute('aria-expanded')).toBe('true')
    const browserFlags = Object.keys(snapshot.flags).sort()
    const rows = page.locator('li[data-flag]')
    await expect.poll(() => rows.count()).toBe(browserFlags.length)
    const listed = await rows.evaluateAll((els) => els.map((e) => e.getAttribute('data-flag')))
    expect([...listed].sort()).toEqual(browserFlags)
    // rate-limit is clientSide: false: the browser never received it, the server rendered with it.
    expect(listed).not.toContain('rate-limit')
    await expect(page.getByTestId('rate-limit').textContent()).resolves.toMatch(/Order API: \d+\/min/)
    await page.screenshot({ path: screenshotPath('demo-shop-devtools') })
    await page.close()
  })
})

describe('sticky bucketing', () => {
  it('keeps a user in their arm when the split changes, on the server and in the browser', async () => {
    const userId = 'user-1'
    const original = (await admin<{ environments: Record<string, Record<string, unknown>> }>(demo.vexilUrl, 'GET', '/v1/flags/hero-layout'))
      .environments.development!
    const arm = expected('hero-layout', userId).variation!
    const other = ['control', 'carousel', 'grid'].find((v) => v !== arm)!

    // First visit in this browser (earlier tests): the assignment exists on both sides.
    const first = await openShop(userId)
    await waitFor(() => heroExposures(first.batches, userId).length, (n) => n > 0)
    await first.page.close()

    const split = ['control', 'carousel', 'grid'].map((variation) => ({ variation, weight: variation === other ? 100 : 0 }))
    await admin(demo.vexilUrl, 'PUT', '/v1/flags/hero-layout/environments/development', {
      ...original,
      fallthrough: { split, experiment: 'hero-layout' },
    })
    try {
      // A browser that never saw the experiment gets the new split…
      const fresh = await (await fetch(`${demo.shopUrl}/?user=${userId}`, { redirect: 'manual' })).headers.getSetCookie()
      const html = await (await fetch(`${demo.shopUrl}/`, { headers: { cookie: fresh.map((c) => c.split(';')[0]).join('; ') } })).text()
      expect(html).toContain(`data-variation="${other}"`)

      // …this one keeps its arm: in the first HTML (the server's sticky cookie), once live (the
      // browser's own sticky store), and in between: until the browser has read its assignments
      // from IndexedDB it holds the server's arm, so the new split never flashes after hydration and
      // no exposure to it (reason SPLIT) is sent.
      const again = await openShop(userId)
      await again.page.getByTestId('hero').waitFor()
      await again.page.waitForTimeout(2000)
      expect(await again.page.evaluate('window.__atDomContentLoaded')).toMatchObject({ hero: arm })
      expect(await again.page.evaluate('window.__flagged()')).toMatchObject({ hero: arm })
      // The arm at each change inside the flagged parts: a change elsewhere (the header, say) may
      // record the kept arm, never another one.
      const seen = (await again.page.evaluate('window.__heroSeen')) as string[]
      expect(seen.filter((h) => h !== arm)).toEqual([])
      const sent = heroExposures(again.batches, userId)
      expect(sent.length).toBeGreaterThan(0)
      expect(sent.map((e) => [e.variation, e.reason])).toEqual(sent.map(() => [arm, 'STICKY']))
      await again.page.close()
    } finally {
      await admin(demo.vexilUrl, 'PUT', '/v1/flags/hero-layout/environments/development', original)
    }
  })
})

describe('the shop’s /vexil/ proxy', () => {
  it('serves the SDK endpoints first-party and nothing of the management API', async () => {
    const key = { authorization: 'Bearer vexil-browser-development' }
    const direct = await fetch(`${demo.vexilUrl}/v1/snapshot`, { headers: key })
    const proxied = await fetch(`${demo.shopUrl}/vexil/v1/snapshot`, { headers: key })
    expect(proxied.status).toBe(200)
    expect(await proxied.json()).toEqual(await direct.json())
    const etag = proxied.headers.get('etag')!
    expect(etag).toBe(direct.headers.get('etag'))
    const again = await fetch(`${demo.shopUrl}/vexil/v1/snapshot`, { headers: { ...key, 'if-none-match': etag } })
    expect(again.status).toBe(304)
    const management = await fetch(`${demo.shopUrl}/vexil/v1/flags`, { headers: { authorization: 'Bearer vexil-admin-dev' } })
    expect(management.status).toBe(404)
  })
})

describe('the results page', () => {
  it('warns of a sample ratio mismatch when the split is broken', async () => {
    // A broken assignment: 300 users logged in control only, as a buggy integration would.
    const now = new Date().toISOString()
    const events = Array.from({ length: 300 }, (_, i) => ({
      type: 'exposure',
      id: crypto.randomUUID(),
      timestamp: now,
      userId: `srm-${i}`,
      flag: 'hero-layout',
      variation: 'control',
      reason: 'SPLIT',
      experiment: 'hero-layout',
      bucketBy: 'userId',
      unit: `srm-${i}`,
      revision: snapshot.revision,
    }))
    const response = await fetch(`${demo.vexilUrl}/v1/events`, {
      method: 'POST',
      headers: { authorization: 'Bearer vexil-browser-development', 'content-type': 'application/json' },
      body: JSON.stringify({ sdk: 'vexil-e2e', sentAt: now, events }),
    })
    expect(response.ok).toBe(true)
    expect((await results()).analysis).toMatchObject({ srm: { mismatch: true } })

    const page = await browser.context.newPage()
    await page.goto(`${demo.shopUrl}/results`)
    await expect(page.getByTestId('srm-warning').textContent()).resolves.toMatch(/Sample ratio mismatch/)
    await expect(page.getByTestId('srm-ok').count()).resolves.toBe(0)
    await page.screenshot({ path: screenshotPath('demo-results-srm'), fullPage: true })
    await page.close()
  })
})

describe('the demo SPA', () => {
  it('shows a loading state, then the flags; and starts offline from the saved snapshot', async () => {
    // A browser of its own: the shop's pages, on the same origin, already saved a snapshot.
    const spaBrowser = await launchChromium()
    const page = await spaBrowser.context.newPage()
    // Hold the first snapshot back so the loading state is observable, then let it through.
    let release: () => void = () => {}
    const held = new Promise<void>((r) => (release = r))
    await page.route('**/vexil/v1/snapshot', async (route) => {
      await held
      await route.continue()
    })
    await page.goto(`${demo.shopUrl}/spa/`)
    await page.getByTestId('spa-loading').waitFor()
    await page.screenshot({ path: screenshotPath('demo-spa-loading') })
    release()
    const hero = page.getByTestId('spa-hero')
    await hero.waitFor()
    const firstUser = 'user-1'
    expect(await hero.getAttribute('data-variation')).toBe(expected('hero-layout', firstUser).variation)
    await expect(page.getByTestId('spa-source').textContent()).resolves.toContain('flags from network')
    await page.screenshot({ path: screenshotPath('demo-spa'), fullPage: true })

    // The flag service is down: the app still starts, from what IndexedDB kept.
    await page.unroute('**/vexil/v1/snapshot')
    await page.route('**/vexil/v1/**', (route) => route.abort('connectionrefused'))
    await page.reload()
    await page.getByTestId('spa-offline').waitFor({ timeout: 15_000 })
    expect(await page.getByTestId('spa-hero').getAttribute('data-variation')).toBe(expected('hero-layout', firstUser).variation)
    await expect(page.getByTestId('spa-source').textContent()).resolves.toContain('flags from storage')
    await page.screenshot({ path: screenshotPath('demo-spa-offline'), fullPage: true })
    await spaBrowser.close()
  })
})

describe('npm start', () => {
  it('stops the flag service and the shop on SIGTERM, leaving no process behind', async () => {
    const children = execFileSync('ps', ['-o', 'pid=', '--ppid', String(demo.process.pid)], { encoding: 'utf8' })
      .split('\n')
      .map((s) => Number(s.trim()))
      .filter((n) => n > 0)
    expect(children).toHaveLength(2)
    expect(await demo.stop()).toBe(0)
    const alive = children.filter((pid) => {
      try {
        process.kill(pid, 0)
        return true
      } catch {
        return false
      }
    })
    expect(alive).toEqual([])
    await expect(fetch(`${demo.shopUrl}/healthz`)).rejects.toThrow()
  })
})
