/**
 * Wires the service graph (storage → services → HTTP) and runs it: {@link createServer} builds a
 * Fastify instance without listening, {@link startServer} also listens and prints the keys.
 */
import { readFileSync } from 'node:fs'
import compress from '@fastify/compress'
import cors from '@fastify/cors'
import Fastify from 'fastify'
import type { FastifyInstance } from 'fastify'
import type { ServerContext } from './context'
import { Authenticator } from './http/auth'
import { registerClientRoutes } from './http/clientRoutes'
import { installErrorHandler } from './http/errorHandler'
import { registerManagementRoutes } from './http/managementRoutes'
import { ServiceError } from './errors'
import { resolveOptions } from './options'
import type { ResolvedOptions, ServerOptions } from './options'
import { Catalog } from './services/catalog'
import { DocumentService } from './services/documentService'
import { EventService } from './services/eventService'
import { parseNewExperiment, patchExperiment, transition } from './services/experimentDocuments'
import { parseNewFlag, parseNewSegment, patchFlag, patchSegment } from './services/flagDocuments'
import { importFlagsFile } from './services/flagsFile'
import type { ImportResult } from './services/flagsFile'
import { ResultsService } from './services/resultsService'
import { SnapshotService } from './services/snapshotService'
import { StreamHub } from './sse/streamHub'
import { ResultsWorkers } from './storage/resultsWorker'
import { openDatabase } from './storage/database'
import { createStore } from './storage/store'

/** A built, not yet listening, flag service. */
export interface VexilServer {
  /** The Fastify instance (for `inject()` in tests, or to add routes). */
  app: FastifyInstance
  /** Options with defaults applied: keys, token, database path. */
  options: ResolvedOptions
  /** What seeding from `options.flags` did, if it ran. */
  seeded: ImportResult | undefined
  /** Starts listening; resolves to the base URL. */
  listen(): Promise<string>
  /** Stops accepting connections, ends SSE streams, lets in-flight requests finish, closes the database. */
  close(): Promise<void>
}

/** A listening flag service. */
export interface RunningServer extends VexilServer {
  /** Base URL, e.g. `http://127.0.0.1:4000`. */
  url: string
  /** The port actually listened on (the one picked when the option was 0). */
  port: number
}

function readFlagsFile(flags: string | object): unknown {
  if (typeof flags !== 'string') return flags
  try {
    return JSON.parse(readFileSync(flags, 'utf8')) as unknown
  } catch (error) {
    throw new Error(`[vexil] cannot read the flags file ${flags}: ${(error as Error).message}`, { cause: error })
  }
}

