import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, expect, it, vi } from 'vitest'
import { createServer } from '../server'

const dirs: string[] = []
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true })
})

it('answers an unexpected error with a bare 500 envelope, no message or stack, and reports it', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'vexil-err-'))
  dirs.push(dir)
  const server = await createServer({ db: join(dir, 'vexil.db') })
  server.app.get('/boom', () => {
    throw new Error('database password is hunter2')
  })
  const report = vi.spyOn(console, 'error').mockImplementation(() => {})
  try {
    const res = await server.app.inject({ method: 'GET', url: '/boom' })
    expect(res.statusCode).toBe(500)
    expect(res.json()).toEqual({ error: { code: 'INTERNAL', message: 'internal error; see the server log' } })
    expect(res.body).not.toContain('hunter2')
    expect(res.body).not.toContain('errorHandler')
    expect(report).toHaveBeenCalledOnce()
    const missing = await server.app.inject({ method: 'GET', url: '/v1/nothing-here' })
    expect(missing.statusCode).toBe(404)
    expect(missing.json().error.code).toBe('NOT_FOUND')
  } finally {
    await server.close()
  }
})
