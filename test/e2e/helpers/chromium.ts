/**
 * Debian's Chromium driven by playwright-core, with the flags this project's machines need: no
 * sandbox (CI runs as root), no GPU, and no background networking (the network is closed, and
 * Chromium's own connections would fail noisily). Each launch gets a fresh, empty profile.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { chromium } from 'playwright-core'
import type { BrowserContext } from 'playwright-core'

/** Where Debian installs Chromium (`apt-get install -y chromium`); `CHROMIUM_PATH` replaces it. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'

/** The command-line flags every launch uses. */
export const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
] as const

/** A running browser (its one context) and the cleanup that also removes its profile. */
export interface LaunchedBrowser {
  /** Open pages with `context.newPage()`; storage is per origin, so one server per test isolates. */
  context: BrowserContext
  close(): Promise<void>
}

/**
 * Launches headless Chromium with a fresh `--user-data-dir`. Throws, never skips, when Chromium is
 * missing: a browser test that silently passes without a browser proves nothing.
 */
export async function launchChromium({ executablePath = CHROMIUM_PATH }: { executablePath?: string } = {}): Promise<LaunchedBrowser> {
  if (!existsSync(executablePath)) {
    throw new Error(
      `Chromium is not installed at ${executablePath}. The browser tests need Debian's Chromium: ` +
        'run `apt-get install -y chromium` (as .ci/run does), or set CHROMIUM_PATH.',
    )
  }
  const profile = mkdtempSync(join(tmpdir(), 'vexil-chromium-'))
  // Playwright's launch() refuses a --user-data-dir flag: a persistent context is how a fresh
  // profile of our own is given.
  const context = await chromium.launchPersistentContext(profile, {
    executablePath,
    headless: true,
    args: [...CHROMIUM_FLAGS],
    viewport: { width: 1280, height: 800 },
  })
  return {
    context,
    async close() {
      await context.close()
      rmSync(profile, { recursive: true, force: true })
    },
  }
}
