import { buildPackage } from '../../rollup.package.mjs'

// Rollup drops module-level directives when it bundles; every entry of this package is client code
// (hooks, context), so the directive is put back at the top of each output file.
const configs = buildPackage({ index: 'src/index.ts', testing: 'src/testing.tsx' })
const [js] = configs
js.output = js.output.map((output) => ({ ...output, banner: "'use client';" }))
// Rollup warns that it drops each source file's directive (and then that it cannot map that warning
// back through the esbuild transform): expected, the banner restores it.
js.onwarn = (warning, warn) => {
  if (warning.code !== 'MODULE_LEVEL_DIRECTIVE' && warning.code !== 'SOURCEMAP_ERROR') warn(warning)
}
export default configs
