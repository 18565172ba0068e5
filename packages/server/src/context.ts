/** Everything a route handler reaches, wired once by {@link createServer}. @internal */
import type { Authenticator } from './http/auth'
import type { ExperimentDocument, FlagDocument, SegmentDocument } from './model'
import type { ResolvedOptions } from './options'
import type { Catalog } from './services/catalog'
import type { DocumentService } from './services/documentService'
import type { EventService } from './services/eventService'
import type { ResultsService } from './services/resultsService'
import type { SnapshotService } from './services/snapshotService'
import type { StreamHub } from './sse/streamHub'
import type { Store } from './storage/store'

/** The wired service graph. @internal */
export interface ServerContext {
  options: ResolvedOptions
  store: Store
  auth: Authenticator
  catalog: Catalog
  snapshots: SnapshotService
  hub: StreamHub
  events: EventService
  results: ResultsService
  flags: DocumentService<'flag'>
  segments: DocumentService<'segment'>
  experiments: DocumentService<'experiment'>
}

/** Re-exported for route modules' convenience. @internal */
export type { ExperimentDocument, FlagDocument, SegmentDocument }
