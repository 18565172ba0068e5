/**
 * A parser of snapshot and context strings (dates, versions), memoized: snapshots repeat a few
 * values thousands of times (a schedule's start, a `semverGte` bound), and evaluating many flags
 * for one context parses the same attribute string again and again.
 *
 * @internal
 */
export function memo<T>(parse: (text: string) => T | undefined): (text: unknown) => T | undefined {
  const seen = new Map<string, T | undefined>()
  // The last string, compared by identity first: the cheapest hit.
  let lastText: unknown
  let last: T | undefined
  return (text) => {
    if (text === lastText) return last
    if (typeof text != 'string') return undefined
    let value = seen.get(text)
    if (value === undefined && !seen.has(text)) {
      value = parse(text)
      if (seen.size > 1000) seen.clear()
      // Long strings are not kept: a hostile context could otherwise pin megabytes here.
      if (text.length < 64) seen.set(text, value)
    }
    lastText = text
    return (last = value)
  }
}
