/** The browser tests fail loudly, never pass or skip, on a machine without Chromium. */
import { describe, expect, it } from 'vitest'
import { launchChromium } from './helpers/chromium'

describe('launchChromium', () => {
  it('fails with a message saying how to install Chromium when it is missing', async () => {
    await expect(launchChromium({ executablePath: '/nonexistent/chromium' })).rejects.toThrow(
      /Chromium is not installed at \/nonexistent\/chromium\..*apt-get install -y chromium/,
    )
  })
})
