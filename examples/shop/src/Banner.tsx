import type { ReactNode } from 'react'
import { useFlag } from '@vexil/react'

/** The `banner` string flag: its text is configuration, so marketing changes it without a deploy. */
export function Banner(): ReactNode {
  const text = useFlag('banner', '')
  if (!text) return null
  return (
    <div className="banner" data-testid="banner" role="note">
      {text}
    </div>
  )
}
