'use client'
import { useId, useState } from 'react'
import type { FormEvent, ReactNode } from 'react'
import type { FlagType, JsonValue } from '@vexil/core'
import { parseOverrideInput } from './parseOverrideInput'

/** Props of {@link ValueEditor}. @internal */
export interface ValueEditorProps {
  flagKey: string
  type: FlagType
  /** The value to start editing from. */
  initial: JsonValue
  /** Applies a value; returns an error message when the client refused it. */
  onApply: (value: JsonValue) => string | undefined
  onCancel: () => void
}

const toText = (type: FlagType, v: JsonValue): string =>
  type === 'string' && typeof v === 'string' ? v : type === 'json' ? JSON.stringify(v, null, 2) : JSON.stringify(v)

/**
 * Forces a raw value of the flag's type. What is typed is checked first (a number, valid JSON); a
 * wrong value shows the error and changes nothing.
 *
 * @internal
 */
export function ValueEditor({ flagKey, type, initial, onApply, onCancel }: ValueEditorProps): ReactNode {
  const [text, setText] = useState(() => toText(type, initial))
  const [error, setError] = useState<string>()
  const id = useId()
  const submit = (e: FormEvent): void => {
    e.preventDefault()
    const parsed = parseOverrideInput(type, text)
    setError(parsed.ok ? onApply(parsed.value) : parsed.error)
  }
  const common = {
    id: `${id}-input`,
    value: text,
    'aria-invalid': error ? true : undefined,
    'aria-describedby': error ? `${id}-error` : undefined,
  }
  return (
    <form className="vx-editor" onSubmit={submit}>
      <label className="vx-muted" htmlFor={common.id}>
        {type === 'json' ? 'JSON' : type === 'number' ? 'Number' : 'String'} value of {flagKey}
      </label>
      {type === 'json' ? (
        <textarea {...common} className="vx-textarea vx-mono" spellCheck={false} onChange={(e) => setText(e.target.value)} />
      ) : (
        <input
          {...common}
          className="vx-input vx-mono"
          inputMode={type === 'number' ? 'decimal' : undefined}
          spellCheck={false}
          onChange={(e) => setText(e.target.value)}
        />
      )}
      {error && (
        <p className="vx-error" id={`${id}-error`} role="alert">
          {error}
        </p>
      )}
      <div className="vx-editor-row">
        <button type="submit" className="vx-btn vx-btn-primary">
          Apply value
        </button>
        <button type="button" className="vx-btn" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  )
}
