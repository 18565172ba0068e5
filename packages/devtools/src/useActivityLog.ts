'use client'
import { useEffect, useState } from 'react'
import type { VexilClient } from '@vexil/core'
import { subscribeActivity } from '@vexil/core/inspect'
import { createActivityLog, type ActivityLog } from './activityLog'

/**
 * A log of the client's event activity, filled from the moment the devtools mount (whether or not
 * the panel is open), so opening the panel shows what happened before.
 *
 * @internal
 */
export function useActivityLog(client: VexilClient): ActivityLog {
  const [log] = useState(() => createActivityLog())
  useEffect(() => subscribeActivity(client, log.push), [client, log])
  return log
}
