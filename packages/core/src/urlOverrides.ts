/**
 * Overrides in a page URL (`?vexil=flag:variation,other:variation`), so a QA link reproduces a
 * session. SPEC keys never contain `,`; they may contain `:`, but a flag key followed by a variation
 * key is split at the first colon, which is right whenever the flag key itself has none.
 */

/** The parameter name. */
export const URL_PARAM = 'vexil'

/**
 * Calls `each` with the `flag, variation` pairs of a URL, in order; malformed entries (and URLs) are
 * skipped. A callback rather than a record: the client's one use sets each pair as it comes.
 */
export function parseUrlOverrides(href: string | undefined, each: (flag: string, variation: string) => void): void {
  try {
    // Each pair starts the value or follows a comma; its flag key starts with a letter or digit, as a
    // SPEC key does (so never `__proto__`), and ends at the first colon (a key with a colon of its own
    // cannot be given here).
    for (const [, k, v] of new URL(href!).searchParams.get(URL_PARAM)?.matchAll(/(?<=^|,)([A-Za-z0-9][^,:]*):([^,]+)/g) ?? []) each(k!, v!)
  } catch {}
}

/** `base` with `?vexil=` set to the given pairs (removed when there are none); a query alone without base. */
export function formatUrlOverrides(base: string | undefined, pairs: Record<string, string>): string {
  const value = Object.entries(pairs)
    .map(([k, v]) => k + ':' + v)
    .join(',')
  if (!base) return value ? '?' + new URLSearchParams({ [URL_PARAM]: value }).toString() : ''
  const url = new URL(base)
  if (value) url.searchParams.set(URL_PARAM, value)
  else url.searchParams.delete(URL_PARAM)
  return url.toString()
}
