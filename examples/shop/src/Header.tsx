import type { ReactNode } from 'react'
import { useFlag } from '@vexil/react'
import { UserSwitcher } from './UserSwitcher'
import type { DemoUser } from './users'

export function Header({ user }: { user: DemoUser }): ReactNode {
  const newCheckout = useFlag('new-checkout', false)
  return (
    <header className="header">
      <a className="brand" href="/">
        <span className="brand-mark" aria-hidden="true">◆</span> Vexil Store
      </a>
      <nav className="nav">
        <a href="/">Shop</a>
        <a href="/results" data-testid="results-link">Experiment results</a>
        <a href="/spa/">SPA version</a>
      </nav>
      <div className="header-right">
        {newCheckout && (
          <span className="pill pill-new" data-testid="new-checkout-pill" title="new-checkout flag">
            ⚡ One-tap checkout
          </span>
        )}
        <UserSwitcher user={user} />
      </div>
    </header>
  )
}
