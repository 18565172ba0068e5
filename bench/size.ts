/**
 * `npm run size`: what an app ships for Vexil, next to the peers' React SDKs, measured one way.
 *
 * Each entry re-exports every public name of its packages (`export * from …`), so nothing is
 * tree-shaken away that an app could use, and is bundled by rollup (node-resolve + commonjs, browser
 * and ESM conditions, `process.env.NODE_ENV` folded to "production", React kept external) and then
 * minified by terser. Vexil is bundled from source (the `@vexil/source` condition) so the figure is the
 * one of the working tree, not of a stale `dist`.
 */
import { gzipSync, brotliCompressSync, constants } from 'node:zlib'
import { rollup, type Plugin, type RollupLog } from 'rollup'
import { nodeResolve } from '@rollup/plugin-node-resolve'
import commonjs from '@rollup/plugin-commonjs'
import replace from '@rollup/plugin-replace'
import terser from '@rollup/plugin-terser'
import esbuild from 'rollup-plugin-esbuild'

/** The budget of issue 4: `@vexil/core` + `@vexil/react`, engine included, gzip bytes. */
const BUDGET_GZIP = 8_500

interface Entry {
  name: string
  packages: string[]
  vexil?: boolean
}

const entries: Entry[] = [
  { name: 'vexil core', packages: ['@vexil/core'], vexil: true },
  { name: 'vexil core + react', packages: ['@vexil/core', '@vexil/react'], vexil: true },
  { name: 'GrowthBook', packages: ['@growthbook/growthbook', '@growthbook/growthbook-react'] },
  { name: 'OpenFeature', packages: ['@openfeature/web-sdk', '@openfeature/react-sdk'] },
  { name: 'Unleash', packages: ['unleash-proxy-client', '@unleash/proxy-client-react'] },
  { name: 'LaunchDarkly', packages: ['launchdarkly-react-client-sdk'] },
]

/** React and its DOM renderer are the app's, never the SDK's. */
const external = (id: string): boolean => /^(react|react-dom)(\/|$)/.test(id)

function virtualEntry(code: string): Plugin {
  return {
    name: 'virtual-entry',
    resolveId: (id) => (id === '\0entry' ? id : null),
    load: (id) => (id === '\0entry' ? code : null),
  }
}

/** `export *` does not carry a default export; the peers' React packages have none that matters. */
const entryCode = (packages: string[]): string => packages.map((p) => `export * from '${p}'\n`).join('')

async function measure(entry: Entry): Promise<{ min: number; gzip: number; brotli: number }> {
  const conditions = [...(entry.vexil ? ['@vexil/source'] : []), 'browser', 'import', 'module', 'production', 'default']
  const bundle = await rollup({
    input: '\0entry',
    external,
    treeshake: { moduleSideEffects: 'no-external' },
    plugins: [
      virtualEntry(entryCode(entry.packages)),
      replace({ preventAssignment: true, values: { 'process.env.NODE_ENV': JSON.stringify('production') } }),
      nodeResolve({ browser: true, exportConditions: conditions, extensions: ['.mjs', '.js', '.ts', '.tsx', '.json'] }),
      commonjs(),
      esbuild({ include: /\.tsx?$/, target: 'es2020', jsx: 'automatic', tsconfig: 'tsconfig.base.json' }),
      terser({ ecma: 2020, module: true, compress: { passes: 2 }, format: { comments: false } }),
    ],
    onLog(level, log: RollupLog, handler) {
      // The peers' "use client" directives and circular imports are theirs to fix, not noise for us.
      if (log.code === 'MODULE_LEVEL_DIRECTIVE' || log.code === 'CIRCULAR_DEPENDENCY' || log.code === 'THIS_IS_UNDEFINED') return
      handler(level, log)
    },
  })
  const { output } = await bundle.generate({ format: 'esm' })
  await bundle.close()
  const code = output.map((chunk) => (chunk.type === 'chunk' ? chunk.code : '')).join('')
  const buffer = Buffer.from(code)
  return {
    min: buffer.length,
    gzip: gzipSync(buffer, { level: 9 }).length,
    brotli: brotliCompressSync(buffer, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
  }
}

const fmt = (n: number): string => n.toLocaleString('en-US')
const pad = (s: string, n: number): string => s.padStart(n)

const results: Array<Entry & { min: number; gzip: number; brotli: number }> = []
for (const entry of entries) results.push({ ...entry, ...(await measure(entry)) })

const ours = results.find((r) => r.name === 'vexil core + react')
if (!ours) throw new Error('the vexil core + react entry is missing')

console.log(`${'bundle'.padEnd(20)}${pad('min', 10)}${pad('gzip', 10)}${pad('brotli', 10)}${pad('gzip ÷ vexil', 15)}`)
for (const r of results) {
  const ratio = r.vexil ? '' : `${(r.gzip / ours.gzip).toFixed(2)}×`
  console.log(`${r.name.padEnd(20)}${pad(fmt(r.min), 10)}${pad(fmt(r.gzip), 10)}${pad(fmt(r.brotli), 10)}${pad(ratio, 15)}`)
}
const status = ours.gzip <= BUDGET_GZIP ? 'within' : 'OVER'
console.log(`\nvexil core + react: ${fmt(ours.gzip)} B gzip, ${status} the ${fmt(BUDGET_GZIP)} B budget`)
if (ours.gzip > BUDGET_GZIP) process.exitCode = 1
