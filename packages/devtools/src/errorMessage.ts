/**
 * A message without the `[vexil]` prefix that the client puts on messages for the console: the
 * panel already says where they come from.
 *
 * @internal
 */
export function withoutPrefix(message: string): string {
  return message.replace(/^\[vexil\]\s*/, '')
}

/** The message of anything thrown, for showing to the user. @internal */
export function errorMessage(e: unknown): string {
  return withoutPrefix(e instanceof Error ? e.message : String(e))
}
