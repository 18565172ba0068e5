/** Every repository over one open database. */
import type { ExperimentDocument, FlagDocument, SegmentDocument } from '../model'
import { createAuditRepository } from './auditRepository'
import type { AuditRepository } from './auditRepository'
import type { Db } from './database'
import { createDocumentRepository } from './documentRepository'
import type { DocumentRepository } from './documentRepository'
import { createEnvironmentRepository } from './environmentRepository'
import type { EnvironmentRepository } from './environmentRepository'
import { createEventRepository } from './eventRepository'
import type { EventRepository } from './eventRepository'
import { createResultsRepository } from './resultsRepository'
import type { ResultsRepository } from './resultsRepository'

/** The storage layer as the services see it. */
export interface Store {
  db: Db
  flags: DocumentRepository<FlagDocument>
  segments: DocumentRepository<SegmentDocument>
  experiments: DocumentRepository<ExperimentDocument>
  environments: EnvironmentRepository
  audit: AuditRepository
  events: EventRepository
  results: ResultsRepository
}

/** Creates the repositories (prepares their statements once). */
export function createStore(db: Db): Store {
  return {
    db,
    flags: createDocumentRepository<FlagDocument>(db, 'flag'),
    segments: createDocumentRepository<SegmentDocument>(db, 'segment'),
    experiments: createDocumentRepository<ExperimentDocument>(db, 'experiment'),
    environments: createEnvironmentRepository(db),
    audit: createAuditRepository(db),
    events: createEventRepository(db),
    results: createResultsRepository(db),
  }
}
