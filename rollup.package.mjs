// Shared rollup build for every @vexil package: ESM + CJS + type declarations
// (.d.ts for import, .d.cts for require) from src/, bare imports kept external.
import esbuild from 'rollup-plugin-esbuild'
import { dts } from 'rollup-plugin-dts'

const external = (id) => !id.startsWith('.') && !id.startsWith('/') && !id.startsWith('\0')

/**
 * @param {Record<string, string>} input entry name -> source file, e.g. { index: 'src/index.ts' }
 * @param {{ useClient?: boolean }} [options] useClient: put `'use client'` back at the top of every
 *   output file. Rollup drops module-level directives when it bundles, and React Server Components
 *   frameworks need them on client code (hooks, context).
 * @returns {import('rollup').RollupOptions[]}
 */
export function buildPackage(input, options = {}) {
  const banner = options.useClient ? "'use client';" : undefined
  // es2022: class fields and `#private` ship as written (es2020 turns each `#private` into a WeakMap
  // and helper calls, ~460 B gzip in an app). Every browser and Node version we support (Node 20,
  // evergreen browsers since 2022) runs es2022.
  const plugins = [esbuild({ target: 'es2022', tsconfig: '../../tsconfig.base.json', jsx: 'automatic' })]
  // One output file per source module, as the source is laid out: an app's bundler then drops whole
  // modules the app never reaches (`sideEffects: false`), and with them their imports. Merged chunks
  // would carry `bucket.ts`' CommonJS murmur3 library into every app that imports `createClient`.
  const modules = { preserveModules: true, preserveModulesRoot: 'src' }
  return [
    {
      input,
      external,
      plugins,
      output: [
        { dir: 'dist', format: 'esm', entryFileNames: '[name].js', ...modules, banner },
        { dir: 'dist', format: 'cjs', entryFileNames: '[name].cjs', ...modules, exports: 'named', banner },
      ],
      // The dropped directives are restored by the banner; the warnings about them are noise.
      onwarn(warning, warn) {
        if (options.useClient && (warning.code === 'MODULE_LEVEL_DIRECTIVE' || warning.code === 'SOURCEMAP_ERROR')) return
        warn(warning)
      },
    },
    // Declarations keep `@internal` names: some are reachable from public exports (compileSnapshot and
    // its compiled types), and stripping them breaks the declaration bundle. Only what the entry
    // points reach is emitted either way.
    {
      input,
      external,
      plugins: [dts({ tsconfig: '../../tsconfig.base.json', compilerOptions: { customConditions: [], stripInternal: false } })],
      output: [
        // Shared declaration chunks too: a .d.cts that imports a .d.ts chunk is an ES module to
        // TypeScript, which a CommonJS app may not `require` (TS1479).
        { dir: 'dist', format: 'esm', entryFileNames: '[name].d.ts', chunkFileNames: '[name]-[hash].d.ts' },
        { dir: 'dist', format: 'cjs', entryFileNames: '[name].d.cts', chunkFileNames: '[name]-[hash].d.cts' },
      ],
    },
  ]
}
