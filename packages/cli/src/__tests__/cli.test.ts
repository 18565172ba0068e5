import { execFile } from 'node:child_process'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { promisify } from 'node:util'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { runCli } from '../runCli'
import type { CliIo } from '../runCli'
import type { SnapshotFetch } from '../loadSnapshot'
import { sampleSnapshot } from './sampleSnapshot'

const here = dirname(fileURLToPath(import.meta.url))
let dir: string

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'vexil-cli-'))
  await writeFile(join(dir, 'snapshot.json'), JSON.stringify(sampleSnapshot))
})
afterEach(async () => {
  await rm(dir, { recursive: true, force: true })
})

function io(extra: Partial<CliIo> = {}): CliIo & { out: string; err: string } {
  const r = {
    out: '',
    err: '',
    stdout: (t: string) => void (r.out += t),
    stderr: (t: string) => void (r.err += t),
    cwd: dir,
    env: {},
    ...extra,
  }
  return r
}

describe('vexil typegen', () => {
  it('writes the registry from a file, creating the folder', async () => {
    const t = io()
    expect(await runCli(['typegen', '--snapshot', 'snapshot.json', '--out', 'src/types/vexil-flags.d.ts'], t)).toBe(0)
    const code = await readFile(join(dir, 'src/types/vexil-flags.d.ts'), 'utf8')
    expect(code).toContain('"new-checkout": boolean')
    expect(t.out).toBe('Wrote src/types/vexil-flags.d.ts (6 flags).\n')
    // The invalid flag is declared but reported.
    expect(t.err).toMatch(/warning: flags\.broken-flag/)
  })

  it('loads a URL with the client key as a bearer token', async () => {
    const calls: Array<{ url: string; auth: string | undefined }> = []
    const fetch: SnapshotFetch = async (url, init) => {
      calls.push({ url, auth: init.headers.authorization })
      return { ok: true, status: 200, statusText: 'OK', text: async () => JSON.stringify(sampleSnapshot) }
    }
    const t = io({ fetch, env: { VEXIL_CLIENT_KEY: 'from-env' } })
    const url = 'https://flags.example.com/v1/snapshot'
    expect(await runCli(['typegen', '--snapshot', url, '--out', 'f.d.ts'], t)).toBe(0)
    expect(await runCli(['typegen', '--snapshot', url, '--out', 'f.d.ts', '--key', 'k-1'], t)).toBe(0)
    expect(calls).toEqual([
      { url, auth: 'Bearer from-env' },
      { url, auth: 'Bearer k-1' },
    ])
    expect(await readFile(join(dir, 'f.d.ts'), 'utf8')).toContain(`from ${url}`)
  })

  it('fails with the HTTP status, the service\'s reason and how to pass a key when the service refuses', async () => {
    const body = JSON.stringify({ error: { code: 'UNAUTHORIZED', message: 'missing bearer token' } })
    const fetch: SnapshotFetch = async () => ({ ok: false, status: 401, statusText: 'Unauthorized', text: async () => body })
    const url = 'http://localhost:1/v1/snapshot'
    const t = io({ fetch })
    expect(await runCli(['typegen', '--snapshot', url, '--out', 'f.d.ts'], t)).toBe(1)
    expect(t.err).toContain(`cannot fetch ${url}: HTTP 401 Unauthorized: missing bearer token; pass the client key with --key <key> or $VEXIL_CLIENT_KEY`)
    const withKey = io({ fetch })
    expect(await runCli(['typegen', '--snapshot', url, '--out', 'f.d.ts', '--key', 'k-1'], withKey)).toBe(1)
    expect(withKey.err).toContain('HTTP 401 Unauthorized: missing bearer token; the service refused the client key given')
    const html = io({ fetch: async () => ({ ok: false, status: 502, statusText: 'Bad Gateway', text: async () => '<html>…</html>' }) })
    expect(await runCli(['typegen', '--snapshot', url, '--out', 'f.d.ts'], html)).toBe(1)
    expect(html.err).toContain(`cannot fetch ${url}: HTTP 502 Bad Gateway\n`)
  })

  it('fails on a missing file, invalid JSON and an invalid snapshot, writing nothing', async () => {
    await writeFile(join(dir, 'bad.json'), '{ nope')
    await writeFile(join(dir, 'v2.json'), JSON.stringify({ ...sampleSnapshot, schemaVersion: 2 }))
    for (const [file, message] of [
      ['missing.json', /cannot read missing\.json/],
      ['bad.json', /bad\.json is not valid JSON/],
      ['v2.json', /the snapshot is invalid:\n {2}schemaVersion: /],
    ] as const) {
      const t = io()
      expect(await runCli(['typegen', '--snapshot', file, '--out', 'f.d.ts'], t)).toBe(1)
      expect(t.err).toMatch(message)
    }
    await expect(readFile(join(dir, 'f.d.ts'), 'utf8')).rejects.toThrow()
  })

  it('--check passes when the file is current and fails when it is missing or stale', async () => {
    const args = ['typegen', '--snapshot', 'snapshot.json', '--out', 'f.d.ts']
    expect(await runCli([...args, '--check'], io())).toBe(1)
    expect(await runCli(args, io())).toBe(0)
    expect(await runCli([...args, '--check'], io())).toBe(0)
    await writeFile(join(dir, 'snapshot.json'), JSON.stringify({ ...sampleSnapshot, revision: '43' }))
    const t = io()
    expect(await runCli([...args, '--check'], t)).toBe(1)
    expect(t.err).toContain('f.d.ts is out of date')
  })

  it('reports bad usage with exit code 2', async () => {
    for (const args of [[], ['typegen'], ['typegen', '--snapshot', 's.json'], ['typegen', '--bogus'], ['typegen', '--snapshot', 's.json', '--out', 'o.d.ts', '--string-literals', 'maybe'], ['generate']]) {
      const t = io()
      expect(await runCli(args, t)).toBe(2)
      expect(t.out + t.err).toContain('vexil')
    }
    const t = io()
    expect(await runCli(['--help'], t)).toBe(0)
    expect(t.out).toContain('vexil typegen --snapshot <file|url> --out <file>')
  })
})

describe('the vexil bin', () => {
  it('runs from source as an executable: arguments in, file and exit code out', async () => {
    const run = promisify(execFile)
    const bin = join(here, '../bin.ts')
    // tsx is resolved from here: the command runs in a temporary folder outside the repository.
    const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href
    const args = ['--conditions=@vexil/source', '--import', tsx, bin, 'typegen', '--snapshot', 'snapshot.json', '--out', 'flags.d.ts']
    const { stdout } = await run(process.execPath, args, { cwd: dir })
    expect(stdout).toBe('Wrote flags.d.ts (6 flags).\n')
    expect(await readFile(join(dir, 'flags.d.ts'), 'utf8')).toContain('interface VexilFlags')
    await expect(run(process.execPath, [...args.slice(0, 4), 'typegen'], { cwd: dir })).rejects.toMatchObject({ code: 2 })
  }, 30_000)
})
