import type { ReactNode } from 'react'
import { Feature, useFlag, useTrack, useVexilStatus } from '@vexil/react'

/** A small page that shows what each shop flag changes, so overriding one in the devtools shows. */
export function ShopPage(): ReactNode {
  const { status } = useVexilStatus()
  const layout = useFlag('checkout-redesign', 'classic')
  const discount = useFlag('discount-percent', 0)
  const track = useTrack()
  return (
    <main style={{ fontFamily: 'Georgia, serif', maxWidth: 520 }}>
      <h1 style={{ marginTop: 0 }}>Storybook shop</h1>
      <p>Flags: {status}</p>
      <Feature flag="new-checkout" fallback={<p>Classic checkout</p>}>
        <p>
          <strong>New one-page checkout</strong>
        </p>
      </Feature>
      <p>Layout: {layout}</p>
      <p>Discount: {discount}%</p>
      <Feature flag="beta-banner">
        <p style={{ background: '#fef3c7', padding: 8 }}>Beta banner for the QA team</p>
      </Feature>
      <button type="button" onClick={() => track('purchase', { value: 30 })}>
        Buy (tracks a conversion)
      </button>
    </main>
  )
}
