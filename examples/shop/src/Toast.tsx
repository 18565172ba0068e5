import { useEffect } from 'react'
import type { ReactNode } from 'react'

export interface ToastMessage {
  kind: 'success' | 'error'
  text: string
}

/** A short-lived notice; `role="status"` so screen readers announce the order's outcome. */
export function Toast({ message, onClose }: { message: ToastMessage | undefined; onClose: () => void }): ReactNode {
  useEffect(() => {
    if (!message) return
    const timer = setTimeout(onClose, 6000)
    return () => clearTimeout(timer)
  }, [message, onClose])
  return (
    <div className="toast-region" role="status" aria-live="polite">
      {message && (
        <div className={`toast toast-${message.kind}`} data-testid="toast">
          {message.kind === 'success' ? '✓ ' : '⚠ '}
          {message.text}
        </div>
      )}
    </div>
  )
}
