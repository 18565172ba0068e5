/**
 * The one place where flags, segments and experiments change. Every change goes through
 * {@link Catalog.commit}: the candidate snapshots of the environments it touches are validated
 * with `@vexil/core` (server and browser views), then in one SQLite transaction the documents are
 * written with their history, each touched environment's revision is bumped and an audit entry
 * records who, when, what, before and after. Listeners hear of new revisions only after commit.
 */
import type { ValidationError } from '@vexil/core'
import { conflict, invalidChange, notFound } from '../errors'
import type { DocumentKind, ExperimentDocument, FlagDocument, SegmentDocument, Versioned } from '../model'
import type { DocumentRepository } from '../storage/documentRepository'
import type { Store } from '../storage/store'
import { browserView, buildSnapshot } from './snapshotBuilder'
import { snapshotErrors } from './validation'

/** The documents of each kind. */
export interface DocumentTypes {
  flag: FlagDocument
  segment: SegmentDocument
  experiment: ExperimentDocument
}

/** One document change: `after` null deletes. */
export type Change = {
  [K in DocumentKind]: {
    kind: K
    key: string
    /** The version the change was computed from (undefined: the key did not exist). */
    before: Versioned<DocumentTypes[K]> | undefined
    after: DocumentTypes[K] | null
  }
}[DocumentKind]

/** A new revision of an environment. */
export interface RevisionBump {
  environment: string
  revision: number
}

/** A validation problem of a candidate snapshot, located by environment and view. */
export interface ChangeError extends ValidationError {
  /** The environment whose candidate snapshot has the problem. */
  environment: string
  /** `server`: the full snapshot; `browser`: the view browser keys get. */
  view: 'server' | 'browser'
}

/** What a commit did. */
export interface CommitResult {
  /** New version per `kind:key`. */
  versions: Map<string, number>
  bumps: RevisionBump[]
}

/** Applies validated changes. */
export class Catalog {
  readonly #store: Store
  readonly #environments: readonly string[]
  readonly #listeners = new Set<(bumps: RevisionBump[]) => void>()
  // Problems already present at an environment's current revision, per view: validating the
  // unchanged state again on every change would double the cost of each write.
  readonly #knownErrors = new Map<string, { revision: number; ids: Set<string> }>()

  constructor(store: Store, environments: readonly string[]) {
    this.#store = store
    this.#environments = environments
  }

  /** The environment keys this service serves. */
  get environments(): readonly string[] {
    return this.#environments
  }

  /** Hears of every commit's new revisions. */
  onCommit(listener: (bumps: RevisionBump[]) => void): () => void {
    this.#listeners.add(listener)
    return () => this.#listeners.delete(listener)
  }

