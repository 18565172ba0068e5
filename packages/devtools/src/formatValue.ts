/**
 * A flag value as one line of text: JSON, so a string shows its quotes and `"1"` is told from `1`,
 * cut to `max` characters with an ellipsis.
 *
 * @internal
 */
export function formatValue(value: unknown, max = 60): string {
  let text: string
  try {
    text = value === undefined ? 'undefined' : (JSON.stringify(value) ?? String(value))
  } catch {
    text = String(value)
  }
  return text.length > max ? text.slice(0, max - 1) + '…' : text
}
