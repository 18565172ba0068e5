import type { FlagType, JsonValue } from '@vexil/core'

/** The outcome of reading what a user typed as an override value. @internal */
export type ParsedInput = { ok: true; value: JsonValue } | { ok: false; error: string }

// The same number syntax the spec accepts for numeric comparisons, so "1e3" and "-0.5" work but
// "0x10", "Infinity" and "" (which Number() would turn into 0) do not.
const NUMBER = /^\s*[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?\s*$/

/**
 * Reads the text of the value editor as a value of the flag's type: a string as typed, a number in
 * decimal notation, `true`/`false`, or any JSON for `json` flags. Never throws.
 *
 * @internal
 */
export function parseOverrideInput(type: FlagType, text: string): ParsedInput {
  switch (type) {
    case 'string':
      return { ok: true, value: text }
    case 'number': {
      const n = Number(text)
      return NUMBER.test(text) && Number.isFinite(n)
        ? { ok: true, value: n }
        : { ok: false, error: `"${text}" is not a number` }
    }
    case 'boolean': {
      const t = text.trim()
      return t === 'true' || t === 'false' ? { ok: true, value: t === 'true' } : { ok: false, error: 'Enter true or false' }
    }
    case 'json':
      try {
        return { ok: true, value: JSON.parse(text) as JsonValue }
      } catch (e) {
        return { ok: false, error: 'Invalid JSON: ' + (e instanceof Error ? e.message : String(e)) }
      }
  }
}
