/**
 * `runCli`: the `vexil` command line, as a function of its arguments and environment so that tests
 * run it in-process from source, exactly as the built `bin` runs it.
 */
import { typegen } from './typegen'
import type { SnapshotFetch } from './loadSnapshot'
import { USAGE } from './usage'

/** What the CLI reads from and writes to; the bin passes the process's. */
export interface CliIo {
  /** Writes normal output. */
  stdout(text: string): void
  /** Writes diagnostics. */
  stderr(text: string): void
  /** The working directory relative paths start from. */
  cwd: string
  /** Environment variables (`VEXIL_CLIENT_KEY`). */
  env: Readonly<Record<string, string | undefined>>
  /** Replaces the global `fetch` for `--snapshot <url>`. */
  fetch?: SnapshotFetch
}

/**
 * Runs the `vexil` command line.
 *
 * @param argv - the arguments after the executable, e.g. `['typegen', '--snapshot', 's.json', '--out', 'f.d.ts']`
 * @param io - output streams, working directory, environment
 * @returns the exit code
 */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const [command, ...rest] = argv
  if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
    io.stdout(USAGE)
    return command === undefined ? 2 : 0
  }
  if (command === 'typegen') return typegen(rest, io)
  io.stderr(`vexil: unknown command "${command}"\n\n${USAGE}`)
  return 2
}
