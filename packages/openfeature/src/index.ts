export { VexilOpenFeatureProvider } from './VexilOpenFeatureProvider'
export type { VexilOpenFeatureProviderOptions } from './VexilOpenFeatureProvider'
export { toVexilContext } from './toVexilContext'
export { REASONS } from './toResolution'
