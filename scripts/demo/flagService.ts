/**
 * The demo's flag service: `@vexil/server` started from code, as `npm start` (scripts/start.mjs)
 * runs it in a child process. Options come from the environment: `VEXIL_PORT`, `VEXIL_DB`,
 * `VEXIL_FLAGS`. It tells its parent the URL over the IPC channel once it listens, and stops when
 * signalled or when that parent goes away (so no orphan keeps the port).
 */
import { startServer } from '@vexil/server'

const port = Number(process.env.VEXIL_PORT ?? 4000)
const server = await startServer({
  port,
  db: process.env.VEXIL_DB ?? '.vexil/demo.db',
  ...(process.env.VEXIL_FLAGS ? { flags: process.env.VEXIL_FLAGS } : {}),
  // Quicker than the default 15 s, so a dead proxy hop is noticed while someone watches the demo.
  heartbeatInterval: 5000,
}).catch((error: unknown) => {
  const code = (error as { code?: string }).code
  console.error(
    code === 'EADDRINUSE'
      ? `flag service: port ${port} is taken; set VEXIL_PORT (0 picks a free one)`
      : `flag service: ${(error as Error).message}`,
  )
  process.exit(1)
})
process.send?.({ ready: server.url })

let stopping = false
const stop = (): void => {
  if (stopping) return
  stopping = true
  const timer = setTimeout(() => process.exit(1), 5000)
  timer.unref()
  server.close().then(
    () => process.exit(0),
    () => process.exit(1),
  )
}
process.on('SIGINT', stop)
process.on('SIGTERM', stop)
process.on('disconnect', stop)
