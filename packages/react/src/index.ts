'use client'
export { VexilProvider } from './VexilProvider'
export type { VexilProviderProps } from './VexilProvider'
export { useFlag, useSuspenseFlag } from './useFlag'
export { useFlagDetails } from './useFlagDetails'
export { useVariant } from './useVariant'
export { useFlags } from './useFlags'
export { useTrack } from './useTrack'
export { useVexilClient } from './useVexilClient'
export { useVexilStatus } from './useVexilStatus'
export { Feature } from './Feature'
export type { FeatureProps } from './Feature'
export { readBootstrap } from './readBootstrap'
export type {
  VexilFlags,
  FlagKey,
  FlagValue,
  FlagKeyOf,
  FlagValueOf,
  FlagResult,
  Widen,
  FlagOptions,
  FlagDetails,
  Variant,
  VexilStatus,
  FlagValues,
} from './types'
