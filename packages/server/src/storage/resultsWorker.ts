/**
 * Runs the results aggregation in a worker thread over its own read-only connection, so that a
 * second of SQL over a million events does not stall snapshots, SSE and event ingestion (SQLite
 * in WAL mode lets that reader run beside the writer).
 *
 * The worker's code is a small CommonJS string evaluated by `worker_threads`: it works the same
 * from TypeScript source (tests, tsx) and from the build, with no loader and no extra entry file.
 */
import { createRequire } from 'node:module'
import { Worker } from 'node:worker_threads'
import { RESULTS_SQL } from './resultsRepository'
import type { RawAggregates } from './resultsRepository'

const WORKER_SOURCE = `
const { parentPort, workerData: d } = require('node:worker_threads')
const Database = require(d.driver)
let db
try {
  db = new Database(d.file, { readonly: true, fileMustExist: true })
  // A fresh connection has a cold page cache: map the file instead of copying pages in, and keep
  // the temporary table in memory like the main connection does.
  db.pragma('mmap_size = 1073741824')
  db.pragma('temp_store = MEMORY')
  db.pragma('cache_size = -65536')
  db.exec(d.sql.create)
  const aggregate = db.prepare(d.sql.aggregate)
  const result = db.transaction(() => {
    db.prepare(d.sql.fill).run(d.environment, d.experiment)
    const units = db.prepare(d.sql.units).all()
    const sums = {}
    for (const event of d.events) sums[event] = aggregate.all({ environment: d.environment, event })
    return { units, sums }
  })()
  parentPort.postMessage({ ok: true, result })
} catch (error) {
  parentPort.postMessage({ ok: false, message: String((error && error.message) || error) })
} finally {
  if (db) db.close()
}
`

/** Aggregations running in workers, so shutdown can stop them. */
export class ResultsWorkers {
  readonly #file: string
  readonly #driver: string
  readonly #running = new Set<Worker>()

  /** `file` is the database path; it must be a file (`:memory:` cannot be shared). */
  constructor(file: string) {
    this.#file = file
    this.#driver = createRequire(import.meta.url).resolve('better-sqlite3')
  }

  /** Runs the aggregation of one experiment for `events`; rejects if the worker fails. */
  run(environment: string, experiment: string, events: string[]): Promise<RawAggregates> {
    return new Promise((resolve, reject) => {
      const worker = new Worker(WORKER_SOURCE, {
        eval: true,
        workerData: { driver: this.#driver, file: this.#file, sql: RESULTS_SQL, environment, experiment, events },
      })
      this.#running.add(worker)
      let settled = false
      const finish = (fn: () => void): void => {
        if (settled) return
        settled = true
        this.#running.delete(worker)
        fn()
      }
      worker.once('message', (message: { ok: true; result: RawAggregates } | { ok: false; message: string }) =>
        finish(() => (message.ok ? resolve(message.result) : reject(new Error(`results worker: ${message.message}`)))),
      )
      worker.once('error', (error) => finish(() => reject(error)))
      worker.once('exit', (code) => finish(() => reject(new Error(`results worker exited with code ${code}`))))
    })
  }

  /** Stops every running aggregation. */
  async close(): Promise<void> {
    await Promise.all([...this.#running].map((w) => w.terminate()))
    this.#running.clear()
  }
}
