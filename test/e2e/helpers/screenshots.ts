/** Where the browser tests save what a person would look at: `test-results/e2e/` (gitignored). */
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'

/** The folder of the screenshots, created on first use. */
export const SCREENSHOT_DIR = join(process.cwd(), 'test-results', 'e2e')

/** The path of screenshot `name` (`.png` added). */
export function screenshotPath(name: string): string {
  mkdirSync(SCREENSHOT_DIR, { recursive: true })
  return join(SCREENSHOT_DIR, name + '.png')
}
