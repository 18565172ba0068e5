'use client'
import type { ReactNode } from 'react'
import type { JsonValue } from '@vexil/core'
import { formatValue } from './formatValue'

/** Props of {@link VariationPicker}. @internal */
export interface VariationPickerProps {
  flagKey: string
  variations: Readonly<Record<string, JsonValue>>
  /** The forced variation, or `''` when none is. */
  value: string
  /** Called with a variation key, or `''` to remove the override. */
  onChange: (variation: string) => void
}

/** Forces any variation of a flag, of any type; the first option removes the override. @internal */
export function VariationPicker({ flagKey, variations, value, onChange }: VariationPickerProps): ReactNode {
  return (
    <select className="vx-select" aria-label={`Force a variation of ${flagKey}`} value={value} onChange={(e) => onChange(e.target.value)}>
      <option value="">Variation: not forced</option>
      {Object.entries(variations).map(([key, v]) => (
        <option key={key} value={key}>
          {key} = {formatValue(v, 30)}
        </option>
      ))}
    </select>
  )
}
