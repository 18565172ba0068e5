// Shared rollup build for every @vexil package: ESM + CJS + type declarations
// (.d.ts for import, .d.cts for require) from src/, bare imports kept external.
import esbuild from 'rollup-plugin-esbuild'
import { dts } from 'rollup-plugin-dts'

const external = (id) => !id.startsWith('.') && !id.startsWith('/') && !id.startsWith('\0')

/**
 * @param {Record<string, string>} input entry name -> source file, e.g. { index: 'src/index.ts' }
 * @returns {import('rollup').RollupOptions[]}
 */
export function buildPackage(input) {
  const plugins = [esbuild({ target: 'es2020', tsconfig: '../../tsconfig.base.json', jsx: 'automatic' })]
  return [
    {
      input,
      external,
      plugins,
      output: [
        { dir: 'dist', format: 'esm', entryFileNames: '[name].js', chunkFileNames: 'chunks/[name]-[hash].js', preserveModules: false },
        { dir: 'dist', format: 'cjs', entryFileNames: '[name].cjs', chunkFileNames: 'chunks/[name]-[hash].cjs', exports: 'named' },
      ],
    },
    {
      input,
      external,
      plugins: [dts({ tsconfig: '../../tsconfig.base.json', compilerOptions: { customConditions: [] } })],
      output: [
        { dir: 'dist', format: 'esm', entryFileNames: '[name].d.ts' },
        { dir: 'dist', format: 'cjs', entryFileNames: '[name].d.cts' },
      ],
    },
  ]
}
