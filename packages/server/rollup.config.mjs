import { buildPackage } from '../../rollup.package.mjs'

// The CLI is its own entry so that importing the package never runs it.
export default buildPackage({ index: 'src/index.ts', cli: 'src/cli.ts' })
