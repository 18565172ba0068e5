'use client'
import type { BootstrapPayload } from '@vexil/core'

/**
 * Reads the SSR bootstrap that the server wrote with `serializeBootstrap` into
 * `<script type="application/json" id={id}>`. Pass the result to `<VexilProvider bootstrap>` before
 * `hydrateRoot`, so the first client render shows exactly what the server rendered.
 *
 * The payload is parsed as JSON, never evaluated, so nothing in it can run. The shape is checked by
 * the client when it hydrates, not here.
 *
 * @param id - the `id` of the script element
 * @returns the payload, or `undefined` when there is no DOM, no such element, or it is not JSON
 */
export const readBootstrap = (id: string): BootstrapPayload | undefined => {
  try {
    return (JSON.parse(document.getElementById(id)!.textContent!) as BootstrapPayload | null) ?? undefined
  } catch {
    // No document (server, worker), no element, or a truncated payload: render without bootstrap.
    return undefined
  }
}
