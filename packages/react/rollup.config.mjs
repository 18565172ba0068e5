import { buildPackage } from '../../rollup.package.mjs'

// Rollup drops module-level directives when it bundles; every entry of this package is client code
// (hooks, context), so the directive is put back at the top of each output file.
const configs = buildPackage({ index: 'src/index.ts', testing: 'src/testing.tsx' })
const [js] = configs
js.output = js.output.map((output) => ({ ...output, banner: "'use client';" }))
js.onwarn = (warning, warn) => {
  if (warning.code !== 'MODULE_LEVEL_DIRECTIVE') warn(warning)
}
export default configs
