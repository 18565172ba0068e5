/**
 * `@vexil/openfeature`: an OpenFeature provider for `@openfeature/web-sdk` backed by a Vexil client.
 *
 * @module
 */
export { VexilOpenFeatureProvider } from './VexilOpenFeatureProvider'
export type { VexilOpenFeatureProviderOptions } from './VexilOpenFeatureProvider'
export { toVexilContext } from './toVexilContext'
export { REASONS } from './toResolution'
