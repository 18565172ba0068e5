import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { request as httpRequest } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { optionsFromCli, problemLines } from './cliOptions'

describe('optionsFromCli', () => {
  it('reads flags, falls back to environment variables, and builds per-environment keys', () => {
    const options = optionsFromCli(['--port', '4100', '--flags', 'f.json'], {
      VEXIL_PORT: '9999',
      VEXIL_DB: '/tmp/x.db',
      VEXIL_ADMIN_TOKEN: 'secret-admin',
      VEXIL_BROWSER_KEY_PRODUCTION: 'pk-live',
    })
    expect(options).toMatchObject({ port: 4100, db: '/tmp/x.db', flags: 'f.json', adminToken: 'secret-admin' })
    if (options === 'help') throw new Error('unexpected help')
    expect(options.environments).toEqual([{ key: 'development' }, { key: 'staging' }, { key: 'production', browserKey: 'pk-live' }])
  })

  it('works with no arguments and rejects bad ones', () => {
    const options = optionsFromCli([], {})
    expect(options).not.toHaveProperty('port')
    expect(optionsFromCli(['--help'], {})).toBe('help')
    expect(() => optionsFromCli(['--port', 'abc'], {})).toThrow(/port/)
    expect(() => optionsFromCli(['--seed-mode', 'always'], {})).toThrow(/seed-mode/)
    expect(() => optionsFromCli(['--nope'], {})).toThrow()
  })
})

describe('problemLines', () => {
  it('tells each distinct problem once, with the environments it occurs in', () => {
    const path = 'flags.x.offVariation'
    const message = 'needs "offVariation", a key of "variations", not "off"'
    const details = ['development', 'production'].flatMap((environment) =>
      ['server', 'browser'].map((view) => ({ environment, view, path, message })),
    )
    expect(problemLines(details)).toEqual([`  ${path}: ${message} (development, production)`])
    expect(problemLines(undefined)).toEqual([])
  })
})

describe('vexil-server (the bin, from source)', () => {
  it('refuses an invalid flags file, naming the file and each problem in it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vexil-cli-'))
    const flags = join(dir, 'flags.json')
    const x = { type: 'boolean', enabled: true, variations: { on: true }, offVariation: 'off', fallthrough: { variation: 'on' } }
    writeFileSync(flags, JSON.stringify({ flags: { x } }))
    const bin = fileURLToPath(new URL('../bin/vexil-server.js', import.meta.url))
    const child = spawn(process.execPath, [bin, '--port', '0', '--db', join(dir, 'vexil.db'), '--flags', flags], {
      env: { ...process.env, VEXIL_FROM_SOURCE: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let output = ''
    child.stderr.on('data', (c: Buffer) => (output += c.toString()))
    try {
      expect(await new Promise((resolve) => child.on('exit', resolve))).toBe(1)
      expect(output).toContain(`the flags file ${flags} was refused`)
      expect(output).toMatch(/ {2}flags\.x\.offVariation: .*"off".* \(development, staging, production\)/)
    } finally {
      child.kill('SIGKILL')
      rmSync(dir, { recursive: true, force: true })
    }
  }, 45_000)


  it('starts with --port 0, serves, and on SIGTERM finishes an in-flight request before exiting', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vexil-cli-'))
    const bin = fileURLToPath(new URL('../bin/vexil-server.js', import.meta.url))
    const flags = fileURLToPath(new URL('../../../examples/flags.json', import.meta.url))
    const child = spawn(process.execPath, [bin, '--port', '0', '--db', join(dir, 'db', 'vexil.db'), '--flags', flags], {
      env: { ...process.env, VEXIL_FROM_SOURCE: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let output = ''
    child.stdout.on('data', (c: Buffer) => (output += c.toString()))
    child.stderr.on('data', (c: Buffer) => (output += c.toString()))
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)))
    try {
      const url = await new Promise<string>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no start-up line: ${output}`)), 30_000)
        child.stdout.on('data', () => {
          // The banner ends with the endpoint line; wait for all of it.
          const match = /listening on (http:\/\/\S+)/.exec(output)
          if (match?.[1] && output.includes('events: ')) {
            clearTimeout(timer)
            resolve(match[1])
          }
        })
      })
      expect(output).toContain('admin token: vexil-admin-dev')
      expect(output).toContain('browser key: vexil-browser-production')
      const snapshot = await fetch(`${url}/v1/snapshot`, { headers: { authorization: 'Bearer vexil-browser-development' } })
      expect(((await snapshot.json()) as { flags: object }).flags).toHaveProperty('new-checkout')

      // An upload in progress when the signal arrives must still get its answer.
      const body = JSON.stringify({ events: [{ type: 'conversion', id: 'slow-1', timestamp: new Date().toISOString(), userId: 'u', event: 'buy' }] })
      const response = new Promise<{ status: number; text: string }>((resolve, reject) => {
        const req = httpRequest(`${url}/v1/events`, {
          method: 'POST',
          headers: { authorization: 'Bearer vexil-server-development', 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
        }, (res) => {
          let text = ''
          res.on('data', (c: Buffer) => (text += c.toString()))
          res.on('end', () => resolve({ status: res.statusCode ?? 0, text }))
        })
        req.on('error', reject)
        req.write(body.slice(0, 10))
        setTimeout(() => {
          child.kill('SIGTERM')
          setTimeout(() => req.end(body.slice(10)), 300)
        }, 200)
      })
      const answer = await response
      expect(answer.status).toBe(200)
      expect(JSON.parse(answer.text)).toMatchObject({ accepted: 1 })
      expect(await exited).toBe(0)
      expect(output).toContain('SIGTERM, finishing in-flight requests')
      expect(output).toContain('stopped')
    } finally {
      child.kill('SIGKILL')
      rmSync(dir, { recursive: true, force: true })
    }
  }, 45_000)
})
