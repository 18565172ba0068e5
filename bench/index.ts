// Runs every benchmark section in bench/sections/*.ts, in alphabetical order. A section exports
// `run(): Promise<void>` and prints its own figures, so adding one needs no edit here.
import { readdirSync } from 'node:fs'

const sections = new URL('./sections/', import.meta.url)
const files = readdirSync(sections)
  .filter((name) => name.endsWith('.ts') && !name.endsWith('.d.ts'))
  .sort()

for (const name of files) {
  const section = (await import(new URL(name, sections).href)) as { run?: () => Promise<void> }
  if (typeof section.run !== 'function') {
    console.warn(`[bench] ${name} exports no run(); skipped`)
    continue
  }
  console.log(`\n=== ${name.replace(/\.ts$/, '')} ===`)
  await section.run()
}
