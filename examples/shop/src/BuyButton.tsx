import type { ReactNode } from 'react'
import { useFlag } from '@vexil/react'
import { useCheckout } from './useCheckout'
import type { Product } from './products'
import { formatPrice } from './products'
import type { ToastMessage } from './Toast'

export interface BuyButtonProps {
  product: Product
  onToast: (t: ToastMessage) => void
  compact?: boolean
  testId?: string
}

/**
 * "Buy": the `new-checkout` release flag picks the one-tap flow (which needs `payments-v2`, its
 * prerequisite) or the classic button. Either way a successful order tracks a revenue conversion.
 */
export function BuyButton({ product, onToast, compact, testId }: BuyButtonProps): ReactNode {
  const newCheckout = useFlag('new-checkout', false)
  const { buy, pending } = useCheckout(onToast)
  return (
    <button
      type="button"
      className={`buy ${newCheckout ? 'buy-new' : 'buy-classic'}${compact ? ' buy-compact' : ''}`}
      data-testid={testId}
      data-checkout={newCheckout ? 'new' : 'classic'}
      disabled={pending}
      onClick={() => void buy(product)}
    >
      {newCheckout ? `⚡ Buy now · ${formatPrice(product.price)}` : compact ? 'Buy' : `Buy · ${formatPrice(product.price)}`}
    </button>
  )
}
