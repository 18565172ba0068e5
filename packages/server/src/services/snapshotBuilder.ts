/**
 * Builds an environment's SPEC §1 snapshot from the stored documents, and the browser view of it
 * (only `clientSide` flags). Pure, so that validation of a candidate change and delivery build the
 * very same document.
 */
import type { Flag, Segment, Snapshot } from '@vexil/core'
import type { FlagDocument, SegmentDocument } from '../model'

/** The snapshot of `environment` at `revision`. Archived documents are left out. */
export function buildSnapshot(
  environment: string,
  revision: number,
  flags: Iterable<FlagDocument>,
  segments: Iterable<SegmentDocument>,
  generatedAt: string,
): Snapshot {
  const flagEntries: Record<string, Flag> = {}
  for (const doc of flags) {
    const config = doc.environments[environment]
    if (doc.archived || config === undefined) continue
    const entry: Flag = { ...config, clientSide: doc.clientSide }
    if (doc.description !== '') entry.description = doc.description
    if (doc.tags.length > 0) entry.tags = doc.tags
    flagEntries[doc.key] = entry
  }
  const segmentEntries: Record<string, Segment> = {}
  for (const doc of segments) {
    const definition = doc.environments[environment]
    if (!doc.archived && definition !== undefined) segmentEntries[doc.key] = definition
  }
  return {
    schemaVersion: 1,
    revision: String(revision),
    environment,
    generatedAt,
    segments: segmentEntries,
    flags: flagEntries,
  }
}

/**
 * The same snapshot without the flags marked `clientSide: false`, and with only the segments those
 * flags use: segment member lists are often user ids that a browser has no business seeing.
 */
export function browserView(snapshot: Snapshot): Snapshot {
  const flags: Record<string, Flag> = {}
  const used = new Set<string>()
  for (const [key, flag] of Object.entries(snapshot.flags)) {
    if (flag.clientSide === false) continue
    flags[key] = flag
    for (const rule of Array.isArray(flag.rules) ? flag.rules : []) {
      for (const condition of Array.isArray(rule?.conditions) ? rule.conditions : []) {
        if (condition !== null && typeof condition === 'object' && 'segment' in condition) used.add(String(condition.segment))
      }
    }
  }
  const segments: Record<string, Segment> = {}
  for (const [key, segment] of Object.entries(snapshot.segments ?? {})) {
    if (used.has(key)) segments[key] = segment
  }
  return { ...snapshot, segments, flags }
}
