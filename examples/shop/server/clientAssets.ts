/**
 * The client build's entry script and stylesheets, read from Vite's manifest, so the HTML names the
 * hashed files of the current build.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'

export interface ClientAssets {
  /** Root-relative URLs. */
  script: string
  css: string[]
}

interface ManifestEntry {
  file: string
  css?: string[]
}

export function readClientAssets(clientDir: string): ClientAssets {
  let manifest: Record<string, ManifestEntry>
  try {
    manifest = JSON.parse(readFileSync(join(clientDir, '.vite', 'manifest.json'), 'utf8')) as Record<string, ManifestEntry>
  } catch {
    throw new Error(`no client build in ${clientDir}: run \`npm run build -w @vexil/example-shop\` (npm start does it)`)
  }
  const entry = manifest['src/entry-client.tsx']
  if (!entry) throw new Error(`the manifest in ${clientDir} has no src/entry-client.tsx entry`)
  return { script: `/${entry.file}`, css: (entry.css ?? []).map((f) => `/${f}`) }
}
