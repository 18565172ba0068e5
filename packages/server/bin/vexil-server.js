#!/usr/bin/env node
// Runs the built CLI (dist/cli.js). In the repository before a build, runs the TypeScript source
// through tsx with the "@vexil/source" condition, so `vexil-server` works in development too.
import { spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

const dist = new URL('../dist/cli.js', import.meta.url)
const source = new URL('../src/cli.ts', import.meta.url)

if (existsSync(fileURLToPath(dist)) && process.env.VEXIL_FROM_SOURCE !== '1') {
  await import(dist.href)
} else if (existsSync(fileURLToPath(source))) {
  const child = spawn(
    process.execPath,
    // Resolved from here, not from the working directory, so any cwd works.
    ['--conditions=@vexil/source', '--import', import.meta.resolve('tsx'), fileURLToPath(source), ...process.argv.slice(2)],
    { stdio: 'inherit' },
  )
  // The child gets terminal signals itself; forward the ones sent to this process only.
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal))
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)))
} else {
  console.error('vexil-server: dist/cli.js is missing; run `npm run build -w @vexil/server`')
  process.exit(1)
}
