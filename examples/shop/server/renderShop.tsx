/**
 * Server rendering of the storefront: the request's user becomes a context, `createBootstrap`
 * evaluates every browser flag for it, and the same payload feeds the server render and (inline, as
 * JSON) the browser's hydration. So the first HTML already holds the user's variations.
 */
import type { IncomingMessage, ServerResponse } from 'node:http'
import { renderToPipeableStream } from 'react-dom/server'
import { evaluate } from '@vexil/core'
import type { Snapshot } from '@vexil/core'
import { createBootstrap, serializeBootstrap } from '@vexil/core/server'
import { ShopRoot } from '../src/ShopRoot'
import { BOOTSTRAP_ID, PAGE_PROPS_ID } from '../src/pageProps'
import type { RateLimit, ShopPageProps } from '../src/pageProps'
import { contextOf } from '../src/users'
import type { DemoUser } from '../src/users'
import type { ClientAssets } from './clientAssets'
import { Document } from './Document'
import { stickyCookie } from './stickyCookie'

/** The default when the flag is missing or broken: the strictest plan. */
export const FALLBACK_RATE_LIMIT: RateLimit = { requestsPerMinute: 60, burst: 20 }

/** The server-only `rate-limit` JSON flag for a user. */
export function rateLimitFor(snapshot: Snapshot, user: DemoUser): RateLimit {
  const { value } = evaluate(snapshot, 'rate-limit', contextOf(user), { default: null })
  const v = value as Partial<RateLimit> | null
  return typeof v?.requestsPerMinute === 'number' && typeof v.burst === 'number'
    ? { requestsPerMinute: v.requestsPerMinute, burst: v.burst }
    : FALLBACK_RATE_LIMIT
}

export interface RenderShopInput {
  snapshot: Snapshot
  user: DemoUser
  clientKey: string
  assets: ClientAssets
  /** Cookies to set besides the sticky assignments. */
  cookies: string[]
}

/** JSON for an inline script: the characters that could end the element are escaped. */
const inlineJson = (value: unknown): string =>
  JSON.stringify(value).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)

export function renderShop(req: IncomingMessage, res: ServerResponse, { snapshot, user, clientKey, assets, cookies }: RenderShopInput): void {
  // The cookie is the server's sticky store: the payload carries its assignments to the browser.
  const sticky = stickyCookie(req)
  const bootstrap = createBootstrap({ snapshot, context: contextOf(user), sticky: sticky.store })
  const kept = sticky.setCookie()
  const setCookie = kept ? [...cookies, kept] : cookies
  const page: ShopPageProps = { user, rateLimit: rateLimitFor(snapshot, user), clientKey, environment: snapshot.environment }
  const data = { [BOOTSTRAP_ID]: serializeBootstrap(bootstrap), [PAGE_PROPS_ID]: inlineJson(page) }
  const stream = renderToPipeableStream(
    <Document title="Vexil Store" css={assets.css} data={data}>
      <ShopRoot page={page} bootstrap={bootstrap} options={{}} />
    </Document>,
    {
      bootstrapModules: [assets.script],
      onShellReady() {
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store', ...(setCookie.length && { 'set-cookie': setCookie }) })
        stream.pipe(res)
      },
      onShellError(error) {
        res.writeHead(500, { 'content-type': 'text/plain' }).end(`render failed: ${String(error)}`)
      },
      onError(error) {
        console.error('shop: render error', error)
      },
    },
  )
}
