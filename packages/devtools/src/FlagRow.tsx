'use client'
import { useState } from 'react'
import type { ReactNode } from 'react'
import type { JsonValue, VexilClient } from '@vexil/core'
import type { FlagRowData } from './flagRows'
import { BooleanSwitch } from './BooleanSwitch'
import { FlagFacts } from './FlagFacts'
import { ValueEditor } from './ValueEditor'
import { RAW_VALUE, VariationPicker } from './VariationPicker'
import { errorMessage } from './errorMessage'

/** Props of {@link FlagRow}. @internal */
export interface FlagRowProps {
  client: VexilClient
  row: FlagRowData
}

/**
 * One flag: what it serves and why, and the override controls that fit its type. Every change goes
 * through the client (`setOverride`, `clearOverride`), which persists it and re-renders the page.
 *
 * @internal
 */
export function FlagRow({ client, row }: FlagRowProps): ReactNode {
  const { info, result, override } = row
  const [error, setError] = useState<string>()
  const [editing, setEditing] = useState(false)
  const invalid = (info.errors?.length ?? 0) > 0
  // The client refuses what cannot apply (unknown variation, wrong type, overrides disabled) by
  // throwing; the message is shown next to the flag and nothing else changes.
  const run = (change: () => void): string | undefined => {
    let message: string | undefined
    try {
      change()
    } catch (e) {
      message = errorMessage(e)
    }
    setError(message)
    return message
  }
  const setValue = (value: JsonValue): string | undefined => run(() => client.setOverride(info.key, value))
  const forced = !override ? '' : 'variation' in override ? override.variation : RAW_VALUE

  return (
    <li className="vx-flag" data-flag={info.key} data-overridden={override ? '' : undefined} data-invalid={invalid ? '' : undefined}>
      <div className="vx-flag-head">
        <span className="vx-key vx-mono">{info.key}</span>
        <span className="vx-badge">{info.type}</span>
        {override && (
          <span className="vx-badge vx-badge-override">
            overridden{override.expiresAt !== undefined && ` until ${new Date(override.expiresAt).toISOString().slice(11, 16)} UTC`}
          </span>
        )}
        {result?.inExperiment && <span className="vx-badge vx-badge-experiment">experiment</span>}
        {invalid && <span className="vx-badge vx-badge-error">invalid</span>}
        {info.tags?.map((t) => (
          <span key={t} className="vx-tag">
            #{t}
          </span>
        ))}
      </div>
      {info.description && <p className="vx-note">{info.description}</p>}
      <FlagFacts result={result} />
      {invalid ? (
        <ul className="vx-error" aria-label={`Errors of ${info.key}`}>
          {info.errors?.map((e) => (
            <li key={e.path + e.message} className="vx-mono">
              {e.path}: {e.message}
            </li>
          ))}
        </ul>
      ) : (
        <div className="vx-controls">
          {info.type === 'boolean' && <BooleanSwitch flagKey={info.key} checked={result?.value === true} onChange={setValue} />}
          <VariationPicker
            flagKey={info.key}
            variations={info.variations}
            value={forced}
            onChange={(v) => run(() => (v ? client.setOverride(info.key, v) : client.clearOverride(info.key)))}
          />
          {info.type !== 'boolean' && (
            <button
              type="button"
              className="vx-btn vx-btn-small"
              aria-label={`Edit the value of ${info.key}`}
              aria-expanded={editing}
              onClick={() => setEditing(!editing)}
            >
              Edit value
            </button>
          )}
          {override && (
            <button type="button" className="vx-btn vx-btn-small" aria-label={`Clear the override of ${info.key}`} onClick={() => run(() => client.clearOverride(info.key))}>
              Clear
            </button>
          )}
        </div>
      )}
      {editing && !invalid && (
        <ValueEditor
          flagKey={info.key}
          type={info.type}
          initial={result?.value ?? null}
          onApply={(value) => {
            const message = setValue(value)
            if (!message) setEditing(false)
            return message
          }}
          onCancel={() => setEditing(false)}
        />
      )}
      {error && !editing && (
        <p className="vx-error" role="alert">
          {error}
        </p>
      )}
    </li>
  )
}
