/**
 * The words for a snapshot rejected as a whole (SPEC §1 top level). Small, so the client carries
 * them: a rejected snapshot is not kept, and its `onError` report must say what is wrong without
 * `validateSnapshot`. Every other problem is worded by `validationMessages.ts`.
 *
 * @internal
 */
/** What a check recorded for its message: a value to describe, or a list of them. @internal */
export type Detail = any

/** Describes a value briefly: its JSON type, or the string itself. */
export function describe(value: unknown): string {
  if (value === null) return 'null'
  if (Array.isArray(value)) return 'an array'
  if (typeof value == 'string') return value.length > 40 ? `"${value.slice(0, 40)}…"` : JSON.stringify(value)
  if (typeof value == 'object') return 'an object'
  return typeof value == 'number' || typeof value == 'boolean' ? String(value) : typeof value
}

/**
 * The message of each top-level problem, indexed by its `Code` (0 to 5: snapshot, schemaVersion,
 * nonEmpty, flags, segments, unreadableSnapshot), from what the check recorded. An array, not keyed by
 * `Code`, because `snapshotChecks` imports this module. @internal
 */
export const TOP_LEVEL: readonly ((d: Detail) => string)[] = [
  (d) => `a snapshot must be a JSON object, not ${describe(d)}`,
  (d) => `unknown schemaVersion ${describe(d)}; this SDK reads version 1`,
  ([name, value]) => `"${name}" must be a non-empty string, not ${describe(value)}`,
  (d) => `"flags" must be a JSON object of flag key → flag, not ${describe(d)}`,
  (d) => `"segments" must be a JSON object of segment key → segment, not ${describe(d)}`,
  (d) => `snapshot could not be read (${d}); send plain JSON`,
]
