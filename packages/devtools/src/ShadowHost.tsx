'use client'
import { useCallback, useState } from 'react'
import type { ReactNode } from 'react'
import { createPortal } from 'react-dom'
import { styles } from './styles'

/** Props of {@link ShadowHost}. @internal */
export interface ShadowHostProps {
  children?: ReactNode
}

/**
 * Renders its children in the open shadow root of an element appended to `document.body`. The
 * shadow root scopes styles both ways; living under `body` keeps `position: fixed` relative to the
 * viewport even when an ancestor of the devtools has a `transform` or `overflow: hidden`.
 *
 * @internal
 */
export function ShadowHost({ children }: ShadowHostProps): ReactNode {
  const [root, setRoot] = useState<ShadowRoot | null>(null)
  const attach = useCallback((el: HTMLDivElement | null) => {
    // StrictMode attaches the ref twice, and attachShadow throws on an element that has one.
    if (el) setRoot(el.shadowRoot ?? el.attachShadow({ mode: 'open' }))
  }, [])
  return createPortal(
    <div ref={attach} data-vexil-devtools="" style={{ all: 'initial' }}>
      {root &&
        createPortal(
          <>
            <style>{styles}</style>
            {children}
          </>,
          root,
        )}
    </div>,
    document.body,
  )
}
