import type { ReactNode } from 'react'
import { useVexilStatus } from '@vexil/react'
import type { ShopPageProps } from './pageProps'

/** What is under the hood: the user's server-side rate limit and the flag client's live status. */
export function Footer({ page }: { page: ShopPageProps }): ReactNode {
  const { source, stale } = useVexilStatus()
  return (
    <footer className="footer">
      <span>
        Shopping as <strong>{page.user.name}</strong> ({page.user.id}) · environment <code>{page.environment}</code>
      </span>
      <span data-testid="rate-limit" title="rate-limit: a server-only JSON flag">
        Order API: {page.rateLimit.requestsPerMinute}/min, burst {page.rateLimit.burst}
      </span>
      <span className={`status-dot${stale ? ' stale' : ''}`} data-testid="flag-source">
        flags from {source}
        {stale ? ' (stale)' : ''}
      </span>
      <span className="hint">
        Press <kbd>Alt</kbd>+<kbd>Shift</kbd>+<kbd>V</kbd> for the devtools
      </span>
    </footer>
  )
}
