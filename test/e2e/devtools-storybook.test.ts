/**
 * The Storybook builds (`npm run build-storybook`'s command) and every story renders in Chromium
 * without a page error; the devtools stories show the panel in the state they are named after.
 */
import { execFile } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { launchChromium, type LaunchedBrowser } from './helpers/chromium'
import { panel } from './helpers/devtoolsPage'
import { screenshotPath } from './helpers/screenshots'
import { serveStatic, type StaticServer } from './helpers/staticServer'

const run = promisify(execFile)
let out: string
let server: StaticServer
let browser: LaunchedBrowser
let storyIds: string[]

beforeAll(async () => {
  out = mkdtempSync(join(tmpdir(), 'vexil-storybook-'))
  // The same command as `npm run build-storybook`, into a temporary folder.
  await run('npx', ['storybook', 'build', '-c', 'stories/.storybook', '-o', out, '--quiet'], {
    cwd: process.cwd(),
    env: { ...process.env, STORYBOOK_DISABLE_TELEMETRY: '1' },
    maxBuffer: 64 * 1024 * 1024,
  })
  const index = JSON.parse(readFileSync(join(out, 'index.json'), 'utf8')) as { entries: Record<string, { type: string }> }
  storyIds = Object.entries(index.entries)
    .filter(([, e]) => e.type === 'story')
    .map(([id]) => id)
  server = await serveStatic(out)
  browser = await launchChromium()
}, 300_000)

afterAll(async () => {
  await browser?.close()
  await server?.close()
  if (out) rmSync(out, { recursive: true, force: true })
})

/** What the devtools panel says first in each state. */
const DEVTOOLS_STATES: Record<string, RegExp> = {
  'devtools-vexildevtools--loading': /Loading the snapshot…/,
  'devtools-vexildevtools--many-flags': /65 flags/,
  'devtools-vexildevtools--overridden': /5 flags · 3 overridden/,
  'devtools-vexildevtools--invalid-flags': /3 invalid flags serve the code’s default/,
  'devtools-vexildevtools--error': /No snapshot could be loaded \(HTTP: /,
  'devtools-vexildevtools--stale': /The last refresh failed \(HTTP: /,
}

describe('Storybook', () => {
  it('has the devtools states, the hooks and Feature', () => {
    for (const id of Object.keys(DEVTOOLS_STATES)) expect(storyIds).toContain(id)
    expect(storyIds.some((id) => id.startsWith('react-hooks--'))).toBe(true)
    expect(storyIds.some((id) => id.startsWith('react-feature--'))).toBe(true)
  })

  it('renders every story without a page error', async () => {
    const page = await browser.context.newPage()
    const errors: string[] = []
    page.on('pageerror', (e) => errors.push(e.message))
    for (const id of storyIds) {
      await page.goto(`${server.origin}/iframe.html?id=${id}&viewMode=story`)
      await page.locator('#storybook-root > *').first().waitFor()
      const state = DEVTOOLS_STATES[id]
      if (state) {
        await panel(page).getByText(state).first().waitFor()
        await page.screenshot({ path: screenshotPath('storybook-' + id) })
      }
      expect({ id, errors }).toEqual({ id, errors: [] })
    }
    await page.close()
  })
})
