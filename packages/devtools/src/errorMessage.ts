/**
 * The message of anything thrown, for showing to the user; the `[vexil]` prefix that the client
 * puts on messages for the console is left out, as the panel already says where it comes from.
 *
 * @internal
 */
export function errorMessage(e: unknown): string {
  return (e instanceof Error ? e.message : String(e)).replace(/^\[vexil\]\s*/, '')
}
