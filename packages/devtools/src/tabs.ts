/** The panel's tabs, in order. @internal */
export const TABS = [
  { id: 'flags', label: 'Flags' },
  { id: 'viewAs', label: 'View as' },
  { id: 'events', label: 'Events' },
  { id: 'snapshot', label: 'Snapshot' },
] as const

/** The id of one of the panel's tabs. @internal */
export type TabId = (typeof TABS)[number]['id']
