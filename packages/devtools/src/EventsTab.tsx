'use client'
import { useState, useSyncExternalStore } from 'react'
import type { ReactNode } from 'react'
import type { ClientState, VexilClient } from '@vexil/core'
import type { ActivityLog } from './activityLog'
import { EventRow } from './EventRow'

/** Props of {@link EventsTab}. @internal */
export interface EventsTabProps {
  client: VexilClient
  log: ActivityLog
  state: ClientState
}

const COUNTERS = ['queued', 'sent', 'dropped', 'failed'] as const

/**
 * The queue's counters and a live log of exposures and conversions as they are queued, sent,
 * refused or dropped.
 *
 * @internal
 */
export function EventsTab({ client, log, state }: EventsTabProps): ReactNode {
  const entries = useSyncExternalStore(log.subscribe, log.get, log.get)
  const [flushing, setFlushing] = useState(false)
  const flush = (): void => {
    setFlushing(true)
    void client.flush().finally(() => setFlushing(false))
  }
  return (
    <>
      <div className="vx-counters" role="group" aria-label="Event counters">
        {COUNTERS.map((c) => (
          <div key={c} className="vx-counter" data-counter={c}>
            <b>{state.events[c]}</b>
            <span>{c}</span>
          </div>
        ))}
      </div>
      <div className="vx-toolbar">
        <button type="button" className="vx-btn" onClick={flush} disabled={flushing}>
          Send queued events now
        </button>
        <button type="button" className="vx-btn" onClick={log.clear} disabled={entries.length === 0}>
          Clear log
        </button>
      </div>
      {entries.length === 0 ? (
        <p className="vx-note">
          No event yet. Exposures appear when the page renders a flag in an experiment, conversions when it calls track().
        </p>
      ) : (
        <ol className="vx-list" aria-label="Event log" style={{ gap: 4 }}>
          {entries.map((e) => (
            <EventRow key={e.seq} entry={e} />
          ))}
        </ol>
      )}
    </>
  )
}
