/**
 * The words for a snapshot rejected as a whole (SPEC §1 top level). Small, so the client carries
 * them: a rejected snapshot is not kept, and its `onError` report must say what is wrong without
 * `validateSnapshot`. Every other problem is worded by `validationMessages.ts`.
 *
 * @internal
 */
/** What a check recorded for its message: a value to describe, or a list of them. @internal */
export type Detail = any

/** Describes a value briefly: a string, scalar or array as itself (shortened), else its JSON type. */
export const describe = (value: unknown): string =>
  typeof value == 'string'
    ? JSON.stringify(value.length > 40 ? value.slice(0, 40) + '…' : value)
    : typeof value == 'function'
      ? 'a function'
      : value && typeof value == 'object'
        ? Array.isArray(value)
          ? shown(value)
          : 'an object'
        : String(value)

/** An array as JSON, shortened ("must be an array of strings, not ["a",7]"); any array that JSON cannot write is "an array". */
function shown(value: unknown[]): string {
  try {
    const text = JSON.stringify(value)
    return text.length > 40 ? text.slice(0, 40) + '…' : text
  } catch {
    return 'an array'
  }
}

/**
 * The message of each top-level problem, indexed by its `Code` (0 to 3: object, schemaVersion,
 * nonEmpty, unreadableSnapshot), from what the check recorded and where. An array, not keyed by
 * `Code`, because `snapshotChecks` imports this module. @internal
 */
export const TOP_LEVEL: readonly ((d: Detail, path: string) => string)[] = [
  (d, p) => `${p ? `"${p}"` : 'a snapshot'} must be a JSON object, not ${describe(d)}`,
  (d) => `unknown schemaVersion ${describe(d)}; this SDK reads version 1`,
  (d, p) => `"${p}" must be a non-empty string, not ${describe(d)}`,
  (d) => `snapshot could not be read (${d}); send plain JSON`,
]