  /** The repository of a kind. */
  repository<K extends DocumentKind>(kind: K): DocumentRepository<DocumentTypes[K]> {
    const repos = { flag: this.#store.flags, segment: this.#store.segments, experiment: this.#store.experiments }
    return repos[kind] as unknown as DocumentRepository<DocumentTypes[K]>
  }

  /** Reads a document or fails with 404. */
  require<K extends DocumentKind>(kind: K, key: string): Versioned<DocumentTypes[K]> {
    const found = this.repository(kind).get(key)
    if (!found) throw notFound(`${kind} ${key}`)
    return found
  }

  /** Fails with 409 when `ifMatch` is given and is not the current version. */
  checkVersion(current: Versioned<unknown> | undefined, ifMatch: number | undefined): void {
    if (ifMatch !== undefined && current?.version !== ifMatch) {
      throw conflict('the document changed since you read it; re-read it and apply your change again', {
        expectedVersion: ifMatch,
        currentVersion: current?.version ?? null,
      })
    }
  }

  /** Validates and applies `changes` atomically; throws 409 or 422 and changes nothing on failure. */
  commit(changes: Change[], action: string, actor: string): CommitResult {
    const touched = this.#touchedEnvironments(changes)
    this.#validate(changes, touched)
    const store = this.#store
    const at = new Date().toISOString()
    const run = store.db.transaction((): CommitResult => {
      const versions = new Map<string, number>()
      for (const change of changes) {
        const repo = this.repository(change.kind)
        // The caller read `before` earlier; if someone committed since, its change would be lost.
        if (repo.get(change.key)?.version !== change.before?.version) {
          throw conflict(`${change.kind} ${change.key} changed concurrently; retry`)
        }
        const version =
          change.after === null
            ? repo.remove(change.key, action, actor, at)
            : (repo as DocumentRepository<DocumentTypes[typeof change.kind]>).save(
                change.key,
                change.after,
                change.after.archived,
                action,
                actor,
                at,
              )
        versions.set(`${change.kind}:${change.key}`, version)
      }
      const bumps = [...touched.all].map((environment) => ({
        environment,
        revision: store.environments.bump(environment, at),
      }))
      for (const change of changes) {
        store.audit.append({
          at,
          actor,
          action,
          kind: change.kind,
          key: change.key,
          environments: [...this.#environmentsOf(change)],
          before: change.before?.document ?? null,
          after: change.after,
        })
      }
      return { versions, bumps }
    })
    const result = run()
    for (const listener of this.#listeners) listener(result.bumps)
    return result
  }

  /** The current snapshot of an environment (server view). */
  snapshot(environment: string): { revision: number; snapshot: ReturnType<typeof buildSnapshot> } {
    const env = this.#store.environments.get(environment)
    if (!env) throw notFound(`environment ${environment}`)
    const flags = this.#store.flags.list(false).map((v) => v.document)
    const segments = this.#store.segments.list(false).map((v) => v.document)
    return { revision: env.revision, snapshot: buildSnapshot(environment, env.revision, flags, segments, env.updatedAt) }
  }

  #errorsNow(environment: string, view: 'server' | 'browser', build: () => unknown): Set<string> {
    const revision = this.#store.environments.get(environment)?.revision ?? 0
    const cacheKey = `${environment}\u0000${view}`
    const cached = this.#knownErrors.get(cacheKey)
    if (cached?.revision === revision) return cached.ids
    const ids = new Set(snapshotErrors(build()).map((e) => `${e.path}\u0000${e.message}`))
    this.#knownErrors.set(cacheKey, { revision, ids })
    return ids
  }

  #environmentsOf(change: Change): Set<string> {
    const out = new Set<string>()
    for (const doc of [change.before?.document, change.after]) {
      if (!doc) continue
      if (change.kind === 'experiment') out.add((doc as ExperimentDocument).environment)
      else for (const env of Object.keys((doc as FlagDocument | SegmentDocument).environments)) out.add(env)
    }
    for (const env of out) if (!this.#environments.includes(env)) out.delete(env)
    return out
  }

  #touchedEnvironments(changes: Change[]): { all: Set<string>; snapshot: Set<string> } {
    const all = new Set<string>()
    const snapshot = new Set<string>()
    for (const change of changes) {
      for (const env of this.#environmentsOf(change)) {
        all.add(env)
        if (change.kind !== 'experiment') snapshot.add(env)
      }
    }
    return { all, snapshot }
  }

  #validate(changes: Change[], touched: { snapshot: Set<string> }): void {
    const errors: ChangeError[] = []
    for (const change of changes) {
      if (change.kind === 'experiment' && change.after && !change.after.archived) {
        if (!this.#store.flags.get(change.after.flag) && !changes.some((c) => c.kind === 'flag' && c.key === change.after?.flag && c.after)) {
          errors.push({
            environment: change.after.environment,
            view: 'server',
            path: `experiments.${change.key}.flag`,
            message: `flag ${change.after.flag} does not exist; create it first`,
          })
        }
      }
    }
    if (touched.snapshot.size > 0) {
      const flags = new Map(this.#store.flags.list(false).map((v) => [v.document.key, v.document]))
      const segments = new Map(this.#store.segments.list(false).map((v) => [v.document.key, v.document]))
      const nextFlags = new Map(flags)
      const nextSegments = new Map(segments)
      for (const change of changes) {
        if (change.kind === 'experiment') continue
        const target = (change.kind === 'flag' ? nextFlags : nextSegments) as Map<string, FlagDocument | SegmentDocument>
        if (change.after === null || change.after.archived) target.delete(change.key)
        else target.set(change.key, change.after)
      }
      for (const environment of touched.snapshot) {
        const now = new Date().toISOString()
        const after = buildSnapshot(environment, 0, nextFlags.values(), nextSegments.values(), now)
        const reported = new Set<string>()
        for (const [view, pick] of [
          ['server', (s: typeof after) => s],
          ['browser', browserView],
        ] as const) {
          // Only new problems refuse a change: a database that already holds an invalid flag (say,
          // written by an older version) must not block fixing something else.
          const known = this.#errorsNow(environment, view, () =>
            pick(buildSnapshot(environment, 0, flags.values(), segments.values(), now)),
          )
          for (const error of snapshotErrors(pick(after))) {
            const id = `${error.path}\u0000${error.message}`
            if (known.has(id) || reported.has(id)) continue
            // A client-side flag's own error shows in both views; report it once.
            reported.add(id)
            errors.push({ environment, view, ...error })
          }
        }
      }
    }
    if (errors.length > 0) {
      throw invalidChange('the change would make a snapshot invalid; nothing was changed', errors)
    }
  }
}
