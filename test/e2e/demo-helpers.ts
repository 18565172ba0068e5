/**
 * Helpers of the demo's browser tests: start the real demo (`node scripts/start.mjs`, as `npm start`
 * does) on free ports with a temporary SQLite file, talk to the flag service's management API, and
 * record what the page sends to the events endpoint and what the service answers.
 */
import { spawn } from 'node:child_process'
import type { ChildProcess } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Page } from 'playwright-core'

const ROOT = fileURLToPath(new URL('../..', import.meta.url))

export interface RunningDemo {
  shopUrl: string
  vexilUrl: string
  /** Everything the demo printed, for failure messages. */
  output(): string
  /** The pids of start.mjs's children, read from /proc while running. */
  process: ChildProcess
  /** SIGTERM, as Ctrl-C would; resolves with the exit code once start.mjs has exited. */
  stop(): Promise<number | null>
}

/** Starts the demo and resolves once it printed its URLs (building the client first if needed). */
export async function startDemo(): Promise<RunningDemo> {
  const dir = mkdtempSync(join(tmpdir(), 'vexil-demo-'))
  const child = spawn(process.execPath, [join(ROOT, 'scripts/start.mjs')], {
    cwd: ROOT,
    env: { ...process.env, VEXIL_PORT: '0', SHOP_PORT: '0', VEXIL_DB: join(dir, 'demo.db'), NODE_ENV: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let out = ''
  child.stdout!.on('data', (c: Buffer) => (out += c.toString()))
  child.stderr!.on('data', (c: Buffer) => (out += c.toString()))
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)))
  const urls = await new Promise<{ shop: string; vexil: string }>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the demo did not start in 110 s:\n${out}`)), 110_000)
    const check = (): void => {
      const shop = /Shop\s+(http:\/\/\S+?)\/?\s/.exec(out)?.[1]
      const vexil = /Flag service\s+(http:\/\/\S+)/.exec(out)?.[1]
      if (shop && vexil) {
        clearTimeout(timer)
        resolve({ shop, vexil })
      }
    }
    child.stdout!.on('data', check)
    void exited.then((code) => {
      clearTimeout(timer)
      reject(new Error(`the demo exited (${code}) before it was ready:\n${out}`))
    })
  })
  return {
    shopUrl: urls.shop,
    vexilUrl: urls.vexil,
    output: () => out,
    process: child,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM')
      const code = await exited
      rmSync(dir, { recursive: true, force: true })
      return code
    },
  }
}

/** A management API call; throws on a non-2xx answer. */
export async function admin<T = unknown>(vexilUrl: string, method: string, path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { authorization: 'Bearer vexil-admin-dev' }
  // Fastify refuses an empty body that claims to be JSON.
  if (body !== undefined) headers['content-type'] = 'application/json'
  const response = await fetch(vexilUrl + path, { method, headers, ...(body !== undefined && { body: JSON.stringify(body) }) })
  const text = await response.text()
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${text}`)
  return (text ? JSON.parse(text) : undefined) as T
}

/** One event as the page sent it (SPEC §5). */
export interface SentEvent {
  id: string
  type: string
  flag?: string
  variation?: string
  reason?: string
  event?: string
  value?: number
  userId?: string
}

/** A batch the page posted to `/vexil/v1/events` and what the service answered. */
export interface SentBatch {
  status: number
  events: SentEvent[]
  answer: { accepted?: number; duplicates?: number }
}

/** Records every event batch a page posts (through the shop's proxy) with the service's answer. */
export function recordEvents(page: Page): SentBatch[] {
  const batches: SentBatch[] = []
  page.on('requestfinished', (request) => {
    if (!request.url().includes('/vexil/v1/events') || request.method() !== 'POST') return
    void (async () => {
      const response = await request.response()
      const body = JSON.parse(request.postData() ?? '{}') as { events?: SentEvent[] }
      let answer = {}
      try {
        answer = (await response?.json()) as SentBatch['answer']
      } catch {
        // A beacon's answer cannot be read; its events still count by status.
      }
      batches.push({ status: response?.status() ?? 0, events: body.events ?? [], answer })
    })()
  })
  return batches
}

/**
 * Events the service accepted (2xx batches), once per id: a batch retried after a lost answer is
 * sent again with the same ids, and the service keeps one copy of each.
 */
export function accepted(batches: readonly SentBatch[]): SentEvent[] {
  const byId = new Map<string, SentEvent>()
  for (const b of batches) if (b.status >= 200 && b.status < 300) for (const e of b.events) if (!byId.has(e.id)) byId.set(e.id, e)
  return [...byId.values()]
}

/** Polls `read` until `done` holds for its value (or throws after `timeout` ms with the last value). */
export async function waitFor<T>(read: () => Promise<T> | T, done: (value: T) => boolean, timeout = 15_000): Promise<T> {
  const until = Date.now() + timeout
  let last: T
  for (;;) {
    last = await read()
    if (done(last)) return last
    if (Date.now() > until) throw new Error(`timed out waiting; last value: ${JSON.stringify(last)?.slice(0, 400)}`)
    await new Promise((r) => setTimeout(r, 200))
  }
}
