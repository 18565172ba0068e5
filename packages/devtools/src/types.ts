import type { VexilClient } from '@vexil/core'

/** The corner of the viewport where the toggle button and the panel sit. */
export type DevtoolsPosition = 'bottom-right' | 'bottom-left' | 'top-right' | 'top-left'

/** Props of `VexilDevtools`. */
export interface VexilDevtoolsProps {
  /**
   * Whether the devtools render. From `@vexil/devtools` they render in development and not when
   * `process.env.NODE_ENV === 'production'`, unless this is `true` (a staging build a QA team uses);
   * from `@vexil/devtools/production` they render unless this is `false`. `false` hides them anywhere.
   */
  enabled?: boolean
  /**
   * The client to inspect. By default the one of the nearest `VexilProvider`, so the devtools are
   * usually rendered inside it.
   */
  client?: VexilClient
  /** Open the panel on first render. @default false */
  initialIsOpen?: boolean
  /** Where the toggle button and the panel sit. @default 'bottom-right' */
  position?: DevtoolsPosition
  /**
   * The keyboard shortcut that opens and closes the panel, as `"Alt+Shift+V"` (modifiers `Ctrl`,
   * `Alt`, `Shift`, `Meta`; letters match the physical key), or `false` for none.
   * @default 'Alt+Shift+V'
   */
  shortcut?: string | false
}

/** The default of {@link VexilDevtoolsProps.shortcut}. @internal */
export const DEFAULT_SHORTCUT = 'Alt+Shift+V'
