/**
 * `npm run size`: what an app ships for Vexil, next to the peers' React SDKs, measured one way.
 *
 * Every bundle is made by rollup (node-resolve + commonjs, browser and ESM conditions,
 * `process.env.NODE_ENV` folded to "production", React kept external) and then minified by terser,
 * with the same settings for all. Vexil is bundled from source (the `@vexil/source` condition) so the
 * figure is the one of the working tree, not of a stale `dist`; `npm run test:packages` checks that
 * an app bundles no more from the built packages (scripts/check-packages.mjs, "tree-shaking").
 *
 * Two shapes of entry, each compared with its like:
 * - "app": what an app that renders flags ships: the SDK's client constructor (`createClient`,
 *   `new GrowthBook`, `OpenFeature`, `UnleashClient`) and every export of the React package that the
 *   React package defines itself. Not the JS SDK's other exports that a React package re-exports:
 *   `@openfeature/react-sdk` re-exports all of `@openfeature/web-sdk`, which re-exports all of
 *   `@openfeature/core` (multi-provider strategies, error classes, …), and `export *` of those keeps
 *   ~4 KB gzip that no app imports. The budget and the headline ratios use these rows. (Issue 4's
 *   reference figures are app-shaped too: esbuild of `OpenFeature` + `OpenFeatureProvider` +
 *   `useFlag` gives 8,874 B gzip against its 8,950, where `export *` of both packages gives 13,617.)
 * - "every export": `export *` of every package, nothing tree-shaken away that an app could use; an
 *   upper bound, compared with "vexil core + react".
 *
 * `npm run size -- --modules` also lists Vexil's minified bytes by source file.
 */
import { gzipSync, brotliCompressSync, constants } from 'node:zlib'
import { rollup, type Plugin, type RollupLog } from 'rollup'
import { nodeResolve } from '@rollup/plugin-node-resolve'
import commonjs from '@rollup/plugin-commonjs'
import replace from '@rollup/plugin-replace'
import terser from '@rollup/plugin-terser'
import esbuild from 'rollup-plugin-esbuild'
import { build } from 'esbuild'

/**
 * The budget of issue 4: `@vexil/core` + `@vexil/react`, engine included, gzip bytes, checked on the
 * "vexil app" entry (what an app ships).
 */
const BUDGET_GZIP = 8_500

interface Entry {
  name: string
  packages: string[]
  vexil?: boolean
  /** Entry source when it is not `export *` of every package. */
  code?: string
  /** The Vexil row this one is compared with. */
  versus?: string
}

/** A peer SDK: its JS SDK, the export an app builds its client with, and its React package. */
interface Peer {
  name: string
  sdk: string
  /** Absent when the React package's provider creates the client itself. */
  client?: string
  react: string
  /** What "every export" bundles. */
  packages: string[]
}

const peers: Peer[] = [
  {
    name: 'GrowthBook',
    sdk: '@growthbook/growthbook',
    client: 'GrowthBook',
    react: '@growthbook/growthbook-react',
    packages: ['@growthbook/growthbook', '@growthbook/growthbook-react'],
  },
  {
    name: 'OpenFeature',
    sdk: '@openfeature/web-sdk',
    client: 'OpenFeature',
    react: '@openfeature/react-sdk',
    packages: ['@openfeature/web-sdk', '@openfeature/react-sdk'],
  },
  {
    name: 'Unleash',
    sdk: 'unleash-proxy-client',
    client: 'UnleashClient',
    react: '@unleash/proxy-client-react',
    packages: ['unleash-proxy-client', '@unleash/proxy-client-react'],
  },
  // LDProvider and asyncWithLDProvider create the client from a client-side id.
  { name: 'LaunchDarkly', sdk: 'launchdarkly-js-client-sdk', react: 'launchdarkly-react-client-sdk', packages: ['launchdarkly-react-client-sdk'] },
]

const VEXIL_APP = 'vexil app'
const VEXIL_ALL = 'vexil core + react'

