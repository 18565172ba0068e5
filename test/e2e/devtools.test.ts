/**
 * `VexilDevtools` in a real Chromium, against the fixture shop served on 127.0.0.1: what a QA
 * engineer does with it, checked on the page itself. Screenshots of the panel go to test-results/e2e.
 */
import { rmSync } from 'node:fs'
import { resolve } from 'node:path'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { bundlePage, type Bundle } from './helpers/bundle'
import { launchChromium, type LaunchedBrowser } from './helpers/chromium'
import { flagRow, focusInPanel, openWithButton, panel, selectTab, toggleButton } from './helpers/devtoolsPage'
import { screenshotPath } from './helpers/screenshots'
import { serveApp, type AppServer } from './helpers/server'
import { QA_USER, REDESIGN_LAYOUTS, fixtureSnapshot } from './fixtures/devtools-app/snapshot'

// Rules a careless host page could have: if the panel's isolation failed, they would show.
const HOSTILE_CSS = `
  * { font-family: "Times New Roman", serif !important; }
  button { background: rgb(255, 0, 0) !important; font-size: 28px !important; border-radius: 0 !important; }
  li { color: rgb(0, 128, 0); list-style: square; padding: 30px; }
  body { font-size: 20px; }
`

let app: Bundle
let browser: LaunchedBrowser
const servers: AppServer[] = []
const pages: Page[] = []

beforeAll(async () => {
  app = await bundlePage({ entry: resolve(import.meta.dirname, 'fixtures/devtools-app/main.tsx') })
  browser = await launchChromium()
})

afterEach(async () => {
  await Promise.all(pages.splice(0).map((p) => p.close()))
  await Promise.all(servers.splice(0).map((s) => s.close()))
})

afterAll(async () => {
  await browser?.close()
  if (app) rmSync(app.dir, { recursive: true, force: true })
})

/**
 * Serves the shop on a new port, so each test has its own origin and therefore its own IndexedDB,
 * and opens it in a new page once its flags are ready.
 */
async function openShop(query = ''): Promise<{ page: Page; server: AppServer }> {
  const server = await serveApp({ dir: app.dir, main: app.main, title: 'Fixture shop', css: HOSTILE_CSS, snapshot: () => fixtureSnapshot() })
  servers.push(server)
  const page = await browser.context.newPage()
  pages.push(page)
  const errors: string[] = []
  page.on('pageerror', (e) => errors.push(e.message))
  await page.goto(server.origin + '/' + query)
  await page.getByTestId('status').filter({ hasText: 'Flags: ready' }).waitFor()
  expect(errors).toEqual([])
  return { page, server }
}

const text = (page: Page, id: string) => () => page.getByTestId(id).textContent()
const layoutVariation = (page: Page) => () => page.getByTestId('layout').getAttribute('data-variation')

