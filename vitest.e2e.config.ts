import { defineConfig } from 'vitest/config'

// Browser tests (test/e2e): Node drives Debian's Chromium through playwright-core against pages
// served on 127.0.0.1. @vexil/* resolve to source as in vitest.config.ts, for the test code and for
// the pages that the tests bundle. One file at a time: each launches a browser on a 2-core machine.
export default defineConfig({
  resolve: { conditions: ['@vexil/source', 'module', 'development|production'] },
  ssr: { resolve: { conditions: ['@vexil/source'], externalConditions: ['@vexil/source'] } },
  test: {
    include: ['test/e2e/**/*.test.ts'],
    exclude: ['**/node_modules/**', '**/dist/**'],
    environment: 'node',
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 120_000,
    restoreMocks: true,
  },
})
