'use client'
import { useId, useMemo, useState } from 'react'
import type { ReactNode } from 'react'
import type { ClientState, VexilClient } from '@vexil/core'
import { FlagRow } from './FlagRow'
import { FlagToolbar } from './FlagToolbar'
import { ShareLink } from './ShareLink'
import { StatusBanners } from './StatusBanners'
import { flagRows } from './flagRows'
import { useFlagData } from './useFlagData'

/** Props of {@link FlagsTab}. @internal */
export interface FlagsTabProps {
  client: VexilClient
  state: ClientState
}

/** Every flag with its value and why, filters, the override controls and the share link. @internal */
export function FlagsTab({ client, state }: FlagsTabProps): ReactNode {
  const { flags, results, overrides } = useFlagData(client)
  const [query, setQuery] = useState('')
  const [overriddenOnly, setOverriddenOnly] = useState(false)
  const rows = useMemo(() => flagRows(flags, results, overrides, { query, overriddenOnly }), [flags, results, overrides, query, overriddenOnly])
  const overrideCount = Object.keys(overrides).length
  const listId = useId()
  return (
    <>
      <StatusBanners state={state} flags={flags} />
      <FlagToolbar
        query={query}
        onQuery={setQuery}
        overriddenOnly={overriddenOnly}
        onOverriddenOnly={setOverriddenOnly}
        overrideCount={overrideCount}
        onClearAll={() => client.clearOverrides()}
        listId={listId}
      />
      <p className="vx-note" role="status">
        {flags.length === 0 ? '' : rows.length === flags.length ? `${flags.length} flags` : `${rows.length} of ${flags.length} flags`}
        {overrideCount > 0 && ` · ${overrideCount} overridden`}
      </p>
      <ul className="vx-list" id={listId} aria-label="Flags">
        {rows.map((row) => (
          <FlagRow key={row.info.key} client={client} row={row} />
        ))}
      </ul>
      {flags.length > 0 && rows.length === 0 && <p className="vx-note">No flag matches these filters.</p>}
      {flags.length > 0 && <ShareLink client={client} overrides={overrides} />}
    </>
  )
}
