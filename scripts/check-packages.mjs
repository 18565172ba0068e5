#!/usr/bin/env node
// Package hygiene for every publishable package in packages/*: publint --strict and Are The Types
// Wrong (attw), both on the `npm pack` tarball, and a smoke run of each `bin`; optionally the build
// before and the API reference (typedoc, which also fails on an undocumented export) after.
//
//   node scripts/check-packages.mjs [--build] [--docs] [packages/name ...]
//
// Run it after `npm run build` (or pass --build, which builds the checked packages and the packages
// they depend on, not the examples): publint and attw check the packed tarball, dist included. Exits 1
// when any check fails, and prints every problem, not only the first.
import { spawn } from 'node:child_process'
import { access, constants, mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises'
import { availableParallelism, tmpdir } from 'node:os'
import { dirname, join, relative, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..')
const bin = (name) => join(root, 'node_modules', '.bin', name)
const args = process.argv.slice(2)
const flags = new Set(args.filter((a) => a.startsWith('--')))
const only = args.filter((a) => !a.startsWith('--')).map((a) => resolve(root, a))
for (const f of flags) if (!['--build', '--docs'].includes(f)) fail(`unknown option ${f} (use --build, --docs)`)

// attw options, and why:
// --profile node16: every resolution mode but node10. node10 (TypeScript's `moduleResolution: node`)
//   ignores `exports`, so it cannot see subpaths such as `@vexil/core/server`, whatever we publish;
//   the packages require Node >= 20 and TypeScript users of subpaths need node16, nodenext or bundler.
// --no-definitely-typed: the packages ship their own types, so there is no @types package to fetch.
const ATTW = ['--profile', 'node16', '--no-definitely-typed', '--no-emoji', '--format', 'ascii']

/** Runs a command; resolves with its exit code and combined output. */
function run(cmd, argv, cwd = root) {
  return new Promise((done) => {
    const child = spawn(cmd, argv, { cwd, env: { ...process.env, FORCE_COLOR: '0', NO_COLOR: '1' } })
    let out = ''
    child.stdout.on('data', (d) => (out += d))
    child.stderr.on('data', (d) => (out += d))
    child.on('error', (e) => done({ code: 1, out: out + String(e) }))
    child.on('close', (code) => done({ code: code ?? 1, out }))
  })
}

function fail(message) {
  console.error(`check-packages: ${message}`)
  process.exit(2)
}

// npm's own notices (e.g. an unknown user config) are noise in every command's output.
const clean = (out) =>
  out
    .split('\n')
    .filter((l) => !/^npm warn /i.test(l))
    .join('\n')
    .trim()

/** The publishable packages: those named on the command line, or every one (`all`). */
async function packages(all = false) {
  const dirs = []
  for (const name of (await readdir(join(root, 'packages'))).sort()) {
    const dir = join(root, 'packages', name)
    const pkg = await readFile(join(dir, 'package.json'), 'utf8').then(JSON.parse, () => undefined)
    if (!pkg || pkg.private) continue
    if (!all && only.length && !only.includes(dir)) continue
    dirs.push({ dir, pkg })
  }
  return dirs
}

/** The checks of one package; returns its problems (empty when all pass) and the log. */
async function check({ dir, pkg }) {
  const problems = []
  const log = []
  const name = pkg.name ?? relative(root, dir)
  if (!(await stat(join(dir, 'dist')).catch(() => undefined))) {
    return { name, problems: ['dist/ is missing: run `npm run build` first (or pass --build)'], log }
  }
  // A dist/ left from an older build would be checked instead of the code as it is now.
  const [srcTime, distTime] = await Promise.all([newest(join(dir, 'src'), true), newest(join(dir, 'dist'), false)])
  if (srcTime > distTime) problems.push('dist/ is older than src/: run `npm run build` first (or pass --build)')
  // npm packs these whatever `files` says; a package without them has no docs or terms on npm.
  for (const file of ['README.md', 'LICENSE'])
    if (!(await stat(join(dir, file)).catch(() => undefined))) problems.push(`${file} is missing`)
  // A .d.cts that imports an ES module's declarations (`./chunk.js`) cannot be `require`d by a
  // CommonJS app (TS1479), and neither publint nor attw looks inside the chunks it imports.
  for (const entry of await readdir(join(dir, 'dist'), { withFileTypes: true, recursive: true })) {
    if (!entry.isFile() || !entry.name.endsWith('.d.cts')) continue
    const text = await readFile(join(entry.parentPath, entry.name), 'utf8')
    for (const spec of new Set(Array.from(text.matchAll(/(?:from\s*|import\(\s*)['"](\.{1,2}\/[^'"]+)['"]/g), (m) => m[1])))
      if (!/\.c(js|ts)$/.test(spec)) problems.push(`${relative(dir, join(entry.parentPath, entry.name))} imports ${spec}, an ES module to TypeScript`)
  }
  // One `npm pack` for both tools (each would pack on its own), into a directory of our own.
  const tmp = await mkdtemp(join(tmpdir(), 'vexil-check-'))
  try {
    const pack = await run('npm', ['pack', '--pack-destination', tmp], dir)
    const tgz = (await readdir(tmp)).find((f) => f.endsWith('.tgz'))
    if (pack.code !== 0 || !tgz) {
      problems.push(`npm pack failed:\n${clean(pack.out)}`)
    } else {
      const tarball = join(tmp, tgz)
      const [publint, attw] = await Promise.all([run(bin('publint'), ['run', '--strict', tarball]), run(bin('attw'), [...ATTW, tarball])])
      log.push(`publint --strict:\n${clean(publint.out)}`, `attw ${ATTW.join(' ')}:\n${clean(attw.out)}`)
      if (publint.code !== 0) problems.push('publint --strict reported problems')
      if (attw.code !== 0) problems.push('attw reported problems')
    }
  } finally {
    await rm(tmp, { recursive: true, force: true })
  }

  const bins = typeof pkg.bin === 'string' ? { [name]: pkg.bin } : (pkg.bin ?? {})
  for (const [command, file] of Object.entries(bins)) {
    const path = join(dir, file)
    const text = await readFile(path, 'utf8').catch(() => undefined)
    if (text === undefined) {
      problems.push(`bin "${command}": ${file} does not exist`)
      continue
    }
    if (!text.startsWith('#!')) problems.push(`bin "${command}": ${file} has no shebang line`)
    if (!(await access(path, constants.X_OK).then(() => true, () => false))) problems.push(`bin "${command}": ${file} is not executable`)
    const help = await run(process.execPath, [path, '--help'], dir)
    if (help.code !== 0) problems.push(`bin "${command}": \`${file} --help\` exited with ${help.code}:\n${clean(help.out)}`)
  }
  return { name, problems, log }
}

/** The latest modification time of the files under `dir` (tests left out when `skipTests`). */
async function newest(dir, skipTests) {
  let latest = 0
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true }).catch(() => [])) {
    if (!entry.isFile()) continue
    const path = join(entry.parentPath, entry.name)
    if (skipTests && /(^|[\\/])__tests__[\\/]|\.test(-d)?\.[cm]?tsx?$/.test(path)) continue
    latest = Math.max(latest, (await stat(path)).mtimeMs)
  }
  return latest
}

