/**
 * The shop's HTTP server: server-rendered pages (`/`, `/results`), the order API, the client build,
 * the SPA example's build under `/spa/`, and the flag service's SDK endpoints under `/vexil/`.
 */
import { createServer } from 'node:http'
import type { IncomingMessage, ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { readClientAssets } from './clientAssets'
import { proxyFlagService } from './flagServiceProxy'
import { placeOrder } from './orders'
import { rateLimiter } from './rateLimiter'
import { renderResults } from './renderResults'
import { renderShop } from './renderShop'
import { requestUser } from './requestUser'
import { snapshotSource } from './snapshotSource'
import { serveFile } from './staticFiles'

export interface ShopOptions {
  /** 0 picks a free port. @default 3000 */
  port?: number
  /** @default '127.0.0.1' */
  host?: string
  /** The flag service, e.g. `http://127.0.0.1:4000`. */
  flagServiceUrl: string
  /** @default 'development' */
  environment?: string
  /** Reads every flag of the environment, for server rendering. @default `vexil-server-<environment>` */
  serverKey?: string
  /** Given to browsers. @default `vexil-browser-<environment>` */
  browserKey?: string
  /** For the results. @default 'vexil-admin-dev' */
  adminToken?: string
  /** The Vite client build (with `.vite/manifest.json`). */
  clientDir: string
  /** The SPA example's build, served at `/spa/` when present. */
  spaDir?: string
}

export interface RunningShop {
  url: string
  close(): Promise<void>
}

export async function startShop(options: ShopOptions): Promise<RunningShop> {
  const environment = options.environment ?? 'development'
  const browserKey = options.browserKey ?? `vexil-browser-${environment}`
  const adminToken = options.adminToken ?? 'vexil-admin-dev'
  const flagServiceUrl = options.flagServiceUrl.replace(/\/$/, '')
  const assets = readClientAssets(options.clientDir)
  const snapshots = snapshotSource(flagServiceUrl, options.serverKey ?? `vexil-server-${environment}`)
  const limiter = rateLimiter()

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    if (proxyFlagService(flagServiceUrl, req, res)) return
    const url = new URL(req.url ?? '/', 'http://shop.local')
    const path = url.pathname
    if (req.method === 'GET' && path === '/') {
      const { user, setCookie } = requestUser(req, url)
      // A switch of user lands on a clean URL; the cookie carries the choice from now on.
      if (url.searchParams.has('user') && setCookie) return void res.writeHead(303, { location: '/', 'set-cookie': setCookie }).end()
      renderShop(req, res, { snapshot: await snapshots.get(), user, clientKey: browserKey, assets, cookies: setCookie ? [setCookie] : [] })
      return
    }
    if (req.method === 'GET' && path === '/results') return renderResults(res, flagServiceUrl, adminToken, assets.css)
    if (req.method === 'POST' && path === '/api/orders') {
      const { user } = requestUser(req, new URL('/', url))
      return placeOrder(req, res, await snapshots.get(), user, limiter)
    }
    if (req.method === 'GET' && path === '/healthz') return void res.writeHead(200, { 'content-type': 'text/plain' }).end('ok')
    if (req.method === 'GET' && options.spaDir && (path === '/spa' || path.startsWith('/spa/'))) {
      if (path === '/spa') return void res.writeHead(308, { location: '/spa/' }).end()
      const rel = path.slice('/spa/'.length)
      if (rel && serveFile(res, options.spaDir, rel)) return
      if (existsSync(join(options.spaDir, 'index.html')) && serveFile(res, options.spaDir, 'index.html')) return
    }
    if (req.method === 'GET' && path.length > 1 && serveFile(res, options.clientDir, path.slice(1))) return
    res.writeHead(404, { 'content-type': 'text/plain' }).end('not found')
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      console.error('shop:', error)
      if (!res.headersSent) res.writeHead(502, { 'content-type': 'text/plain' })
      res.end(`The shop could not serve this page: ${(error as Error).message}`)
    })
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 3000, options.host ?? '127.0.0.1', resolve)
  })
  const { address, port } = server.address() as AddressInfo
  return {
    url: `http://${address}:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        // Open SSE streams would keep close() waiting forever.
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}
