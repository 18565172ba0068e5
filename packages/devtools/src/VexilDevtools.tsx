'use client'
import type { ReactNode } from 'react'
import type { VexilDevtoolsProps } from './types'
import { DevtoolsLoader } from './DevtoolsLoader'
import { isProduction } from './isProduction'

/**
 * The Vexil QA overlay: a floating button (and a keyboard shortcut, Alt+Shift+V by default) that
 * opens a panel to inspect every flag and why it has its value, force variations or values, view
 * the app as another user, follow events and check the snapshot. Render it inside `VexilProvider`.
 *
 * It renders nothing in a production build (`process.env.NODE_ENV === 'production'`) unless
 * `enabled` is set; import `@vexil/devtools/production` to ship it on purpose. Its panel code is
 * loaded only after the app has mounted, so importing this adds almost nothing to the first load.
 *
 * @example
 * ```tsx
 * <VexilProvider options={{ snapshotUrl: '/vexil/v1/snapshot', urlOverrides: true }}>
 *   <App />
 *   <VexilDevtools />
 * </VexilProvider>
 * ```
 */
export function VexilDevtools(props: VexilDevtoolsProps): ReactNode {
  if (props.enabled === false || (props.enabled !== true && isProduction())) return null
  return <DevtoolsLoader {...props} />
}
