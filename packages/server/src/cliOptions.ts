/**
 * The command line of `vexil-server`, read into server options.
 *
 *     vexil-server [--port 4000] [--host 127.0.0.1] [--db .vexil/vexil.db] [--flags flags.json]
 *                  [--seed-mode if-empty|sync] [--admin-token T] [--log]
 *
 * Every flag has an environment variable (`VEXIL_PORT`, `VEXIL_HOST`, `VEXIL_DB`, `VEXIL_FLAGS`,
 * `VEXIL_SEED_MODE`, `VEXIL_ADMIN_TOKEN`), and keys come from `VEXIL_BROWSER_KEY_<ENV>` and
 * `VEXIL_SERVER_KEY_<ENV>` (e.g. `VEXIL_BROWSER_KEY_PRODUCTION`). SIGINT/SIGTERM stop accepting
 * connections, let in-flight requests finish, then exit; a second signal exits at once.
 */
import { parseArgs } from 'node:util'
import { DEFAULT_ENVIRONMENTS } from './options'
import type { EnvironmentOptions, SeedMode, ServerOptions } from './options'

/** The `--help` text. @internal */
export const HELP = `Usage: vexil-server [options]

  --port <n>          port to listen on (0: any free port)       [4000]
  --host <addr>       interface to listen on                     [127.0.0.1]
  --db <file>         SQLite database file                       [.vexil/vexil.db]
  --flags <file>      flags file to seed the database with
  --seed-mode <mode>  if-empty (seed a new database) or sync (apply on every start)  [if-empty]
  --admin-token <t>   token for the management API               [vexil-admin-dev]
  --environments <l>  comma-separated environment keys           [development,staging,production]
  --log               log every request
  -h, --help          show this help

Environment: VEXIL_PORT, VEXIL_HOST, VEXIL_DB, VEXIL_FLAGS, VEXIL_SEED_MODE, VEXIL_ADMIN_TOKEN,
VEXIL_ENVIRONMENTS, VEXIL_BROWSER_KEY_<ENV>, VEXIL_SERVER_KEY_<ENV>. Flags win over variables.`

/** Reads arguments and environment variables into server options. @internal */
export function optionsFromCli(argv: string[], env: NodeJS.ProcessEnv): ServerOptions | 'help' {
  const { values } = parseArgs({
    args: argv,
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      db: { type: 'string' },
      flags: { type: 'string' },
      'seed-mode': { type: 'string' },
      'admin-token': { type: 'string' },
      environments: { type: 'string' },
      log: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  })
  if (values.help) return 'help'
  const options: ServerOptions = { log: (line) => console.log(line) }
  const port = values.port ?? env.VEXIL_PORT
  if (port !== undefined) {
    const n = Number(port)
    if (!Number.isInteger(n) || n < 0 || n > 65535) throw new Error(`--port must be 0…65535, not ${port}`)
    options.port = n
  }
  const host = values.host ?? env.VEXIL_HOST
  if (host) options.host = host
  const db = values.db ?? env.VEXIL_DB
  if (db) options.db = db
  const flags = values.flags ?? env.VEXIL_FLAGS
  if (flags) options.flags = flags
  const seedMode = values['seed-mode'] ?? env.VEXIL_SEED_MODE
  if (seedMode !== undefined) {
    if (seedMode !== 'if-empty' && seedMode !== 'sync') throw new Error('--seed-mode must be if-empty or sync')
    options.seedMode = seedMode satisfies SeedMode
  }
  const token = values['admin-token'] ?? env.VEXIL_ADMIN_TOKEN
  if (token) options.adminToken = token
  const list = (values.environments ?? env.VEXIL_ENVIRONMENTS)?.split(',').map((s) => s.trim()).filter(Boolean)
  options.environments = (list && list.length > 0 ? list : [...DEFAULT_ENVIRONMENTS]).map((key) => {
    const suffix = key.toUpperCase().replace(/[^A-Z0-9]/g, '_')
    const e: EnvironmentOptions = { key }
    const browserKey = env[`VEXIL_BROWSER_KEY_${suffix}`]
    const serverKey = env[`VEXIL_SERVER_KEY_${suffix}`]
    if (browserKey) e.browserKey = browserKey
    if (serverKey) e.serverKey = serverKey
    return e
  })
  if (values.log) options.logger = true
  return options
}


/**
 * The lines that tell a refused change's problems (`ServiceError.details`: `{ environment?, view?,
 * path, message }` each), one per distinct path and message, with the environments it occurs in:
 * an invalid flag is usually invalid in every environment and both views alike.
 */
export function problemLines(details: unknown): string[] {
  if (!Array.isArray(details)) return []
  const where = new Map<string, Set<string>>()
  for (const d of details as Array<{ environment?: unknown; path?: unknown; message?: unknown }>) {
    const line = `  ${String(d?.path ?? '(snapshot)')}: ${String(d?.message ?? JSON.stringify(d))}`
    const envs = where.get(line) ?? where.set(line, new Set()).get(line)!
    if (typeof d?.environment === 'string') envs.add(d.environment)
  }
  return [...where].map(([line, envs]) => (envs.size ? `${line} (${[...envs].join(', ')})` : line))
}