/** Builds the service: opens (and migrates) the database, seeds it, registers routes. */
export async function createServer(options: ServerOptions = {}): Promise<VexilServer> {
  const resolved = resolveOptions(options)
  const db = openDatabase(resolved.db)
  const store = createStore(db)
  const envKeys = resolved.environments.map((e) => e.key)
  store.environments.ensure(resolved.environments, new Date().toISOString())
  const catalog = new Catalog(store, envKeys)
  const hub = new StreamHub(resolved.heartbeatInterval)
  const snapshots = new SnapshotService(catalog)
  catalog.onCommit((bumps) => {
    for (const bump of bumps) hub.publish(bump.environment, String(bump.revision))
  })
  const now = (): string => new Date().toISOString()
  const ctx: ServerContext = {
    options: resolved,
    store,
    auth: new Authenticator(resolved),
    catalog,
    snapshots,
    hub,
    events: new EventService(store, resolved.maxEventsPerBatch),
    results: new ResultsService(store, catalog, resolved.db === ':memory:' ? undefined : new ResultsWorkers(resolved.db)),
    flags: new DocumentService(catalog, 'flag', {
      create: (body) => parseNewFlag(body, envKeys),
      update: (current, body) => patchFlag(current, body, envKeys),
      archive: (current, archived) => ({ ...current, archived }),
    }),
    segments: new DocumentService(catalog, 'segment', {
      create: (body) => parseNewSegment(body, envKeys),
      update: (current, body) => patchSegment(current, body, envKeys),
      archive: (current, archived) => ({ ...current, archived }),
    }),
    experiments: new DocumentService(catalog, 'experiment', {
      create: (body) => parseNewExperiment(body, envKeys, now()),
      update: (current, body) => patchExperiment(current, body, envKeys, now()),
      archive: (current, archived) =>
        archived ? transition(current, 'archived', undefined, now()) : { ...current, archived: false, status: 'completed' },
    }),
  }

  let seeded: ImportResult | undefined
  if (resolved.flags !== undefined && (resolved.seedMode === 'sync' || store.flags.count() === 0)) {
    try {
      seeded = importFlagsFile(catalog, readFlagsFile(resolved.flags), { replace: false, actor: 'seed' })
    } catch (error) {
      // Said where it surfaces (the CLI, a test's stack): which file, and the problems in it.
      if (!(error instanceof ServiceError) || typeof resolved.flags !== 'string') throw error
      throw new ServiceError(error.status, error.code, `the flags file ${resolved.flags} was refused: ${error.message}`, error.details)
    }
  }

  const app = Fastify({
    logger: resolved.logger,
    bodyLimit: resolved.bodyLimit,
    // Idle keep-alive sockets are closed at shutdown; busy ones finish their request first.
    forceCloseConnections: 'idle',
    return503OnClosing: true,
  })
  installErrorHandler(app, (error) => {
    if (resolved.logger) app.log.error({ err: error }, 'unhandled error')
    else console.error('[vexil] unhandled error', error)
  })
  await app.register(cors, {
    origin: resolved.corsOrigin,
    methods: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'],
    allowedHeaders: ['Authorization', 'Content-Type', 'If-Match', 'If-None-Match', 'X-Vexil-Actor'],
    exposedHeaders: ['ETag'],
    maxAge: 86400,
  })
  await app.register(compress, { global: true, threshold: 1024, encodings: ['br', 'gzip'] })
  app.get('/healthz', () => ({ ok: true }))
  registerClientRoutes(app, ctx)
  await app.register(async (admin) => {
    admin.addHook('onRequest', async (request) => {
      ctx.auth.authenticate(request, 'admin')
    })
    registerManagementRoutes(admin, ctx)
  })
  app.addHook('preClose', async () => {
    // Open SSE streams would keep close() waiting forever.
    hub.close()
  })
  app.addHook('onClose', async () => {
    await ctx.results.close()
    db.close()
  })

  return {
    app,
    options: resolved,
    seeded,
    async listen() {
      await app.listen({ port: resolved.port, host: resolved.host })
      const address = app.server.address()
      const port = typeof address === 'object' && address ? address.port : resolved.port
      const host = resolved.host.includes(':') ? `[${resolved.host}]` : resolved.host
      return `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${port}`
    },
    close: () => app.close(),
  }
}

/** Builds the service and listens; logs the URL, keys and token through `options.log`. */
export async function startServer(options: ServerOptions = {}): Promise<RunningServer> {
  const server = await createServer(options)
  const url = await server.listen()
  const { log, environments, adminToken, db } = server.options
  log(`vexil-server listening on ${url} (database ${db})`)
  log(`  admin token: ${adminToken}`)
  for (const env of environments) {
    log(`  ${env.key.padEnd(12)} browser key: ${env.browserKey}   server key: ${env.serverKey}`)
  }
  log(`  snapshot: ${url}/v1/snapshot   stream: ${url}/v1/stream   events: ${url}/v1/events`)
  if (server.seeded) {
    log(`  seeded: ${server.seeded.created.length} created, ${server.seeded.updated.length} updated, ${server.seeded.unchanged} unchanged`)
  }
  return { ...server, url, port: Number(new URL(url).port) }
}
