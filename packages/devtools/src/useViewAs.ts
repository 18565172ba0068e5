'use client'
import { useMemo, useState } from 'react'
import type { Context, VexilClient } from '@vexil/core'

/** The "View as" state: whether another context is applied, and how to apply one or go back. @internal */
export interface ViewAs {
  /** True while a context set from the devtools is in force. */
  active: boolean
  apply(context: Context): void
  /** Restores the context the app had before the first `apply`. */
  reset(): void
}

/**
 * Keeps the app's own context aside on the first "View as", so Reset restores it however many
 * contexts were tried in between. Held by the devtools shell, so it survives closing the panel.
 *
 * @internal
 */
export function useViewAs(client: VexilClient): ViewAs {
  const [base, setBase] = useState<{ context: Context } | undefined>()
  return useMemo(
    () => ({
      active: base !== undefined,
      apply(context) {
        if (!base) setBase({ context: client.getContext() })
        client.setContext(context)
      },
      reset() {
        if (!base) return
        client.setContext(base.context)
        setBase(undefined)
      },
    }),
    [base, client],
  )
}
