import type { ReactNode } from 'react'
import { useVariant } from '@vexil/react'
import { PRODUCTS, formatPrice } from './products'
import { BuyButton } from './BuyButton'
import { ProductIcon } from './ProductIcon'
import type { ToastMessage } from './Toast'

/**
 * The `hero-layout` experiment: three arms, sticky per user. `useVariant` records the exposure after
 * the hero is committed, once per user, which is what the results page counts.
 */
export function Hero({ onToast }: { onToast: (t: ToastMessage) => void }): ReactNode {
  const { variation } = useVariant('hero-layout')
  const arm = variation ?? 'control'
  return (
    <section className={`hero hero-arm-${arm}`} data-testid="hero" data-variation={arm} aria-label="Featured">
      {arm === 'carousel' ? <Carousel onToast={onToast} /> : arm === 'grid' ? <Grid onToast={onToast} /> : <Spotlight onToast={onToast} />}
      <span className="hero-tag" title="hero-layout experiment arm">
        experiment · {arm}
      </span>
    </section>
  )
}

const featured = PRODUCTS[2]!

/** Control: one product, big. */
function Spotlight({ onToast }: { onToast: (t: ToastMessage) => void }): ReactNode {
  return (
    <div className="spotlight">
      <div className="spotlight-copy">
        <p className="eyebrow">New this week</p>
        <h1>Focus, on demand.</h1>
        <p className="lead">
          {featured.name}: {featured.blurb} Now {formatPrice(featured.price)}.
        </p>
        <BuyButton product={featured} onToast={onToast} />
      </div>
      <div className="spotlight-art" style={{ background: featured.art }}>
        <ProductIcon sku={featured.sku} size={150} />
      </div>
    </div>
  )
}

/** Arm B: three slides side by side, scrolled with the trackpad or the dots (CSS scroll snap, no timer). */
function Carousel({ onToast }: { onToast: (t: ToastMessage) => void }): ReactNode {
  const slides = [PRODUCTS[2]!, PRODUCTS[0]!, PRODUCTS[5]!]
  return (
    <div className="carousel">
      <h1 className="carousel-title">Picked for your desk</h1>
      <div className="carousel-track">
        {slides.map((p, i) => (
          <article key={p.sku} id={`slide-${i}`} className="slide" style={{ background: p.art }}>
            <span className="slide-icon">
              <ProductIcon sku={p.sku} size={110} />
            </span>
            <div className="slide-copy">
              <h2>{p.name}</h2>
              <p>
                {p.blurb} {formatPrice(p.price)}
              </p>
              <BuyButton product={p} onToast={onToast} />
            </div>
          </article>
        ))}
      </div>
      <nav className="carousel-dots" aria-label="Slides">
        {slides.map((p, i) => (
          <a key={p.sku} href={`#slide-${i}`} aria-label={`Slide ${i + 1}`} />
        ))}
      </nav>
    </div>
  )
}

/** Arm C: a product grid above the fold. */
function Grid({ onToast }: { onToast: (t: ToastMessage) => void }): ReactNode {
  return (
    <div className="hero-grid">
      <div className="hero-grid-copy">
        <p className="eyebrow">Bestsellers</p>
        <h1>Everything you need, nothing you don’t.</h1>
      </div>
      {PRODUCTS.slice(0, 4).map((p) => (
        <article key={p.sku} className="tile">
          <div className="tile-art" style={{ background: p.art }}>
            <ProductIcon sku={p.sku} size={56} />
          </div>
          <div className="tile-body">
            <strong>{p.name}</strong>
            <span className="price">{formatPrice(p.price)}</span>
          </div>
          <BuyButton product={p} onToast={onToast} compact />
        </article>
      ))}
    </div>
  )
}