/** Runs `tasks` with at most `limit` at a time, keeping their order in the result. */
async function pool(items, limit, task) {
  const results = new Array(items.length)
  let next = 0
  const worker = async () => {
    while (next < items.length) {
      const i = next++
      results[i] = await task(items[i])
    }
  }
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker))
  return results
}

/**
 * Runs `npm run build` in each package of `list` and in the packages they depend on, a dependency
 * before its dependants (their declarations are built against its dist/), `limit` at a time. A
 * failed build does not stop the others (`npm run build --workspaces` stops at the first), so every
 * package's problems show. Resolves with the failed builds.
 */
async function buildAll(list, limit) {
  const byName = new Map((await packages(true)).map((p) => [p.pkg.name, p]))
  const depsOf = (p) =>
    Object.keys({ ...p.pkg.dependencies, ...p.pkg.peerDependencies, ...p.pkg.devDependencies }).filter((n) => byName.has(n) && n !== p.pkg.name)
  let running = 0
  const waiting = []
  const acquire = () => (running < limit ? (running++, Promise.resolve()) : new Promise((go) => waiting.push(go)))
  const release = () => (waiting.length ? waiting.shift()() : running--)
  const builds = new Map()
  const build = (p, chain) => {
    if (!builds.has(p.dir)) {
      builds.set(p.dir, (async () => {
        // `chain` leaves out a dependency cycle's back edge instead of waiting on it for ever.
        const deps = depsOf(p).filter((n) => !chain.includes(n))
        await Promise.all(deps.map((n) => build(byName.get(n), [...chain, p.pkg.name])))
        if (!p.pkg.scripts?.build) return { name: p.pkg.name, code: 0, out: '' }
        await acquire()
        try {
          return { name: p.pkg.name, ...(await run('npm', ['run', 'build'], p.dir)) }
        } finally {
          release()
        }
      })())
    }
    return builds.get(p.dir)
  }
  await Promise.all(list.map((p) => build(byName.get(p.pkg.name) ?? p, [])))
  return (await Promise.all(builds.values())).filter((r) => r.code !== 0)
}

const started = Date.now()
const list = await packages()
if (!list.length) fail('no package matched')
// Rollup and attw each keep about one core busy: one task per core.
const limit = Math.max(1, Math.min(4, availableParallelism()))
let buildFailures = []
if (flags.has('--build')) {
  console.log('check-packages: building')
  buildFailures = await buildAll(list, limit)
  // Keep going: the other packages' checks are still worth seeing, and the exit code will be 1.
  for (const b of buildFailures) {
    const errors = clean(b.out)
      .split('\n')
      .filter((l) => /\[!\]|^npm error |^\S*Error: /.test(l))
      .slice(0, 40)
    console.log(`\n=== build of ${b.name}: FAIL\n${errors.join('\n').replace(/^/gm, '  ')}`)
  }
}

