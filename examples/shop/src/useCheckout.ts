import { useState } from 'react'
import { useTrack } from '@vexil/react'
import type { Product } from './products'
import { formatPrice } from './products'
import type { ToastMessage } from './Toast'

/** The order API's answer (see server/orders.ts). */
interface OrderResponse {
  orderId?: string
  error?: string
  limit?: { requestsPerMinute: number; burst: number }
}

/**
 * Places an order with the shop's API, then tracks `purchase` with the price as its value: the
 * conversion and revenue metrics of the hero experiment. Only a placed order counts, so a refused
 * one (rate limit) is not a conversion.
 */
export function useCheckout(onToast: (t: ToastMessage) => void): { buy: (p: Product) => Promise<void>; pending: boolean } {
  const track = useTrack()
  const [pending, setPending] = useState(false)
  const buy = async (product: Product): Promise<void> => {
    setPending(true)
    try {
      const response = await fetch('/api/orders', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ sku: product.sku }),
      })
      const body = (await response.json()) as OrderResponse
      if (response.ok && body.orderId) {
        track('purchase', { value: product.price, properties: { sku: product.sku, orderId: body.orderId } })
        onToast({ kind: 'success', text: `Order ${body.orderId} placed: ${product.name}, ${formatPrice(product.price)}.` })
      } else if (response.status === 429 && body.limit) {
        onToast({ kind: 'error', text: `Slow down: your plan allows ${body.limit.requestsPerMinute} orders a minute (rate-limit flag).` })
      } else {
        onToast({ kind: 'error', text: body.error ?? `The order failed (${response.status}).` })
      }
    } catch {
      onToast({ kind: 'error', text: 'The shop is unreachable; nothing was charged.' })
    } finally {
      setPending(false)
    }
  }
  return { buy, pending }
}
