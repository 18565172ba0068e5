'use client'
export { VexilDevtools } from './VexilDevtoolsProduction'
export type { VexilDevtoolsProps, DevtoolsPosition } from './types'
