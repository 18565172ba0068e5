/**
 * Bundles a React page for the browser tests with esbuild: ES modules with code splitting (so lazy
 * `import()`s become chunks fetched on demand, as in a real app), `@vexil/*` read from source.
 */
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { build } from 'esbuild'
import type { Metafile } from 'esbuild'

/** Options of {@link bundlePage}. */
export interface BundleOptions {
  /** The entry module (a `.tsx` that renders into `#root`). */
  entry: string
  /** `process.env.NODE_ENV` in the bundle. @default 'development' */
  nodeEnv?: 'development' | 'production'
  /** Minify, to measure what a production build weighs. @default false */
  minify?: boolean
}

/** A bundle on disk. */
export interface Bundle {
  /** The folder holding `main.js` and its chunks. */
  dir: string
  /** The entry's file name inside `dir`. */
  main: string
  metafile: Metafile
}

/** Builds `entry` into a fresh temporary folder. */
export async function bundlePage({ entry, nodeEnv = 'development', minify = false }: BundleOptions): Promise<Bundle> {
  const dir = mkdtempSync(join(tmpdir(), 'vexil-e2e-app-'))
  const result = await build({
    entryPoints: { main: entry },
    outdir: dir,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    jsx: 'automatic',
    minify,
    sourcemap: minify ? false : 'inline',
    metafile: true,
    logLevel: 'silent',
    chunkNames: '[name]-[hash]',
    conditions: ['@vexil/source', 'module', 'browser'],
    define: { 'process.env.NODE_ENV': JSON.stringify(nodeEnv) },
  })
  return { dir, main: 'main.js', metafile: result.metafile }
}
