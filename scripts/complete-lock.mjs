#!/usr/bin/env node
// The registry this project installs from serves rollup's native packages for Linux only, so npm
// leaves the other platforms out of package-lock.json, and npm 11's `npm ci` then rejects the lock as
// out of sync with rollup's optionalDependencies. This records each missing platform package as an
// optional entry with its os/cpu (what npm writes where the registry has them); npm skips such an
// entry on any other platform without fetching it. Run after changing dependencies:
//   npm install && node scripts/complete-lock.mjs
import { readFileSync, writeFileSync } from 'node:fs'

const file = new URL('../package-lock.json', import.meta.url)
const lock = JSON.parse(readFileSync(file, 'utf8'))
const packages = lock.packages

/** os, cpu and libc of a native package, read from its name (rollup's naming scheme). */
function platformOf(name) {
  const suffix = name.split('/').pop().replace(/^rollup-/, '')
  const [os, arch, abi] = suffix.split('-')
  const cpu = { ia32: 'ia32', x64: 'x64', arm64: 'arm64', arm: 'arm', loong64: 'loong64', ppc64: 'ppc64', riscv64: 'riscv64', s390x: 's390x' }[arch]
  const entry = { os: [os === 'win32' ? 'win32' : os], cpu: [cpu ?? arch] }
  if (os === 'linux' && abi) entry.libc = [abi.startsWith('musl') ? 'musl' : 'glibc']
  return entry
}

let added = 0
for (const [path, pkg] of Object.entries(packages)) {
  if (!path.endsWith('node_modules/rollup') || !pkg.optionalDependencies) continue
  const base = path.slice(0, -'rollup'.length)
  for (const [dep, version] of Object.entries(pkg.optionalDependencies)) {
    if (!dep.startsWith('@rollup/')) continue
    const key = base + dep
    if (packages[key] || packages[`node_modules/${dep}`]?.version === version) continue
    packages[key] = { version, dev: pkg.dev || undefined, optional: true, ...platformOf(dep) }
    added++
  }
}
// Keep npm's own ordering (sorted keys) so the next `npm install` rewrites nothing.
lock.packages = Object.fromEntries(Object.entries(packages).sort(([a], [b]) => (a === '' ? -1 : b === '' ? 1 : a.localeCompare(b, 'en'))))
writeFileSync(file, JSON.stringify(lock, null, 2) + '\n')
console.log(`complete-lock: ${added} platform entries added`)
