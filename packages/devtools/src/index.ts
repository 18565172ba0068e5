'use client'
export { VexilDevtools } from './VexilDevtools'
export type { VexilDevtoolsProps, DevtoolsPosition } from './types'
