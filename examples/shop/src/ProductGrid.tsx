import type { ReactNode } from 'react'
import { PRODUCTS, formatPrice } from './products'
import { BuyButton } from './BuyButton'
import { ProductIcon } from './ProductIcon'
import type { ToastMessage } from './Toast'

export function ProductGrid({ onToast }: { onToast: (t: ToastMessage) => void }): ReactNode {
  return (
    <section className="catalogue" aria-labelledby="catalogue-title">
      <h2 id="catalogue-title">All products</h2>
      <div className="products">
        {PRODUCTS.map((p) => (
          <article key={p.sku} className="card" data-testid={`product-${p.sku}`}>
            <div className="card-art" style={{ background: p.art }}>
              <ProductIcon sku={p.sku} />
            </div>
            <div className="card-body">
              <h3>{p.name}</h3>
              <p>{p.blurb}</p>
              <div className="card-foot">
                <span className="price">{formatPrice(p.price)}</span>
                <BuyButton product={p} onToast={onToast} testId={`buy-${p.sku}`} />
              </div>
            </div>
          </article>
        ))}
      </div>
    </section>
  )
}
