import { defineConfig } from 'vitest/config'

// Tests resolve every @vexil/* package to its TypeScript source through the
// "@vexil/source" export condition, so no build is needed before `vitest`.
export default defineConfig({
  resolve: { conditions: ['@vexil/source', 'module', 'browser', 'development|production'] },
  ssr: { resolve: { conditions: ['@vexil/source'], externalConditions: ['@vexil/source'] } },
  test: {
    include: ['packages/*/src/**/*.test.{ts,tsx}', 'test/**/*.test.{ts,tsx}'],
    exclude: ['**/node_modules/**', '**/dist/**', 'test/e2e/**'],
    environment: 'node',
    restoreMocks: true,
    testTimeout: 20_000,
  },
})
