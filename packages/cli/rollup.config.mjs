import { chmod } from 'node:fs/promises'
import { buildPackage } from '../../rollup.package.mjs'

// The CLI is node-only. `bin` is a second entry: its ESM output is the `vexil` executable, so it gets
// a shebang and the executable bit (npm sets the bit on install, but `node_modules/.bin` links made by
// workspaces and direct `./dist/bin.js` runs need it in the build output).
const configs = buildPackage({ index: 'src/index.ts', bin: 'src/bin.ts' })
const [js, types] = configs
// The bin has no exports, so it gets no type declarations.
types.input = { index: 'src/index.ts' }
js.output = js.output.map((output) => ({
  ...output,
  banner: (chunk) => (chunk.isEntry && chunk.name === 'bin' ? '#!/usr/bin/env node' : ''),
}))
js.plugins = [
  ...js.plugins,
  {
    name: 'vexil-bin-executable',
    async writeBundle(options, bundle) {
      for (const file of Object.values(bundle))
        if (file.type === 'chunk' && file.isEntry && file.name === 'bin') await chmod(`${options.dir}/${file.fileName}`, 0o755)
    },
  },
]
export default configs
