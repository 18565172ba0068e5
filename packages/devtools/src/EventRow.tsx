'use client'
import type { ReactNode } from 'react'
import type { VexilEvent } from '@vexil/core'
import type { LoggedActivity } from './activityLog'

/** Props of {@link EventRow}. @internal */
export interface EventRowProps {
  entry: LoggedActivity
}

const describe = (e: VexilEvent): string => {
  switch (e.type) {
    case 'exposure':
      return `exposure ${e.flag} → ${e.variation}${e.experiment ? ` (${e.experiment})` : ''} · ${e.unit}`
    case 'conversion':
      return `conversion ${e.event}${e.value !== undefined ? ` = ${e.value}` : ''}${e.userId ? ` · ${e.userId}` : ''}`
    case 'summary': {
      const n = e.counts.reduce((sum, c) => sum + c.count, 0)
      return `summary of ${n} evaluation${n === 1 ? '' : 's'}`
    }
  }
}

const time = (at: number): string => new Date(at).toISOString().slice(11, 19)

/** One line of the event log: when, what became of the event, and what it is. @internal */
export function EventRow({ entry }: EventRowProps): ReactNode {
  return (
    <li className="vx-event" data-kind={entry.kind}>
      <span className="vx-mono vx-muted">{time(entry.at)}</span>
      <span className={`vx-mono vx-kind-${entry.kind}`}>{entry.kind}</span>
      <span className="vx-mono">{describe(entry.event)}</span>
    </li>
  )
}
