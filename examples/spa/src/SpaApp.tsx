import type { ReactNode } from 'react'
import { useState } from 'react'
import { useFlag, useTrack, useVariant, useVexilStatus } from '@vexil/react'
import { SPA_USERS } from './users'

/** The page: a loading skeleton until the first snapshot, an offline notice when it is a saved one. */
export function SpaApp({ userIndex, onPickUser }: { userIndex: number; onPickUser: (i: number) => void }): ReactNode {
  const { status, source, stale } = useVexilStatus()
  return (
    <div className="spa">
      <header className="top">
        <strong>◆ Vexil Store</strong> <span className="tag">client-only SPA</span>
        <select aria-label="Shopping as" value={userIndex} onChange={(e) => onPickUser(Number(e.target.value))}>
          {SPA_USERS.map((u, i) => (
            <option key={u.label} value={i}>
              {u.label}
            </option>
          ))}
        </select>
      </header>
      {status === 'loading' ? (
        <Skeleton />
      ) : status === 'error' && source === 'none' ? (
        <p className="notice error" data-testid="spa-error">
          The flags could not be loaded and none were saved: showing defaults.
        </p>
      ) : (
        source === 'storage' &&
        stale && (
          <p className="notice" data-testid="spa-offline">
            Offline: showing the flags saved on this device. They update as soon as the flag service is back.
          </p>
        )
      )}
      {status !== 'loading' && <Storefront />}
      <footer className="foot" data-testid="spa-source">
        status {status} · flags from {source}
        {stale ? ' (stale)' : ''}
      </footer>
    </div>
  )
}

function Skeleton(): ReactNode {
  return (
    <div className="skeleton" data-testid="spa-loading" aria-busy="true" aria-label="Loading flags">
      <div className="bone wide" />
      <div className="bone" />
      <div className="bone" />
    </div>
  )
}

function Storefront(): ReactNode {
  const banner = useFlag('banner', '')
  const newCheckout = useFlag('new-checkout', false)
  const { variation } = useVariant('hero-layout')
  const track = useTrack()
  const [bought, setBought] = useState(0)
  return (
    <main>
      {banner && (
        <div className="banner" data-testid="spa-banner">
          {banner}
        </div>
      )}
      <section className={`hero hero-${variation ?? 'control'}`} data-testid="spa-hero" data-variation={variation ?? 'control'}>
        <p className="eyebrow">hero-layout · {variation ?? 'control'}</p>
        <h1>{variation === 'grid' ? 'Bestsellers, side by side.' : variation === 'carousel' ? 'Picked for your desk.' : 'Focus, on demand.'}</h1>
        <p>Quiet hours headphones: noise cancelling for deep work. €149.</p>
        <button
          type="button"
          className={newCheckout ? 'buy new' : 'buy'}
          onClick={() => {
            track('purchase', { value: 149, properties: { sku: 'headphones', app: 'spa' } })
            setBought((n) => n + 1)
          }}
        >
          {newCheckout ? '⚡ Buy now · €149' : 'Buy · €149'}
        </button>
        {bought > 0 && <p className="done">✓ Purchase tracked ({bought}).</p>}
      </section>
    </main>
  )
}
