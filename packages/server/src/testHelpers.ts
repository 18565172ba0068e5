/**
 * Test helpers: a real server on 127.0.0.1 (port 0) over a real SQLite file in a temporary
 * directory, and small fetch wrappers. Not part of the package. @internal
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { ServerOptions } from './options'
import { startServer } from './server'
import type { RunningServer } from './server'

/** The default development credentials the tests use. */
export const ADMIN = 'vexil-admin-dev'
export const BROWSER_DEV = 'vexil-browser-development'
export const SERVER_DEV = 'vexil-server-development'
export const BROWSER_PROD = 'vexil-browser-production'
export const SERVER_PROD = 'vexil-server-production'

/** A started server and helpers bound to it. */
export interface TestServer {
  server: RunningServer
  url: string
  dir: string
  /** A JSON request; the body is serialised when it is not a string. */
  request(method: string, path: string, options?: { token?: string; body?: unknown; headers?: Record<string, string> }): Promise<TestResponse>
  /** An admin JSON request. */
  admin(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<TestResponse>
  close(): Promise<void>
}

/** A response with its parsed JSON body (undefined when empty or not JSON). */
export interface TestResponse {
  status: number
  headers: Headers
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests index freely into bodies
  body: any
  text: string
}

/** A boolean flag config for tests. */
export function booleanFlag(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    type: 'boolean',
    enabled: true,
    variations: { on: true, off: false },
    offVariation: 'off',
    fallthrough: { variation: 'off' },
    ...overrides,
  }
}

/** Starts a server over a fresh database. */
export async function startTestServer(options: ServerOptions = {}): Promise<TestServer> {
  const dir = mkdtempSync(join(tmpdir(), 'vexil-server-'))
  const server = await startServer({ port: 0, host: '127.0.0.1', db: join(dir, 'vexil.db'), ...options })
  const request: TestServer['request'] = async (method, path, opts = {}) => {
    const headers: Record<string, string> = { ...opts.headers }
    if (opts.token) headers.authorization = `Bearer ${opts.token}`
    let body: string | undefined
    if (opts.body !== undefined) {
      body = typeof opts.body === 'string' ? opts.body : JSON.stringify(opts.body)
      headers['content-type'] ??= 'application/json'
    }
    const res = await fetch(server.url + path, { method, headers, ...(body !== undefined ? { body } : {}) })
    const text = await res.text()
    let parsed: unknown
    try {
      parsed = text ? JSON.parse(text) : undefined
    } catch {
      parsed = undefined
    }
    return { status: res.status, headers: res.headers, body: parsed, text }
  }
  return {
    server,
    url: server.url,
    dir,
    request,
    admin: (method, path, body, headers) =>
      request(method, path, { token: ADMIN, ...(body !== undefined ? { body } : {}), ...(headers ? { headers } : {}) }),
    async close() {
      await server.close()
      rmSync(dir, { recursive: true, force: true })
    },
  }
}
