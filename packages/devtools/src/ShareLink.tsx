'use client'
import { useId, useRef, useState } from 'react'
import type { ReactNode } from 'react'
import type { StoredOverride, VexilClient } from '@vexil/core'
import { getOverrideLink } from '@vexil/core/inspect'

/** Props of {@link ShareLink}. @internal */
export interface ShareLinkProps {
  client: VexilClient
  /** The overrides in force; the link is rebuilt when they change. */
  overrides: Readonly<Record<string, StoredOverride>>
}

/**
 * A link to this page with `?vexil=flag:variation,…`, which a client created with
 * `urlOverrides: true` turns back into the same overrides. Raw-value overrides have no URL form.
 *
 * @internal
 */
export function ShareLink({ client, overrides }: ShareLinkProps): ReactNode {
  const id = useId()
  const input = useRef<HTMLInputElement>(null)
  const [copied, setCopied] = useState<'yes' | 'no' | undefined>()
  const all = Object.values(overrides)
  const byValue = all.filter((o) => !('variation' in o)).length
  const link = getOverrideLink(client)
  const copy = async (): Promise<void> => {
    try {
      await navigator.clipboard.writeText(link)
      setCopied('yes')
    } catch {
      // Clipboard access needs a secure context and permission: select the text for a manual copy.
      input.current?.select()
      setCopied('no')
    }
  }
  return (
    <section className="vx-share" aria-labelledby={`${id}-h`}>
      <h3 className="vx-h3" id={`${id}-h`}>
        Share
      </h3>
      <div className="vx-editor-row">
        <input ref={input} readOnly className="vx-input vx-mono" aria-label="Link reproducing these overrides" value={link} onFocus={(e) => e.target.select()} />
        <button type="button" className="vx-btn" onClick={() => void copy()}>
          Copy link
        </button>
      </div>
      <p className="vx-note" role="status">
        {copied === 'yes' ? 'Copied. ' : copied === 'no' ? 'Press Ctrl+C to copy. ' : ''}
        {all.length === byValue ? 'No variation override to share yet. ' : ''}
        {byValue > 0 ? `${byValue} raw-value override${byValue === 1 ? ' is' : 's are'} not in the link. ` : ''}
        The app must create its client with urlOverrides: true.
      </p>
    </section>
  )
}