describe('devtools in Chromium', () => {
  it('opens with the floating button and with Alt+Shift+V, fetching the panel code only then', async () => {
    const { page, server } = await openShop()
    await toggleButton(page).waitFor()
    const panelChunk = (): string[] => server.requests.filter((r) => /DevtoolsPanel-/.test(r))
    expect(panelChunk()).toEqual([])

    await openWithButton(page)
    expect(panelChunk()).toHaveLength(1)
    await expect.poll(() => focusInPanel(page)).toBe(true)
    expect(await panel(page).locator('li[data-flag]').count()).toBe(5)
    await page.screenshot({ path: screenshotPath('devtools-open') })

    // Tab keeps going round inside the panel.
    for (let i = 0; i < 40; i++) await page.keyboard.press('Tab')
    expect(await focusInPanel(page)).toBe(true)
    for (let i = 0; i < 7; i++) await page.keyboard.press('Shift+Tab')
    expect(await focusInPanel(page)).toBe(true)

    await page.keyboard.press('Escape')
    await panel(page).waitFor({ state: 'hidden' })
    expect(await toggleButton(page).getAttribute('aria-expanded')).toBe('false')

    await page.getByRole('heading', { name: 'Fixture shop' }).click()
    await page.keyboard.press('Alt+Shift+KeyV')
    await panel(page).waitFor({ state: 'visible' })
    await page.keyboard.press('Alt+Shift+KeyV')
    await panel(page).waitFor({ state: 'hidden' })
  })

  it('keeps the host page’s CSS and its own apart', async () => {
    const { page } = await openShop()
    await openWithButton(page)
    const toggle = await toggleButton(page).evaluate((el) => {
      const s = getComputedStyle(el)
      return { background: s.backgroundColor, fontSize: s.fontSize, font: s.fontFamily }
    })
    expect(toggle.background).not.toBe('rgb(255, 0, 0)')
    expect(toggle.fontSize).toBe('13px')
    expect(toggle.font).not.toMatch(/Times/)
    expect(await flagRow(page, 'new-checkout').evaluate((el) => getComputedStyle(el).paddingTop)).toBe('8px')
    // The page keeps its own look, and the panel's class names mean nothing outside its shadow root.
    expect(await page.getByRole('button', { name: 'Buy' }).evaluate((el) => getComputedStyle(el).backgroundColor)).toBe('rgb(255, 0, 0)')
    const leaked = await page.evaluate(() => {
      const probe = document.createElement('div')
      probe.className = 'vx-panel vx-bottom-right'
      document.body.append(probe)
      const position = getComputedStyle(probe).position
      probe.remove()
      return position
    })
    expect(leaked).toBe('static')
  })

  it('overrides a boolean and a 3-way experiment, the page changes at once, and a reload keeps them', async () => {
    const { page } = await openShop()
    expect(await text(page, 'checkout')()).toBe('Classic checkout')
    const served = (await layoutVariation(page)())!
    expect(Object.keys(REDESIGN_LAYOUTS)).toContain(served)
    const forced = (['treatment-b', 'treatment-a', 'control'] as const).find((v) => v !== served)!

    await openWithButton(page)
    await flagRow(page, 'new-checkout').getByRole('switch', { name: 'Force new-checkout on' }).click()
    await expect.poll(text(page, 'checkout')).toBe('New one-page checkout')
    await flagRow(page, 'checkout-redesign').getByRole('combobox', { name: 'Force a variation of checkout-redesign' }).selectOption(forced)
    await expect.poll(layoutVariation(page)).toBe(forced)
    expect(await text(page, 'layout')()).toBe(`Layout: ${REDESIGN_LAYOUTS[forced]}`)
    expect(await flagRow(page, 'checkout-redesign').getAttribute('data-overridden')).toBe('')
    expect(await toggleButton(page).getAttribute('aria-label')).toBe('Vexil devtools (2 overrides)')
    await page.screenshot({ path: screenshotPath('devtools-overridden') })
    await panel(page).screenshot({ path: screenshotPath('devtools-overridden-panel') })

    await page.reload()
    await page.getByTestId('status').filter({ hasText: 'Flags: ready' }).waitFor()
    await expect.poll(text(page, 'checkout')).toBe('New one-page checkout')
    await expect.poll(layoutVariation(page)).toBe(forced)
    await openWithButton(page)
    await panel(page).getByRole('checkbox', { name: 'Overridden only' }).check()
    expect(await panel(page).locator('li[data-flag]').evaluateAll((els) => els.map((e) => e.getAttribute('data-flag')))).toEqual([
      'new-checkout',
      'checkout-redesign',
    ])
    expect(await flagRow(page, 'checkout-redesign').locator('dd').nth(2).textContent()).toBe('OVERRIDE')

    await panel(page).getByRole('button', { name: 'Clear all overrides' }).click()
    await expect.poll(text(page, 'checkout')).toBe('Classic checkout')
    await expect.poll(layoutVariation(page)).toBe(served)
    await page.reload()
    await page.getByTestId('status').filter({ hasText: 'Flags: ready' }).waitFor()
    expect(await text(page, 'checkout')()).toBe('Classic checkout')
    expect(await layoutVariation(page)()).toBe(served)
  })

  it('refuses a wrong value with an error and changes nothing', async () => {
    const { page } = await openShop()
    await openWithButton(page)
    const row = flagRow(page, 'discount-percent')
    await row.getByRole('button', { name: 'Edit the value of discount-percent' }).click()
    await row.getByLabel('Number value of discount-percent').fill('fifteen')
    await row.getByRole('button', { name: 'Apply value' }).click()
    expect(await row.getByRole('alert').textContent()).toBe('"fifteen" is not a number')
    expect(await text(page, 'discount')()).toBe('Discount: 0%')
    await panel(page).screenshot({ path: screenshotPath('devtools-value-error') })
    await row.getByLabel('Number value of discount-percent').fill('22.5')
    await row.getByLabel('Number value of discount-percent').press('Enter')
    await expect.poll(text(page, 'discount')).toBe('Discount: 22.5%')
  })

  it('"View as" another user turns on a flag targeted at that user, and Reset turns it off', async () => {
    const { page } = await openShop()
    expect(await page.getByTestId('banner').count()).toBe(0)
    await openWithButton(page)
    await selectTab(page, 'View as')
    const editor = panel(page).getByLabel('Evaluation context (JSON)')
    await editor.fill('{ "userId": "u-1", "country": "US"')
    await panel(page).getByRole('button', { name: 'Apply context' }).click()
    expect(await panel(page).getByRole('alert').textContent()).toMatch(/^Invalid JSON/)
    expect(await page.getByTestId('banner').count()).toBe(0)

    await editor.fill(JSON.stringify({ userId: QA_USER, country: 'US' }, null, 2))
    await panel(page).getByRole('button', { name: 'Apply context' }).click()
    await page.getByTestId('banner').waitFor()
    await panel(page).screenshot({ path: screenshotPath('devtools-view-as') })
    await selectTab(page, 'Flags')
    expect(await flagRow(page, 'beta-banner').locator('dd').nth(3).textContent()).toBe('qa-team')
    expect(await flagRow(page, 'beta-banner').locator('dd').nth(2).textContent()).toBe('TARGETING_MATCH')
    await flagRow(page, 'beta-banner').scrollIntoViewIfNeeded()
    await panel(page).screenshot({ path: screenshotPath('devtools-view-as-flags') })

    await selectTab(page, 'View as')
    await panel(page).getByRole('button', { name: 'Reset context' }).click()
    await page.getByTestId('banner').waitFor({ state: 'detached' })
  })

  it('shares a link that reproduces the overrides on an origin with empty storage', async () => {
    const { page } = await openShop()
    const served = (await layoutVariation(page)())!
    const forced = served === 'treatment-a' ? 'treatment-b' : 'treatment-a'
    await openWithButton(page)
    await flagRow(page, 'checkout-redesign').getByRole('combobox').selectOption(forced)
    await flagRow(page, 'new-checkout').getByRole('switch').click()
    const link = await panel(page).getByRole('textbox', { name: 'Link reproducing these overrides' }).inputValue()
    expect(new URL(link).searchParams.get('vexil')).toBe(`checkout-redesign:${forced},new-checkout:on`)

    // Another origin has its own (empty) storage: only the link can carry the overrides there.
    const other = await openShop(new URL(link).search)
    expect(await layoutVariation(other.page)()).toBe(forced)
    expect(await text(other.page, 'checkout')()).toBe('New one-page checkout')
  })

  it('logs events live (queued, then sent) and shows the snapshot with its invalid flag', async () => {
    const { page, server } = await openShop()
    await openWithButton(page)
    await selectTab(page, 'Events')
    await page.getByRole('button', { name: 'Buy' }).click()
    const log = panel(page).getByRole('list', { name: 'Event log' })
    await log.locator('li[data-kind="sent"]', { hasText: 'conversion purchase = 30' }).waitFor()
    expect(await log.locator('li[data-kind="queued"]', { hasText: 'conversion purchase = 30' }).count()).toBe(1)
    await expect.poll(() => server.events.some((e) => e.type === 'conversion' && e.event === 'purchase')).toBe(true)
    // The page renders the experiment flag, so its exposure was queued and sent too.
    const layout = await layoutVariation(page)()
    await log.locator('li[data-kind="sent"]', { hasText: `exposure checkout-redesign → ${layout} (redesign-q4) · u-1` }).waitFor()
    await expect.poll(() => server.events.some((e) => e.type === 'exposure' && e.flag === 'checkout-redesign' && e.variation === layout)).toBe(true)
    await panel(page).screenshot({ path: screenshotPath('devtools-events') })

    await selectTab(page, 'Snapshot')
    const snapshot = panel(page).getByRole('tabpanel')
    await snapshot.getByText('network', { exact: true }).waitFor()
    expect(await snapshot.locator('dd').nth(2).textContent()).toBe('1')
    expect(await panel(page).getByRole('list', { name: 'Invalid flags' }).textContent()).toMatch(/legacy-footer.*flags\.legacy-footer\.fallthrough/)
    await panel(page).screenshot({ path: screenshotPath('devtools-snapshot') })
  })
})
