/**
 * The management operations every document kind shares: list, read, create, update, archive,
 * delete, history and rollback. Kind-specific parsing is passed in, so flags, segments and
 * experiments behave the same way at the API.
 */
import { badRequest, conflict, notFound } from '../errors'
import type { DocumentKind, HistoryEntry, Versioned } from '../model'
import type { Catalog, DocumentTypes } from './catalog'

/** Who is making a change, and which version they read. */
export interface ChangeContext {
  actor: string
  /** From `If-Match`; absent means "whatever is current". */
  ifMatch?: number | undefined
}

/** How to read a kind's request bodies. */
export interface DocumentParser<D> {
  create(body: unknown): D
  update(current: D, body: unknown): D
  archive(current: D, archived: boolean): D
}

/** The shared operations over one kind. */
export class DocumentService<K extends DocumentKind> {
  readonly kind: K
  readonly #catalog: Catalog
  readonly #parser: DocumentParser<DocumentTypes[K]>

  constructor(catalog: Catalog, kind: K, parser: DocumentParser<DocumentTypes[K]>) {
    this.#catalog = catalog
    this.kind = kind
    this.#parser = parser
  }

  /** Current documents, archived ones only when asked. */
  list(includeArchived: boolean): Array<Versioned<DocumentTypes[K]>> {
    return this.#catalog.repository(this.kind).list(includeArchived)
  }

  /** One current document, or 404. */
  get(key: string): Versioned<DocumentTypes[K]> {
    return this.#catalog.require(this.kind, key)
  }

  /** Creates a document (409 if the key exists). */
  create(body: unknown, ctx: ChangeContext): Versioned<DocumentTypes[K]> {
    const doc = this.#parser.create(body)
    if (this.#catalog.repository(this.kind).get(doc.key)) {
      throw conflict(`${this.kind} ${doc.key} already exists; update it instead`)
    }
    return this.apply(doc.key, undefined, doc, 'create', ctx.actor)
  }

  /** Applies an update body to the current version. */
  update(key: string, body: unknown, ctx: ChangeContext): Versioned<DocumentTypes[K]> {
    const current = this.#current(key, ctx)
    return this.apply(key, current, this.#parser.update(current.document, body), 'update', ctx.actor)
  }

  /** Archives (out of every snapshot, history kept) or restores a document. */
  setArchived(key: string, archived: boolean, ctx: ChangeContext): Versioned<DocumentTypes[K]> {
    const current = this.#current(key, ctx)
    const next = this.#parser.archive(current.document, archived)
    return this.apply(key, current, next, archived ? 'archive' : 'unarchive', ctx.actor)
  }

  /** Deletes a document; its history stays, so it can be rolled back. */
  remove(key: string, ctx: ChangeContext): void {
    const current = this.#current(key, ctx)
    this.#catalog.commit([{ kind: this.kind, key, before: current, after: null } as never], 'delete', ctx.actor)
  }

  /** Every kept version, newest first. */
  history(key: string): Array<HistoryEntry<DocumentTypes[K]>> {
    const entries = this.#catalog.repository(this.kind).history(key)
    if (entries.length === 0) throw notFound(`${this.kind} ${key}`)
    return entries
  }

  /** One kept version, or 404. */
  version(key: string, version: number): HistoryEntry<DocumentTypes[K]> {
    const entry = this.#catalog.repository(this.kind).version(key, version)
    if (!entry) throw notFound(`${this.kind} ${key} version ${version}`)
    return entry
  }

  /** Makes a past version current again, as a new version (history only grows). */
  rollback(key: string, version: number, ctx: ChangeContext): Versioned<DocumentTypes[K]> {
    const target = this.version(key, version)
    const current = this.#catalog.repository(this.kind).get(key)
    this.#catalog.checkVersion(current, ctx.ifMatch)
    if (target.document === null) {
      throw badRequest(`version ${version} of ${this.kind} ${key} is its deletion; use DELETE to delete`)
    }
    return this.apply(key, current, target.document, `rollback:${version}`, ctx.actor)
  }

  /** Commits one document change and returns the stored result. */
  apply(
    key: string,
    before: Versioned<DocumentTypes[K]> | undefined,
    after: DocumentTypes[K],
    action: string,
    actor: string,
  ): Versioned<DocumentTypes[K]> {
    this.#catalog.commit([{ kind: this.kind, key, before, after } as never], action, actor)
    return this.#catalog.require(this.kind, key)
  }

  #current(key: string, ctx: ChangeContext): Versioned<DocumentTypes[K]> {
    const current = this.#catalog.require(this.kind, key)
    this.#catalog.checkVersion(current, ctx.ifMatch)
    return current
  }
}