const entries: Entry[] = [
  { name: 'vexil core', packages: ['@vexil/core'], vexil: true },
  { name: VEXIL_ALL, packages: ['@vexil/core', '@vexil/react'], vexil: true },
  // What an app that renders flags ships: the client and every React export, not the engine's
  // standalone exports (validateSnapshot, bucket, compileSnapshot, …) unless the client uses them.
  {
    name: VEXIL_APP,
    packages: ['@vexil/core', '@vexil/react'],
    vexil: true,
    code: "export { createClient } from '@vexil/core'\nexport * from '@vexil/react'\n",
  },
  // The part of the app row that SPEC §1–§4 fixes: validation, compilation and evaluation alone,
  // with no client, storage, events or React. It shows how much of the budget the engine takes.
  { name: 'vexil engine (evaluate)', packages: ['@vexil/core'], vexil: true, code: "export { evaluate } from '@vexil/core'\n" },
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

/**
 * The same entry through esbuild (bundle + minify), the way the issue's reference figures were taken,
 * as a cross-check of the rollup + terser numbers. Returns gzip bytes.
 */
async function esbuildGzip(entry: Entry, conditions: string[]): Promise<number> {
  const result = await build({
    stdin: { contents: entry.code ?? entryCode(entry.packages), resolveDir: process.cwd(), loader: 'ts' },
    bundle: true,
    minify: true,
    write: false,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    jsx: 'automatic',
    conditions,
    external: ['react', 'react/*', 'react-dom', 'react-dom/*'],
    define: { 'process.env.NODE_ENV': '"production"' },
    logLevel: 'silent',
  })
  return gzipSync(result.outputFiles[0]!.contents, { level: 9 }).length
}

/** The resolution conditions of the peers' bundles (Vexil's add `@vexil/source`). */
const CONDITIONS = ['browser', 'import', 'module', 'production', 'default']

/** The names an entry exports, read statically by esbuild; `external` packages' `export *` adds none. */
async function exportNames(code: string, external: string[]): Promise<string[]> {
  const result = await build({
    stdin: { contents: code, resolveDir: process.cwd(), loader: 'js' },
    bundle: true,
    write: false,
    metafile: true,
    format: 'esm',
    platform: 'browser',
    conditions: CONDITIONS,
    external: [...external, 'react', 'react/*', 'react-dom', 'react-dom/*'],
    logLevel: 'silent',
  })
  return Object.values(result.metafile.outputs)[0]!.exports
}

/**
 * A peer's "app" entry: its client constructor and the exports its React package defines itself.
 * Read from the installed packages, not listed by hand, so an upgrade cannot leave a name out.
 */
async function appCode(peer: Peer): Promise<string> {
  const fromSdk = new Set(await exportNames(`export * from '${peer.sdk}'`, []))
  const own = (await exportNames(`export * from '${peer.react}'`, [peer.sdk])).filter((name) => !fromSdk.has(name))
  return `${peer.client ? `export { ${peer.client} } from '${peer.sdk}'\n` : ''}export { ${own.join(', ')} } from '${peer.react}'\n`
}

for (const peer of peers) {
  entries.push({ name: `${peer.name} app`, packages: [peer.sdk, peer.react], code: await appCode(peer), versus: VEXIL_APP })
  entries.push({ name: `${peer.name} (every export)`, packages: peer.packages, versus: VEXIL_ALL })
}

const fmt = (n: number): string => n.toLocaleString('en-US')
const pad = (s: string, n: number): string => s.padStart(n)

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'

/**
 * Minified bytes per source file, read from the bundle's source map: each generated segment's
 * bytes, up to the next segment, belong to the source it maps to. A guide to what costs, not gzip.
 */
function bytesBySource(code: string, map: { mappings: string; sources: string[] }): Map<string, number> {
  const out = new Map<string, number>()
  const lines = code.split('\n')
  let source = 0
  map.mappings.split(';').forEach((line, row) => {
    const text = lines[row] ?? ''
    const segments: Array<[number, number]> = []
    let col = 0
    for (const seg of line.split(',')) {
      if (!seg) continue
      const fields: number[] = []
      let value = 0
      let shift = 0
      for (const ch of seg) {
        const digit = B64.indexOf(ch)
        value += (digit & 31) << shift
        if (digit & 32) shift += 5
        else {
          fields.push(value & 1 ? -(value >>> 1) : value >>> 1)
          value = 0
          shift = 0
        }
      }
      col += fields[0]!
      if (fields.length > 1) source += fields[1]!
      segments.push([col, fields.length > 1 ? source : -1])
    }
    segments.forEach(([start, src], i) => {
      const end = segments[i + 1]?.[0] ?? text.length
      const name = src < 0 ? '(unmapped)' : map.sources[src]!.replace(/^.*?(node_modules|packages)\//, '$1/')
      out.set(name, (out.get(name) ?? 0) + end - start)
    })
  })
  return out
}

const showModules = process.argv.includes('--modules')

async function measure(entry: Entry): Promise<{ min: number; gzip: number; brotli: number; esbuild: number }> {
  const conditions = [...(entry.vexil ? ['@vexil/source'] : []), ...CONDITIONS]
  const bundle = await rollup({
    input: '\0entry',
    external,
    treeshake: { moduleSideEffects: 'no-external' },
    plugins: [
      virtualEntry(entry.code ?? entryCode(entry.packages)),
      replace({ preventAssignment: true, values: { 'process.env.NODE_ENV': JSON.stringify('production') } }),
      nodeResolve({ browser: true, exportConditions: conditions, extensions: ['.mjs', '.js', '.ts', '.tsx', '.json'] }),
      commonjs(),
      // es2022 as the packages are built (rollup.package.mjs): an app's bundler gets class fields as written.
      esbuild({ include: /\.tsx?$/, target: 'es2022', jsx: 'automatic', tsconfig: 'tsconfig.base.json' }),
      terser({ ecma: 2020, module: true, compress: { passes: 2 }, format: { comments: false } }),
    ],
    onLog(level, log: RollupLog, handler) {
      // The peers' "use client" directives and circular imports are theirs to fix, not noise for us.
      if (['MODULE_LEVEL_DIRECTIVE', 'SOURCEMAP_ERROR', 'CIRCULAR_DEPENDENCY', 'THIS_IS_UNDEFINED'].includes(log.code ?? '')) return
      handler(level, log)
    },
  })
  const { output } = await bundle.generate({ format: 'esm', sourcemap: showModules && !!entry.vexil })
  await bundle.close()
  const [first] = output
  if (first.map) {
    const rows = [...bytesBySource(first.code, first.map)].sort((a, b) => b[1] - a[1])
    console.log(`\n${entry.name}: minified bytes by source file`)
    for (const [name, bytes] of rows) console.log(`${fmt(bytes).padStart(8)}  ${name}`)
    console.log()
  }
  const code = output.map((chunk) => (chunk.type === 'chunk' ? chunk.code : '')).join('')
  const buffer = Buffer.from(code)
  return {
    esbuild: await esbuildGzip(entry, conditions),
    min: buffer.length,
    gzip: gzipSync(buffer, { level: 9 }).length,
    brotli: brotliCompressSync(buffer, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
  }
}


const results: Array<Entry & { min: number; gzip: number; brotli: number; esbuild: number }> = []
for (const entry of entries) results.push({ ...entry, ...(await measure(entry)) })

// The budget applies to the app path: what an app that renders flags ships (createClient + every
// React export). "core + react" re-exports every public name, the engine's standalone functions
// included, which no single app imports all of; it is printed as the upper bound.
const byName = new Map(results.map((r) => [r.name, r]))
const ours = byName.get(VEXIL_APP)
const everything = byName.get(VEXIL_ALL)
if (!ours || !everything) throw new Error('the vexil app or core + react entry is missing')

console.log('rollup + terser; gzip -9, brotli q11; "esbuild" is gzip of an esbuild --minify bundle of the same entry')
console.log(`"÷ vexil": a peer's app row over ${VEXIL_APP}, its every-export row over ${VEXIL_ALL}\n`)
console.log(`${'bundle'.padEnd(28)}${pad('min', 10)}${pad('gzip', 10)}${pad('brotli', 10)}${pad('esbuild', 10)}${pad('gzip ÷ vexil', 15)}`)
for (const r of results) {
  const versus = r.versus === undefined ? undefined : byName.get(r.versus)
  const ratio = versus ? `${(r.gzip / versus.gzip).toFixed(2)}×` : ''
  console.log(
    `${r.name.padEnd(28)}${pad(fmt(r.min), 10)}${pad(fmt(r.gzip), 10)}${pad(fmt(r.brotli), 10)}${pad(fmt(r.esbuild), 10)}${pad(ratio, 15)}`,
  )
}
const verdict = (r: { gzip: number }): string => (r.gzip <= BUDGET_GZIP ? 'within' : 'OVER')
console.log(`\nvexil app (createClient + @vexil/react): ${fmt(ours.gzip)} B gzip, ${verdict(ours)} the ${fmt(BUDGET_GZIP)} B budget`)
console.log(`vexil core + react (every export):      ${fmt(everything.gzip)} B gzip, ${verdict(everything)} the budget`)
if (ours.gzip > BUDGET_GZIP) process.exitCode = 1
