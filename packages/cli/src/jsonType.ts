/**
 * The TypeScript type text of a JSON value, with primitives widened (`"a"` → `string`): the shape a
 * `json` flag's value is read as.
 */

/** The name of the JSON type alias that the generated file declares for values of unknown shape. */
export const JSON_ALIAS = 'VexilJson'

/**
 * The type of a JSON value as TypeScript source, e.g. `{ "size": number; "tags": string[] }`.
 *
 * @param value - a parsed JSON value
 * @returns the type text; an empty array is `VexilJson[]`, as nothing says what it will hold
 */
export function jsonType(value: unknown): string {
  if (value === null) return 'null'
  switch (typeof value) {
    case 'string':
      return 'string'
    case 'number':
      return 'number'
    case 'boolean':
      return 'boolean'
    case 'object':
      return Array.isArray(value) ? arrayType(value) : objectType(value as Record<string, unknown>)
    default:
      // Not JSON (cannot come from a parsed snapshot): the widest JSON type keeps the output valid.
      return JSON_ALIAS
  }
}

/**
 * The union of several type texts, without repeats, in first-seen order.
 *
 * @param types - type texts
 */
export function union(types: readonly string[]): string {
  const unique = [...new Set(types)]
  return unique.length ? unique.join(' | ') : 'never'
}

function arrayType(items: readonly unknown[]): string {
  if (!items.length) return `${JSON_ALIAS}[]`
  const u = union(items.map(jsonType))
  return u.includes(' ') ? `Array<${u}>` : `${u}[]`
}

function objectType(object: Record<string, unknown>): string {
  const fields = Object.entries(object).map(([k, v]) => `${JSON.stringify(k)}: ${jsonType(v)}`)
  return fields.length ? `{ ${fields.join('; ')} }` : `{ [key: string]: ${JSON_ALIAS} }`
}
