/**
 * Server options and their defaults. The defaults are development keys, printed at start-up, so
 * that `vexil-server` works with no arguments; production deployments pass their own.
 */

/** One environment and its client keys. */
export interface EnvironmentOptions {
  /** The environment key, e.g. `production`. */
  key: string
  /** @default the key */
  name?: string
  /** Key for browsers: reads only `clientSide` flags, posts events. @default `vexil-browser-<key>` */
  browserKey?: string
  /** Key for servers: reads every flag, posts events. @default `vexil-server-<key>` */
  serverKey?: string
}

/** Options of {@link createServer} and {@link startServer}. */
export interface ServerOptions {
  /** SQLite file; created with its directory. `:memory:` keeps nothing. @default ".vexil/vexil.db" */
  db?: string
  /** Port to listen on; 0 picks a free one. @default 4000 */
  port?: number
  /** Interface to listen on. @default "127.0.0.1" */
  host?: string
  /** Environments and their keys. @default development, staging and production */
  environments?: EnvironmentOptions[]
  /** Token for the management API. @default "vexil-admin-dev" */
  adminToken?: string
  /** A flags file (path or parsed object) imported at start-up; see {@link SeedMode}. */
  flags?: string | object
  /** `if-empty` seeds only a database without flags; `sync` upserts the file on every start. @default "if-empty" */
  seedMode?: SeedMode
  /** Allowed CORS origins; `true` reflects any origin. @default true */
  corsOrigin?: boolean | string | string[]
  /** Largest request body for events and management calls, in bytes. @default 1048576 */
  bodyLimit?: number
  /** Largest import body, in bytes. @default 10485760 */
  importBodyLimit?: number
  /** Most events in one batch. @default 1000 */
  maxEventsPerBatch?: number
  /** Milliseconds between SSE heartbeats. @default 15000 */
  heartbeatInterval?: number
  /** Log requests with Fastify's logger. @default false */
  logger?: boolean
  /** Called with each line worth showing an operator (start-up banner, shutdown). @default no output */
  log?: (line: string) => void
}

/** How a flags file given at start-up is applied. */
export type SeedMode = 'if-empty' | 'sync'

/** Options with every default applied. */
export interface ResolvedOptions {
  /** SQLite file, or `:memory:`. */
  db: string
  /** Port to listen on; 0 picks a free one. */
  port: number
  /** Interface to listen on. */
  host: string
  /** Every environment with its name and both keys filled in. */
  environments: Array<Required<EnvironmentOptions>>
  /** Token for the management API. */
  adminToken: string
  /** The flags file to seed from, if any. */
  flags: string | object | undefined
  /** How `flags` is applied at start-up. */
  seedMode: SeedMode
  /** Allowed CORS origins; `true` reflects any origin. */
  corsOrigin: boolean | string | string[]
  /** Largest request body for events and management calls, in bytes. */
  bodyLimit: number
  /** Largest import body, in bytes. */
  importBodyLimit: number
  /** Most events in one batch. */
  maxEventsPerBatch: number
  /** Milliseconds between SSE heartbeats. */
  heartbeatInterval: number
  /** Whether Fastify logs requests. */
  logger: boolean
  /** Receives operator lines (start-up banner, shutdown); a no-op when not given. */
  log: (line: string) => void
}

/** The environments a new installation has. */
export const DEFAULT_ENVIRONMENTS: readonly string[] = ['development', 'staging', 'production']

/** The development admin token; replace it anywhere but on a laptop. */
export const DEFAULT_ADMIN_TOKEN = 'vexil-admin-dev'

/** Default browser key of an environment. */
export function defaultBrowserKey(environment: string): string {
  return `vexil-browser-${environment}`
}

/** Default server key of an environment. */
export function defaultServerKey(environment: string): string {
  return `vexil-server-${environment}`
}

/** Applies defaults. @internal */
export function resolveOptions(options: ServerOptions): ResolvedOptions {
  const requested: EnvironmentOptions[] = options.environments ?? DEFAULT_ENVIRONMENTS.map((key) => ({ key }))
  const environments = requested.map((env) => ({
    key: env.key,
    name: env.name ?? env.key,
    browserKey: env.browserKey ?? defaultBrowserKey(env.key),
    serverKey: env.serverKey ?? defaultServerKey(env.key),
  }))
  if (environments.length === 0) throw new Error('[vexil] at least one environment is required')
  return {
    db: options.db ?? '.vexil/vexil.db',
    port: options.port ?? 4000,
    host: options.host ?? '127.0.0.1',
    environments,
    adminToken: options.adminToken ?? DEFAULT_ADMIN_TOKEN,
    flags: options.flags,
    seedMode: options.seedMode ?? 'if-empty',
    corsOrigin: options.corsOrigin ?? true,
    bodyLimit: options.bodyLimit ?? 1024 * 1024,
    importBodyLimit: options.importBodyLimit ?? 10 * 1024 * 1024,
    maxEventsPerBatch: options.maxEventsPerBatch ?? 1000,
    heartbeatInterval: options.heartbeatInterval ?? 15_000,
    logger: options.logger ?? false,
    log: options.log ?? (() => {}),
  }
}
