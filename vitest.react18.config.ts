import { defineConfig } from 'vitest/config'
import base from './vitest.config'

// The React suites again, against React 18 (`react-18`, `react-dom-18`: npm aliases), since
// @vexil/react and @vexil/devtools accept react ^18 || ^19 as peers. Two layers redirect React:
// Vite's aliases for the modules Vitest transforms (our sources, the tests), and the setup file's
// CommonJS resolver hook for the packages Node loads itself (react-dom, @testing-library/react,
// use-sync-external-store), whose `require('react')` would otherwise find React 19.
export default defineConfig({
  ...base,
  resolve: {
    ...base.resolve,
    alias: [
      { find: /^react(\/.*)?$/, replacement: 'react-18$1' },
      { find: /^react-dom(\/.*)?$/, replacement: 'react-dom-18$1' },
    ],
  },
  test: {
    ...base.test,
    include: ['packages/react/src/**/*.test.{ts,tsx}', 'test/react/**/*.test.{ts,tsx}', 'packages/devtools/src/**/*.test.{ts,tsx}'],
    setupFiles: ['test/react/react18.setup.ts'],
  },
})
