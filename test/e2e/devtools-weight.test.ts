/**
 * "Importing @vexil/devtools adds almost nothing to an app's first load": bundle the fixture app as
 * an app would be built for production and measure which devtools code lands in the entry chunk.
 */
import { rmSync } from 'node:fs'
import { resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { bundlePage } from './helpers/bundle'

const DEVTOOLS_SRC = 'packages/devtools/src/'

describe('devtools weight', () => {
  it('puts only a small loader in the entry chunk; the shell and panel are separate lazy chunks', async () => {
    const { metafile, dir } = await bundlePage({
      entry: resolve(import.meta.dirname, 'fixtures/devtools-app/main.tsx'),
      nodeEnv: 'production',
      minify: true,
    })
    rmSync(dir, { recursive: true, force: true })
    const outputs = Object.entries(metafile.outputs)
    // Lazy chunks have an entryPoint too (the module they were split at): the app's is main.tsx.
    const entry = outputs.find(([, o]) => o.entryPoint?.endsWith('devtools-app/main.tsx'))
    expect(entry).toBeDefined()
    const [, main] = entry!
    const eager = Object.entries(main.inputs).filter(([path]) => path.includes(DEVTOOLS_SRC))
    const eagerBytes = eager.reduce((n, [, i]) => n + i.bytesInOutput, 0)
    const eagerFiles = eager.map(([path]) => path.slice(path.indexOf(DEVTOOLS_SRC) + DEVTOOLS_SRC.length)).sort()
    const loader = ['DevtoolsLoader.tsx', 'VexilDevtools.tsx', 'index.ts', 'isProduction.ts', 'types.ts']
    expect(eagerFiles.length).toBeGreaterThan(0)
    expect(eagerFiles.filter((f) => !loader.includes(f))).toEqual([])

    // Everything else of the devtools is in chunks fetched on demand, and it is the bulk of them.
    const lazyBytes = outputs
      .filter(([, o]) => o !== main)
      .flatMap(([, o]) => Object.entries(o.inputs))
      .filter(([path]) => path.includes(DEVTOOLS_SRC))
      .reduce((n, [, i]) => n + i.bytesInOutput, 0)
    console.info(`[devtools weight] entry chunk: ${eagerBytes} B of devtools code; lazy chunks: ${lazyBytes} B`)
    expect(eagerBytes).toBeLessThan(1536)
    expect(lazyBytes).toBeGreaterThan(eagerBytes * 8)
  })
})
