'use client'
import { useCallback, useState, useSyncExternalStore } from 'react'
import type { ReactNode } from 'react'
import type { ClientState, VexilClient } from '@vexil/core'
import { getFlags } from '@vexil/core/inspect'
import { InvalidFlags } from './InvalidFlags'
import { withoutPrefix } from './errorMessage'

/** Props of {@link SnapshotTab}. @internal */
export interface SnapshotTabProps {
  client: VexilClient
  state: ClientState
}

const when = (at: number | undefined): string => (at === undefined ? '—' : new Date(at).toISOString())

/** The snapshot in use (revision, source, last update, stale or error) and its invalid flags. @internal */
export function SnapshotTab({ client, state }: SnapshotTabProps): ReactNode {
  const flags = useSyncExternalStore(client.subscribe, useCallback(() => getFlags(client), [client]))
  const [refreshing, setRefreshing] = useState(false)
  const refresh = (): void => {
    setRefreshing(true)
    void client.refresh().finally(() => setRefreshing(false))
  }
  const { error } = state
  return (
    <>
      {error && (
        <div className="vx-banner vx-banner-error" role="alert">
          <b>{error.code}</b>: {withoutPrefix(error.message)}
          {error.details && error.details.length > 0 && (
            <ul className="vx-mono">
              {error.details.map((d) => (
                <li key={d.path + d.message}>
                  {d.path}: {d.message}
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
      <dl className="vx-dl">
        <dt>Status</dt>
        <dd>{state.status}</dd>
        <dt>Source</dt>
        <dd>{state.source}</dd>
        <dt>Revision</dt>
        <dd className="vx-mono">{state.revision ?? '—'}</dd>
        <dt>Last update</dt>
        <dd className="vx-mono">{when(state.lastUpdated)}</dd>
        <dt>Stale</dt>
        <dd>{state.stale ? 'yes: the last refresh failed, values may be out of date' : 'no'}</dd>
        <dt>Flags</dt>
        <dd>{flags.length}</dd>
      </dl>
      <button type="button" className="vx-btn" onClick={refresh} disabled={refreshing}>
        Refresh now
      </button>
      <h3 className="vx-h3">Invalid flags</h3>
      <InvalidFlags flags={flags} />
    </>
  )
}
