/**
 * `POST /api/orders`: the shop's own API. It reads the server-only `rate-limit` flag for the user on
 * every call, so the limit follows the flag (beta testers get the generous plan).
 */
import { randomBytes } from 'node:crypto'
import type { IncomingMessage, ServerResponse } from 'node:http'
import type { Snapshot } from '@vexil/core'
import { findProduct } from '../src/products'
import type { DemoUser } from '../src/users'
import type { RateLimiter } from './rateLimiter'
import { rateLimitFor } from './renderShop'

const json = (res: ServerResponse, status: number, body: unknown): void =>
  void res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' }).end(JSON.stringify(body))

async function readBody(req: IncomingMessage, limit = 4096): Promise<string> {
  let body = ''
  for await (const chunk of req) {
    body += String(chunk)
    if (body.length > limit) throw new Error('body too large')
  }
  return body
}

export async function placeOrder(req: IncomingMessage, res: ServerResponse, snapshot: Snapshot, user: DemoUser, limiter: RateLimiter): Promise<void> {
  let sku: unknown
  try {
    sku = (JSON.parse(await readBody(req)) as { sku?: unknown }).sku
  } catch {
    return json(res, 400, { error: 'expected a JSON body { "sku": … }' })
  }
  const product = typeof sku === 'string' ? findProduct(sku) : undefined
  if (!product) return json(res, 404, { error: 'no such product' })
  const limit = rateLimitFor(snapshot, user)
  if (!limiter.take(user.id, limit)) return json(res, 429, { error: 'rate limited', limit })
  json(res, 201, { orderId: `A-${randomBytes(3).toString('hex').toUpperCase()}`, sku: product.sku, price: product.price, limit })
}
