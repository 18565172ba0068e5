/**
 * What the server knows about a request and the browser needs to render the same page: sent once as
 * JSON beside the flags bootstrap, so the hydrating render starts from exactly the server's inputs.
 */
import type { DemoUser } from './users'

/** The `rate-limit` flag's value. It is server-only (`clientSide: false`): the browser gets this copy. */
export interface RateLimit {
  requestsPerMinute: number
  burst: number
}

export interface ShopPageProps {
  user: DemoUser
  rateLimit: RateLimit
  /** The browser key of the environment the shop reads; public by design (SPEC §8 `clientKey`). */
  clientKey: string
  environment: string
}

/** The ids of the two inline JSON scripts the server writes and the client reads. */
export const BOOTSTRAP_ID = 'vexil-bootstrap'
export const PAGE_PROPS_ID = 'shop-props'
