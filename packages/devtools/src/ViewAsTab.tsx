'use client'
import { useId, useState } from 'react'
import type { FormEvent, ReactNode } from 'react'
import type { VexilClient } from '@vexil/core'
import type { ViewAs } from './useViewAs'
import { parseContext } from './parseContext'

/** Props of {@link ViewAsTab}. @internal */
export interface ViewAsTabProps {
  client: VexilClient
  viewAs: ViewAs
}

const pretty = (v: unknown): string => JSON.stringify(v, null, 2)

/**
 * "View as": edits the evaluation context as JSON, so QA sees the app as another user, country or
 * plan. An invalid context shows an error and changes nothing; Reset restores the app's own.
 *
 * @internal
 */
export function ViewAsTab({ client, viewAs }: ViewAsTabProps): ReactNode {
  const [text, setText] = useState(() => pretty(client.getContext()))
  const [error, setError] = useState<string>()
  const id = useId()
  const apply = (e: FormEvent): void => {
    e.preventDefault()
    const parsed = parseContext(text)
    if (!parsed.ok) return setError(parsed.error)
    setError(undefined)
    viewAs.apply(parsed.context)
    setText(pretty(parsed.context))
  }
  const reset = (): void => {
    viewAs.reset()
    setError(undefined)
    setText(pretty(client.getContext()))
  }
  return (
    <form className="vx-form" onSubmit={apply}>
      {viewAs.active && (
        <p className="vx-banner" role="status">
          Viewing the app with another context. Reset to go back to its own.
        </p>
      )}
      <label htmlFor={`${id}-ctx`}>Evaluation context (JSON)</label>
      <textarea
        id={`${id}-ctx`}
        className="vx-textarea vx-mono"
        spellCheck={false}
        value={text}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-err` : `${id}-help`}
        onChange={(e) => setText(e.target.value)}
        data-autofocus=""
      />
      {error && (
        <p className="vx-error" id={`${id}-err`} role="alert">
          {error}
        </p>
      )}
      <div className="vx-editor-row">
        <button type="submit" className="vx-btn vx-btn-primary">
          Apply context
        </button>
        <button type="button" className="vx-btn" disabled={!viewAs.active} onClick={reset}>
          Reset context
        </button>
      </div>
      <p className="vx-note" id={`${id}-help`}>
        Every flag is evaluated again at once with this context. Events sent meanwhile carry its userId.
      </p>
    </form>
  )
}
