import { buildPackage } from '../../rollup.package.mjs'

export default buildPackage({ index: 'src/index.ts', production: 'src/production.ts' }, { useClient: true })
