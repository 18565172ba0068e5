import type { ReactNode } from 'react'
import type { BootstrapPayload, ClientOptions } from '@vexil/core'
import { VexilProvider } from '@vexil/react'
import { VexilDevtools } from '@vexil/devtools'
import { App } from './App'
import type { ShopPageProps } from './pageProps'
import { contextOf } from './users'
import './flags'

export interface ShopRootProps {
  page: ShopPageProps
  /** On the server: `createBootstrap(…)`; in the browser: `readBootstrap(…)` of what the server wrote. */
  bootstrap: BootstrapPayload | undefined
  /** Network options in the browser; none on the server, where the bootstrap is all there is. */
  options: ClientOptions
}

/** The whole shop under one Vexil client: the same tree renders on the server and hydrates in the browser. */
export function ShopRoot({ page, bootstrap, options }: ShopRootProps): ReactNode {
  return (
    <VexilProvider options={options} {...(bootstrap && { bootstrap })} context={contextOf(page.user)}>
      <App page={page} />
      {/* `enabled`: this demo ships the overlay in its production build on purpose. */}
      <VexilDevtools enabled position="bottom-right" />
    </VexilProvider>
  )
}
