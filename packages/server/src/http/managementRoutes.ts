/**
 * The management API (admin token): documents, flag-specific operations (per-environment config,
 * kill switch, usage), experiment lifecycle and results, environments, audit, import and export.
 */
import type { FastifyInstance } from 'fastify'
import type { ServerContext } from '../context'
import { badRequest, notFound } from '../errors'
import { EXPERIMENT_STATUSES, transition } from '../services/experimentDocuments'
import { withFlagConfig } from '../services/flagDocuments'
import { exportFlagsFile, importFlagsFile } from '../services/flagsFile'
import { cloneJson, isObject, optionalEnum } from '../services/inputs'
import { browserView } from '../services/snapshotBuilder'
import { changeContext, registerDocumentRoutes, sendDocument } from './documentRoutes'

type FlagEnvParams = { key: string; env: string }

/** Registers every admin route; they all require the admin token. */
export function registerManagementRoutes(app: FastifyInstance, ctx: ServerContext): void {
  const { catalog, flags, experiments, store } = ctx
  const requireEnvironment = (env: string): string => {
    if (!catalog.environments.includes(env)) throw notFound(`environment ${env}`)
    return env
  }

  registerDocumentRoutes(app, 'flags', flags)
  registerDocumentRoutes(app, 'segments', ctx.segments)
  registerDocumentRoutes(app, 'experiments', experiments)

  app.put<{ Params: FlagEnvParams }>('/v1/flags/:key/environments/:env', (request, reply) => {
    const env = requireEnvironment(request.params.env)
    const change = changeContext(request)
    const current = catalog.require('flag', request.params.key)
    catalog.checkVersion(current, change.ifMatch)
    const next = withFlagConfig(current.document, env, request.body)
    return sendDocument(reply, flags.apply(request.params.key, current, next, `configure:${env}`, change.actor))
  })

  // The kill switch: one call, no body, If-Match optional because in an incident speed wins.
  for (const [action, enabled] of [['kill', false], ['enable', true]] as const) {
    app.post<{ Params: FlagEnvParams }>(`/v1/flags/:key/environments/:env/${action}`, (request, reply) => {
      const env = requireEnvironment(request.params.env)
      const change = changeContext(request)
      const current = catalog.require('flag', request.params.key)
      catalog.checkVersion(current, change.ifMatch)
      const config = current.document.environments[env]
      if (!config) throw notFound(`flag ${request.params.key} in ${env}`)
      const next = cloneJson(current.document)
      next.environments[env] = { ...config, enabled }
      return sendDocument(reply, flags.apply(request.params.key, current, next, `${action}:${env}`, change.actor))
    })
  }

  app.get<{ Params: { key: string }; Querystring: { environment?: string } }>('/v1/flags/:key/usage', (request) => {
    catalog.require('flag', request.params.key)
    return usageFor(request.query.environment, request.params.key)
  })
  app.get<{ Querystring: { environment?: string } }>('/v1/usage', (request) => usageFor(request.query.environment))

  function usageFor(environment: string | undefined, flag?: string): object {
    const envs = environment === undefined ? catalog.environments : [requireEnvironment(environment)]
    const out: Record<string, Record<string, { count: number; lastEvaluatedAt: string | null; variations: Record<string, number> }>> = {}
    for (const env of envs) {
      const byFlag: (typeof out)[string] = {}
      for (const row of store.events.usage(env, flag)) {
        const entry = (byFlag[row.flag] ??= { count: 0, lastEvaluatedAt: null, variations: {} })
        entry.count += row.count
        entry.variations[row.variation] = row.count
        const last = new Date(row.lastEvaluatedAt).toISOString()
        if (entry.lastEvaluatedAt === null || last > entry.lastEvaluatedAt) entry.lastEvaluatedAt = last
      }
      out[env] = byFlag
    }
    return { usage: out }
  }

  app.post<{ Params: { key: string } }>('/v1/experiments/:key/status', (request, reply) => {
    const body = request.body
    if (!isObject(body)) throw badRequest('the body must be { "status": …, "conclusion"? }')
    const status = optionalEnum(body, 'status', EXPERIMENT_STATUSES)
    if (status === undefined) throw badRequest(`status is required: one of ${EXPERIMENT_STATUSES.join(', ')}`)
    const change = changeContext(request)
    const current = catalog.require('experiment', request.params.key)
    catalog.checkVersion(current, change.ifMatch)
    const next = transition(current.document, status, body.conclusion, new Date().toISOString())
    return sendDocument(reply, experiments.apply(request.params.key, current, next, `status:${status}`, change.actor))
  })

  app.get<{ Params: { key: string }; Querystring: { environment?: string } }>('/v1/experiments/:key/results', (request) =>
    ctx.results.results(request.params.key, request.query.environment),
  )

  app.get('/v1/environments', () => ({
    environments: store.environments.list().map((env) => ({ ...env, streams: ctx.hub.size(env.key) })),
  }))
  app.get<{ Params: { env: string }; Querystring: { view?: string } }>('/v1/environments/:env/snapshot', (request) => {
    const { snapshot } = catalog.snapshot(requireEnvironment(request.params.env))
    return request.query.view === 'browser' ? browserView(snapshot) : snapshot
  })

  app.get<{ Querystring: { kind?: string; key?: string; limit?: string; before?: string } }>('/v1/audit', (request) => {
    const limit = Math.min(Math.max(Number(request.query.limit ?? 100) || 100, 1), 1000)
    const before = request.query.before === undefined ? undefined : Number(request.query.before)
    return {
      entries: store.audit.list({
        limit,
        ...(request.query.kind ? { kind: request.query.kind } : {}),
        ...(request.query.key ? { key: request.query.key } : {}),
        ...(before !== undefined && Number.isFinite(before) ? { before } : {}),
      }),
    }
  })

  app.get('/v1/export', (_request, reply) =>
    reply.header('Content-Disposition', 'attachment; filename="flags.json"').send(exportFlagsFile(catalog)),
  )
  app.post<{ Querystring: { mode?: string } }>('/v1/import', { bodyLimit: ctx.options.importBodyLimit }, (request) => {
    const mode = request.query.mode ?? 'merge'
    if (mode !== 'merge' && mode !== 'replace') throw badRequest('mode must be merge or replace')
    return importFlagsFile(catalog, request.body, { replace: mode === 'replace', actor: changeContext(request).actor })
  })
}
