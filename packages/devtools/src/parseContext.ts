import type { Context } from '@vexil/core'

/** The outcome of reading the "View as" editor. @internal */
export type ParsedContext = { ok: true; context: Context } | { ok: false; error: string }

/**
 * Reads the "View as" text as an evaluation context: a JSON object whose `userId` and `deviceId`,
 * when present, are strings (SPEC §2). Anything else is refused with a message, never thrown.
 *
 * @internal
 */
export function parseContext(text: string): ParsedContext {
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch (e) {
    return { ok: false, error: 'Invalid JSON: ' + (e instanceof Error ? e.message : String(e)) }
  }
  if (!value || typeof value !== 'object' || Array.isArray(value)) {
    return { ok: false, error: 'The context must be a JSON object, like {"userId": "u-1"}' }
  }
  for (const id of ['userId', 'deviceId'] as const) {
    const v = (value as Record<string, unknown>)[id]
    if (v !== undefined && typeof v !== 'string') return { ok: false, error: `${id} must be a string` }
  }
  return { ok: true, context: value as Context }
}
