import { buildPackage } from '../../rollup.package.mjs'

export default buildPackage({ index: 'src/index.ts', server: 'src/server.ts', inspect: 'src/inspect.ts' })
