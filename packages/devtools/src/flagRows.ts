import type { EvaluationResult, FlagInfo, StoredOverride } from '@vexil/core'

/** What the flag list shows of one flag. @internal */
export interface FlagRowData {
  info: FlagInfo
  result: EvaluationResult | undefined
  override: StoredOverride | undefined
}

/** Filters of the flag list. @internal */
export interface FlagFilter {
  /** Matched, case-insensitively, against the key and every tag. */
  query: string
  overriddenOnly: boolean
}

/**
 * Joins the snapshot's flags with their current results and overrides, in snapshot order, keeping
 * those that pass the filter.
 *
 * @internal
 */
export function flagRows(
  flags: readonly FlagInfo[],
  results: Readonly<Record<string, EvaluationResult>>,
  overrides: Readonly<Record<string, StoredOverride>>,
  filter: FlagFilter,
): FlagRowData[] {
  const q = filter.query.trim().toLowerCase()
  const rows: FlagRowData[] = []
  for (const info of flags) {
    const override = overrides[info.key]
    if (filter.overriddenOnly && !override) continue
    if (q && !info.key.toLowerCase().includes(q) && !(info.tags ?? []).some((t) => t.toLowerCase().includes(q))) continue
    rows.push({ info, result: results[info.key], override })
  }
  return rows
}