const results = await pool(list, limit, check)
let failed = [...buildFailures.map((b) => ({ name: `build of ${b.name}` })), ...results.filter((r) => r.problems.length)]
for (const r of results) {
  console.log(`\n=== ${r.name}: ${r.problems.length ? 'FAIL' : 'ok'}`)
  if (r.problems.length) for (const l of r.log) console.log(l.replace(/^/gm, '  '))
  for (const p of r.problems) console.log(`  ✗ ${p}`)
}

/**
 * What an app bundles from the built packages, against the same entry bundled from the sources: an
 * app must get from `npm install` what the size bench measures. Merged output chunks once carried
 * `bucket`'s CommonJS murmur3 library (~1.8 KB gzip) into every app that imports `createClient`.
 * The `bucket` entry must still bundle it, so the check can tell the library apart.
 */
async function treeShaking() {
  const { build } = await import('esbuild')
  const { gzipSync } = await import('node:zlib')
  const bundle = async (code, source) => {
    const result = await build({
      stdin: { contents: code, resolveDir: root, loader: 'js' },
      bundle: true,
      minify: true,
      write: false,
      metafile: true,
      format: 'esm',
      platform: 'browser',
      conditions: source ? ['@vexil/source'] : [],
      external: ['react', 'react/*', 'react-dom', 'react-dom/*'],
      define: { 'process.env.NODE_ENV': '"production"' },
      logLevel: 'silent',
    })
    // The modules that left bytes in the bundle: a module read but shaken out has none.
    const used = Object.entries(Object.values(result.metafile.outputs)[0].inputs).filter(([, i]) => i.bytesInOutput > 0)
    return { gzip: gzipSync(result.outputFiles[0].contents, { level: 9 }).length, murmur: used.some(([path]) => path.includes('murmurhash3js-revisited')) }
  }
  const app = "export { createClient } from '@vexil/core'\nexport * from '@vexil/react'\n"
  const [dist, source, bucketEntry] = await Promise.all([bundle(app, false), bundle(app, true), bundle("export { bucket } from '@vexil/core'\n", false)])
  const problems = []
  if (dist.murmur) problems.push('an app importing createClient bundles murmurhash3js-revisited, which only bucket() needs')
  if (!bucketEntry.murmur) problems.push('bucket() no longer bundles murmurhash3js-revisited: update this check')
  // A few bytes of slack: the banner and import specifiers differ between dist and src.
  if (dist.gzip > source.gzip * 1.01) problems.push(`the app bundles ${dist.gzip} B gzip from dist/, ${source.gzip} B from src/`)
  console.log(`\n=== tree-shaking of the built packages: ${problems.length ? 'FAIL' : 'ok'} (app ${dist.gzip} B gzip from dist/, ${source.gzip} B from src/, esbuild)`)
  for (const p of problems) console.log(`  ✗ ${p}`)
  return problems.length ? [{ name: 'tree-shaking' }] : []
}

if (!only.length) failed = [...failed, ...(await treeShaking())]

if (flags.has('--docs')) {
  // typedoc.json: the API reference of every public entry point, with undocumented exports as errors.
  // An export missing from its entryPoints would go unchecked (and undocumented), so look first.
  const typedoc = JSON.parse(await readFile(join(root, 'typedoc.json'), 'utf8'))
  const entries = new Set((typedoc.entryPoints ?? []).map((p) => resolve(root, p)))
  const missing = []
  for (const { dir, pkg } of await packages()) {
    for (const [subpath, target] of Object.entries(pkg.exports ?? {})) {
      const source = typeof target === 'object' && target?.['@vexil/source']
      if (source && !entries.has(resolve(dir, source))) missing.push(`${pkg.name} "${subpath}": ${relative(root, resolve(dir, source))}`)
    }
  }
  const docs = await run(bin('typedoc'), ['--options', join(root, 'typedoc.json')])
  const ok = docs.code === 0 && !missing.length
  console.log(`\n=== typedoc: ${ok ? 'ok' : 'FAIL'}`)
  for (const m of missing) console.log(`  ✗ export ${m} is not in typedoc.json's entryPoints`)
  if (docs.code !== 0) console.log(clean(docs.out).replace(/^/gm, '  '))
  if (!ok) failed = [...failed, { name: 'typedoc' }]
}

const seconds = ((Date.now() - started) / 1000).toFixed(1)
if (failed.length) {
  console.error(`\ncheck-packages: ${failed.length} failed (${failed.map((r) => r.name).join(', ')}) in ${seconds}s`)
  process.exit(1)
}
console.log(`\ncheck-packages: ${results.length} packages ok${flags.has('--docs') ? ', API reference built' : ''} in ${seconds}s`)
