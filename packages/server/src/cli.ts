/**
 * `vexil-server`: runs the flag service from the command line (options: see `cliOptions.ts` or
 * `vexil-server --help`). SIGINT/SIGTERM stop accepting connections, let in-flight requests
 * finish, then exit; a second signal exits at once.
 */
import { HELP, optionsFromCli, problemLines } from './cliOptions'
import type { ServerOptions } from './options'
import { startServer } from './server'

async function main(): Promise<void> {
  let options: ServerOptions | 'help'
  try {
    options = optionsFromCli(process.argv.slice(2), process.env)
  } catch (error) {
    console.error(`vexil-server: ${(error as Error).message}\n\n${HELP}`)
    process.exit(2)
  }
  if (options === 'help') {
    console.log(HELP)
    return
  }
  const server = await startServer(options)
  let stopping = false
  const stop = (signal: string): void => {
    if (stopping) {
      console.log(`vexil-server: ${signal} again, exiting now`)
      process.exit(1)
    }
    stopping = true
    console.log(`vexil-server: ${signal}, finishing in-flight requests…`)
    // A stuck client must not keep the process alive forever.
    const timer = setTimeout(() => {
      console.error('vexil-server: shutdown took over 10 s, exiting')
      process.exit(1)
    }, 10_000)
    timer.unref()
    server.close().then(
      () => {
        console.log('vexil-server: stopped')
        process.exit(0)
      },
      (error: unknown) => {
        console.error('vexil-server: error while stopping', error)
        process.exit(1)
      },
    )
  }
  process.on('SIGINT', () => stop('SIGINT'))
  process.on('SIGTERM', () => stop('SIGTERM'))
}

main().catch((error: unknown) => {
  console.error(`vexil-server: ${(error as Error).message ?? String(error)}`)
  for (const line of problemLines((error as { details?: unknown }).details)) console.error(line)
  process.exit(1)
})
