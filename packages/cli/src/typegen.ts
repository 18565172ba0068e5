/**
 * The `vexil typegen` command: load a snapshot, generate the registry, write it (or check it).
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises'
import { dirname, resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { generateFlagTypes } from './generateFlagTypes'
import { loadSnapshot } from './loadSnapshot'
import type { CliIo } from './runCli'
import { USAGE } from './usage'

/**
 * Runs `vexil typegen` with its options (see `USAGE`).
 *
 * @param argv - the arguments after `typegen`
 * @param io - output streams, working directory, environment
 * @returns the exit code: 0 done, 1 failed, 2 bad usage
 */
export async function typegen(argv: readonly string[], io: CliIo): Promise<number> {
  let values
  try {
    ;({ values } = parseArgs({
      args: [...argv],
      options: {
        snapshot: { type: 'string' },
        out: { type: 'string' },
        key: { type: 'string' },
        module: { type: 'string' },
        'include-server-flags': { type: 'boolean' },
        'string-literals': { type: 'string' },
        check: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
      allowPositionals: false,
    }))
  } catch (e) {
    io.stderr(`vexil typegen: ${(e as Error).message}\nRun "vexil --help" for usage.\n`)
    return 2
  }
  if (values.help) {
    io.stdout(USAGE)
    return 0
  }
  if (!values.snapshot || !values.out) {
    io.stderr('vexil typegen: --snapshot <file|url> and --out <file> are required.\nRun "vexil --help" for usage.\n')
    return 2
  }

  const literals = values['string-literals']
  if (literals !== undefined && literals !== 'auto' && literals !== 'always' && literals !== 'never') {
    io.stderr(`vexil typegen: --string-literals must be auto, always or never, not "${literals}".\n`)
    return 2
  }

  let snapshot: unknown
  try {
    const clientKey = values.key ?? io.env.VEXIL_CLIENT_KEY
    snapshot = await loadSnapshot(values.snapshot, {
      cwd: io.cwd,
      ...(clientKey !== undefined && { clientKey }),
      ...(io.fetch && { fetch: io.fetch }),
    })
  } catch (e) {
    io.stderr(`vexil typegen: ${(e as Error).message}\n`)
    return 1
  }

  const result = generateFlagTypes(snapshot, {
    source: values.snapshot,
    ...(values.module !== undefined && { module: values.module }),
    ...(values['include-server-flags'] !== undefined && { includeServerFlags: values['include-server-flags'] }),
    ...(literals !== undefined && { stringLiterals: literals }),
  })
  if (!result.ok) {
    io.stderr(`vexil typegen: the snapshot is invalid:\n${result.errors.map((e) => `  ${e.path || '(root)'}: ${e.message}\n`).join('')}`)
    return 1
  }
  // Invalid flags are still declared (hooks return their default), but someone should fix them.
  for (const w of result.warnings) io.stderr(`vexil typegen: warning: ${w.path}: ${w.message}\n`)

  const out = resolve(io.cwd, values.out)
  if (values.check) {
    const current = await readFile(out, 'utf8').catch(() => undefined)
    if (current === result.code) {
      io.stdout(`${values.out} is up to date (${plural(result.flags.length)}).\n`)
      return 0
    }
    io.stderr(`vexil typegen: ${values.out} is ${current === undefined ? 'missing' : 'out of date'}; run without --check to update it.\n`)
    return 1
  }
  try {
    await mkdir(dirname(out), { recursive: true })
    await writeFile(out, result.code)
  } catch (e) {
    io.stderr(`vexil typegen: cannot write ${values.out}: ${(e as Error).message}\n`)
    return 1
  }
  io.stdout(`Wrote ${values.out} (${plural(result.flags.length)}).\n`)
  return 0
}

function plural(n: number): string {
  return n === 1 ? '1 flag' : `${n} flags`
}
