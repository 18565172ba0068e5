/**
 * Setup of `vitest.react18.config.ts`: sends every CommonJS `require` of React to the React 18
 * copies, then fails the run unless React 18 is what the tests really get, so a resolution change
 * cannot silently turn the React 18 job into a second React 19 run.
 */
import Module from 'node:module'

type Resolve = (request: string, ...rest: unknown[]) => string
const hooked = Module as unknown as { _resolveFilename: Resolve }
const resolve = hooked._resolveFilename
// react-dom, @testing-library/react and use-sync-external-store are CommonJS that Node loads, out of
// Vite's reach: their `require('react')` would find the root React 19 next to react-dom 18.
hooked._resolveFilename = (request, ...rest) => resolve.call(Module, request.replace(/^react(-dom)?(?=\/|$)/, 'react$1-18'), ...rest)

// Imported only now, after the hook: react-dom would otherwise already hold React 19.
const { version } = await import('react')
const { version: domVersion } = await import('react-dom')
const required = Module.createRequire(import.meta.url)
for (const [name, v] of [
  ['react', version],
  ['react-dom', domVersion],
  ['react (CommonJS)', (required('react') as { version: string }).version],
  ['react-dom (CommonJS)', (required('react-dom') as { version: string }).version],
] as const)
  if (!v.startsWith('18.')) throw new Error(`vitest.react18.config.ts: ${name} resolved to ${v}, not React 18`)
