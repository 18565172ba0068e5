/** Person-level steps on a page that renders `VexilDevtools`, with playwright-core locators (they pierce its shadow root). */
import type { Locator, Page } from 'playwright-core'

/** The floating toggle button (its name carries the override count, so it is matched by prefix). */
export const toggleButton = (page: Page): Locator => page.getByRole('button', { name: /^Vexil devtools/ })

/** The panel. */
export const panel = (page: Page): Locator => page.getByRole('dialog', { name: 'Vexil devtools' })

/** One flag's row in the panel's list. */
export const flagRow = (page: Page, key: string): Locator => panel(page).locator(`li[data-flag="${key}"]`)

/** Whether keyboard focus is inside the open panel (looking through its shadow root). */
export const focusInPanel = (page: Page): Promise<boolean> =>
  page.evaluate(() => {
    const active = document.querySelector('[data-vexil-devtools]')?.shadowRoot?.activeElement
    return !!active?.closest('[role="dialog"]')
  })

/** Opens the panel with the toggle button and waits until it shows. */
export async function openWithButton(page: Page): Promise<Locator> {
  await toggleButton(page).click()
  await panel(page).waitFor({ state: 'visible' })
  return panel(page)
}

/** Chooses a tab of the panel. */
export async function selectTab(page: Page, name: 'Flags' | 'View as' | 'Events' | 'Snapshot'): Promise<void> {
  await panel(page).getByRole('tab', { name }).click()
}
