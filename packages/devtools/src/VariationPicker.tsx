'use client'
import type { ReactNode } from 'react'
import type { JsonValue } from '@vexil/core'
import { formatValue } from './formatValue'

/** Props of {@link VariationPicker}. @internal */
export interface VariationPickerProps {
  flagKey: string
  variations: Readonly<Record<string, JsonValue>>
  /** The forced variation, `''` when none is, or {@link RAW_VALUE} when a raw value is forced. */
  value: string
  /** Called with a variation key, or `''` to remove the override. */
  onChange: (variation: string) => void
}

/** The picker's value while a raw value (not a variation) is forced. @internal */
export const RAW_VALUE = '\u0000raw'

/** Forces any variation of a flag, of any type; the first option removes the override. @internal */
export function VariationPicker({ flagKey, variations, value, onChange }: VariationPickerProps): ReactNode {
  return (
    <select className="vx-select" aria-label={`Force a variation of ${flagKey}`} value={value} onChange={(e) => onChange(e.target.value)}>
      <option value="">Variation: not forced</option>
      {value === RAW_VALUE && (
        <option value={RAW_VALUE} disabled>
          A raw value is forced
        </option>
      )}
      {Object.entries(variations).map(([key, v]) => (
        <option key={key} value={key}>
          {key} = {formatValue(v, 30)}
        </option>
      ))}
    </select>
  )
}
