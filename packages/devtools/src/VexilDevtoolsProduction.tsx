'use client'
import type { ReactNode } from 'react'
import type { VexilDevtoolsProps } from './types'
import { DevtoolsLoader } from './DevtoolsLoader'

/**
 * `VexilDevtools` for production builds (`@vexil/devtools/production`): it renders whatever
 * `NODE_ENV` says, unless `enabled` is `false`. Use it for a staging or QA build, behind your own
 * check (a query parameter, a staff role).
 *
 * @example
 * ```tsx
 * import { VexilDevtools } from '@vexil/devtools/production'
 * <VexilDevtools enabled={user.isStaff} />
 * ```
 */
export function VexilDevtools(props: VexilDevtoolsProps): ReactNode {
  return props.enabled === false ? null : <DevtoolsLoader {...props} />
}
