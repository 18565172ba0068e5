/** Serves a built folder (hashed assets cached for a year, everything else revalidated). */
import { createReadStream, statSync } from 'node:fs'
import { extname, join, normalize, sep } from 'node:path'
import type { ServerResponse } from 'node:http'

const TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.html': 'text/html; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.map': 'application/json',
}

/** Sends `dir/relPath` if it is a file inside `dir`; returns false otherwise. */
export function serveFile(res: ServerResponse, dir: string, relPath: string): boolean {
  const file = normalize(join(dir, decodeURIComponent(relPath)))
  if (!file.startsWith(dir + sep)) return false
  try {
    if (!statSync(file).isFile()) return false
  } catch {
    return false
  }
  const immutable = relPath.startsWith('assets/') || relPath.includes('/assets/')
  res.writeHead(200, {
    'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
    'cache-control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
  })
  createReadStream(file).pipe(res)
  return true
}
