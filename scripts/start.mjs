#!/usr/bin/env node
/**
 * `npm start`: the whole Vexil loop on one machine.
 *
 * 1. Builds the shop's client bundle (and the SPA example) when a source is newer than the build.
 *    The packages need no build: the examples read their TypeScript source (`@vexil/source`).
 * 2. Starts the flag service (@vexil/server) with examples/flags.json and a SQLite file under .vexil/.
 * 3. Starts the shop, which proxies the service under its own origin, and prints the URLs.
 *
 * Ctrl-C (SIGINT) or SIGTERM stops both children and waits for them. Each child also stops by itself
 * when this process disappears (IPC disconnect), so nothing is left holding a port.
 *
 * Environment: VEXIL_PORT (4000), SHOP_PORT (3000), either 0 for a free port; VEXIL_DB
 * (.vexil/demo.db); VEXIL_FLAGS (examples/flags.json); VEXIL_SKIP_BUILD=1 to use the builds as they are.
 */
import { spawn } from 'node:child_process'
import { existsSync, readdirSync, statSync } from 'node:fs'
import { createServer } from 'node:net'
import { dirname, join, resolve } from 'node:path'
import { createRequire } from 'node:module'
import { fileURLToPath } from 'node:url'

const root = resolve(fileURLToPath(new URL('..', import.meta.url)))
const require = createRequire(import.meta.url)
const env = process.env
const children = new Set()
let stopping = false

const log = (line) => console.log(`[vexil] ${line}`)

/** A port from the environment, or the default; 0 asks the system for a free one now. */
async function port(value, fallback) {
  const wanted = value === undefined || value === '' ? fallback : Number(value)
  if (!Number.isInteger(wanted) || wanted < 0 || wanted > 65535) throw new Error(`not a port: ${value}`)
  if (wanted !== 0) return wanted
  return new Promise((ok, fail) => {
    const probe = createServer().once('error', fail)
    probe.listen(0, '127.0.0.1', () => {
      const { port: free } = probe.address()
      probe.close(() => ok(free))
    })
  })
}

/** Newest modification time under `paths` (files or folders), ignoring node_modules and builds. */
function newest(paths) {
  let max = 0
  const visit = (p) => {
    let s
    try {
      s = statSync(p)
    } catch {
      return
    }
    if (s.isDirectory()) {
      for (const name of readdirSync(p)) if (name !== 'node_modules' && name !== 'dist') visit(join(p, name))
    } else max = Math.max(max, s.mtimeMs)
  }
  paths.forEach((p) => visit(join(root, p)))
  return max
}

function run(command, args, options) {
  return new Promise((ok, fail) => {
    const child = spawn(command, args, { stdio: 'inherit', ...options })
    children.add(child)
    child.on('exit', (code, signal) => {
      children.delete(child)
      if (code === 0) ok()
      else fail(new Error(`${args.join(' ')} failed (${signal ?? code})`))
    })
  })
}

/** Runs `vite build` in an example when its sources (or the packages' sources) are newer than its build. */
async function build(example, marker) {
  const built = join(root, 'examples', example, marker)
  const sources = [`examples/${example}/src`, `examples/${example}/index.html`, `examples/${example}/vite.config.ts`, 'packages/core/src', 'packages/react/src', 'packages/devtools/src']
  if (env.VEXIL_SKIP_BUILD === '1' && existsSync(built)) return
  if (existsSync(built) && statSync(built).mtimeMs >= newest(sources)) return log(`examples/${example}: build is up to date`)
  log(`building examples/${example}…`)
  const vite = join(dirname(require.resolve('vite/package.json')), 'bin', 'vite.js')
  await run(process.execPath, [vite, 'build', '--logLevel', 'warn'], { cwd: join(root, 'examples', example) })
}

/**
 * Starts a TypeScript entry under tsx with the `@vexil/source` condition, and resolves with the URL
 * the child reports over IPC once it listens.
 */
function service(name, entry, cwd, childEnv) {
  return new Promise((ok, fail) => {
    const child = spawn(process.execPath, ['--conditions=@vexil/source', '--import', 'tsx', entry], {
      cwd,
      env: { ...env, ...childEnv },
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    })
    children.add(child)
    child.on('message', (m) => m && typeof m.ready === 'string' && ok(m.ready))
    child.on('exit', (code, signal) => {
      children.delete(child)
      fail(new Error(`${name} exited before it was ready (${signal ?? code})`))
      if (!stopping) {
        log(`${name} stopped (${signal ?? code}); stopping the demo`)
        void stop(1)
      }
    })
  })
}

/** Terminates every child, waits for them (SIGKILL after 8 s), then exits. */
async function stop(code) {
  if (stopping) return
  stopping = true
  const waits = [...children].map(
    (child) =>
      new Promise((done) => {
        if (child.exitCode !== null || child.signalCode !== null) return done()
        const timer = setTimeout(() => child.kill('SIGKILL'), 8000)
        child.once('exit', () => {
          clearTimeout(timer)
          done()
        })
        child.kill('SIGTERM')
      }),
  )
  await Promise.all(waits)
  process.exit(code)
}

process.on('SIGINT', () => {
  console.log('')
  log('stopping…')
  void stop(0)
})
process.on('SIGTERM', () => void stop(0))

try {
  const vexilPort = await port(env.VEXIL_PORT, 4000)
  const shopPort = await port(env.SHOP_PORT, 3000)
  const db = resolve(root, env.VEXIL_DB ?? '.vexil/demo.db')
  const flags = resolve(root, env.VEXIL_FLAGS ?? 'examples/flags.json')

  await build('shop', 'dist/client/.vite/manifest.json')
  await build('spa', 'dist/index.html')

  const vexilUrl = await service('flag service', join(root, 'scripts/demo/flagService.ts'), root, {
    VEXIL_PORT: String(vexilPort),
    VEXIL_DB: db,
    VEXIL_FLAGS: flags,
  })
  const shopUrl = await service('shop', join(root, 'examples/shop/server/main.ts'), join(root, 'examples/shop'), {
    SHOP_PORT: String(shopPort),
    VEXIL_URL: vexilUrl,
    TSX_TSCONFIG_PATH: join(root, 'examples/shop/tsconfig.run.json'),
    // The client bundle is a production build; render with React's production server to match.
    NODE_ENV: env.NODE_ENV || 'production',
  })

  console.log(`
  Vexil demo is running.

    Shop            ${shopUrl}/            (pick a user at the top right; Alt+Shift+V: devtools)
    Results         ${shopUrl}/results
    SPA             ${shopUrl}/spa/
    Flag service    ${vexilUrl}            (admin token: vexil-admin-dev)
    Database        ${db}

  Traffic for the results:  npm run simulate
  Flip a flag:  curl -X POST -H 'authorization: Bearer vexil-admin-dev' ${vexilUrl}/v1/flags/new-checkout/environments/development/kill

  Ctrl-C stops everything.
`)
} catch (error) {
  log(`could not start: ${error.message}`)
  await stop(1)
}
