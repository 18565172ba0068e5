/**
 * Snapshot validation, delegated to `@vexil/core` so that the service refuses exactly what the SDK
 * would reject or isolate.
 */
import { validateSnapshot } from '@vexil/core'
import type { ValidationError } from '@vexil/core'

/** Returns the problems of a candidate snapshot, or an empty list when it is valid. */
export function snapshotErrors(snapshot: unknown): ValidationError[] {
  const result = validateSnapshot(snapshot)
  return result.ok ? [] : result.errors
}
