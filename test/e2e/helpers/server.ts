/**
 * A small HTTP server on 127.0.0.1 (port 0: the system picks a free one) that serves a bundled page
 * and a Vexil flag service: the snapshot with an ETag, and an events endpoint that keeps what it
 * receives, so a test can read what the page sent.
 */
import { createServer } from 'node:http'
import type { IncomingMessage, ServerResponse } from 'node:http'
import { readFile } from 'node:fs/promises'
import { extname, join, normalize } from 'node:path'
import type { AddressInfo } from 'node:net'

/** Options of {@link serveApp}. */
export interface ServeOptions {
  /** The folder of the bundle; `/<file>` serves `<dir>/<file>`. */
  dir: string
  /** The bundle's entry file, loaded by the page. */
  main: string
  /** The page's title. */
  title?: string
  /** Extra CSS in the page's `<head>`. */
  css?: string
  /** The snapshot served at `/vexil/snapshot`; called on every request, so a test may change it. */
  snapshot: () => unknown
}

/** A running server. */
export interface AppServer {
  /** `http://127.0.0.1:<port>` */
  origin: string
  /** Every path requested, in order (query strings included). */
  requests: string[]
  /** Every event received at `/vexil/events`, in order. */
  events: Array<Record<string, unknown>>
  close(): Promise<void>
}

const TYPES: Record<string, string> = { '.js': 'text/javascript', '.css': 'text/css', '.map': 'application/json' }

const readBody = (req: IncomingMessage): Promise<string> =>
  new Promise((resolve, reject) => {
    let body = ''
    req.setEncoding('utf8')
    req.on('data', (c: string) => (body += c))
    req.on('end', () => resolve(body))
    req.on('error', reject)
  })

/** Starts the server; resolves once it listens. */
export async function serveApp(o: ServeOptions): Promise<AppServer> {
  const requests: string[] = []
  const events: Array<Record<string, unknown>> = []
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${o.title ?? 'Vexil e2e'}</title>
<style>${o.css ?? ''}</style></head><body><div id="root"></div><script type="module" src="/${o.main}"></script></body></html>`

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1')
    requests.push(url.pathname + url.search)
    if (url.pathname === '/vexil/snapshot') {
      const body = JSON.stringify(o.snapshot())
      const etag = `"${Buffer.from(body).length}-${body.length % 997}"`
      if (req.headers['if-none-match'] === etag) return void res.writeHead(304, { etag }).end()
      return void res.writeHead(200, { 'content-type': 'application/json', etag, 'cache-control': 'no-store' }).end(body)
    }
    if (url.pathname === '/vexil/events' && req.method === 'POST') {
      const batch = JSON.parse(await readBody(req)) as { events?: Array<Record<string, unknown>> }
      events.push(...(batch.events ?? []))
      return void res.writeHead(202).end()
    }
    if (url.pathname === '/' || url.pathname === '/index.html') {
      return void res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(html)
    }
    const file = normalize(join(o.dir, url.pathname))
    if (!file.startsWith(o.dir)) return void res.writeHead(403).end()
    try {
      const data = await readFile(file)
      res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' }).end(data)
    } catch {
      res.writeHead(404).end('not found')
    }
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((e: unknown) => {
      if (!res.headersSent) res.writeHead(500)
      res.end(String(e))
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    origin: `http://127.0.0.1:${port}`,
    requests,
    events,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}
