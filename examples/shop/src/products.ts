/** The shop's catalogue. Prices are in euros; "art" is a CSS gradient and the icon an inline SVG, so the demo needs no images. */
export interface Product {
  sku: string
  name: string
  blurb: string
  price: number
  art: string
}

export const PRODUCTS: readonly Product[] = [
  { sku: 'lamp', name: 'Aurora desk lamp', blurb: 'Warm light that follows the sun.', price: 89, art: 'linear-gradient(135deg,#fde68a,#f59e0b)' },
  { sku: 'mug', name: 'Flag-day mug', blurb: 'Ceramic, 350 ml, ships with a coaster.', price: 18, art: 'linear-gradient(135deg,#fecaca,#ef4444)' },
  { sku: 'headphones', name: 'Quiet hours headphones', blurb: 'Noise cancelling for deep work.', price: 149, art: 'linear-gradient(135deg,#bfdbfe,#3b82f6)' },
  { sku: 'plant', name: 'Monstera in a pot', blurb: 'Forgiving, photogenic, grows with you.', price: 34, art: 'linear-gradient(135deg,#bbf7d0,#22c55e)' },
  { sku: 'notebook', name: 'Dot-grid notebook', blurb: 'A5, 160 pages, lies flat.', price: 12, art: 'linear-gradient(135deg,#ddd6fe,#8b5cf6)' },
  { sku: 'backpack', name: 'Commuter backpack', blurb: 'Waterproof, laptop sleeve, 22 L.', price: 119, art: 'linear-gradient(135deg,#fbcfe8,#ec4899)' },
]

export function findProduct(sku: string): Product | undefined {
  return PRODUCTS.find((p) => p.sku === sku)
}

const euro = new Intl.NumberFormat('en-IE', { style: 'currency', currency: 'EUR', maximumFractionDigits: 0 })

/** Formats a price the same way on the server and in the browser (fixed locale: no hydration mismatch). */
export function formatPrice(price: number): string {
  return euro.format(price)
}
