/**
 * The browser entry: reads what the server wrote (the flags bootstrap and the page's inputs) and
 * hydrates. The client is ready synchronously from the bootstrap, so the first render equals the
 * server's HTML, then it goes live: snapshot refreshes over SSE, exposures and conversions sent.
 */
import { hydrateRoot } from 'react-dom/client'
import { StrictMode } from 'react'
import { readBootstrap } from '@vexil/react'
import { ShopRoot } from './ShopRoot'
import { browserClientOptions } from './clientOptions'
import { BOOTSTRAP_ID, PAGE_PROPS_ID } from './pageProps'
import type { ShopPageProps } from './pageProps'
import './styles.css'

const page = JSON.parse(document.getElementById(PAGE_PROPS_ID)!.textContent!) as ShopPageProps

hydrateRoot(
  document.getElementById('root')!,
  <StrictMode>
    <ShopRoot page={page} bootstrap={readBootstrap(BOOTSTRAP_ID)} options={browserClientOptions(page.clientKey)} />
  </StrictMode>,
)
