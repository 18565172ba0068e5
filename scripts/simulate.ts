/**
 * `npm run simulate`: sends simulated shoppers (real @vexil/core clients, see demo/simulation.ts)
 * to the demo's flag service so the results page has data.
 *
 *   VEXIL_URL          the flag service (default http://127.0.0.1:4000, as `npm start` runs it)
 *   SIMULATE_USERS     how many users (default 1000, at most 20,000)
 *   VEXIL_ENVIRONMENT  the environment (default development, where the demo's experiment runs)
 */
// Run with the `@vexil/source` condition (as the root script does), so the workspace packages are
// read from their TypeScript source and a fresh clone needs no package build.
import { simulate } from './demo/simulation'

const url = process.env.VEXIL_URL ?? 'http://127.0.0.1:4000'
const users = Number(process.env.SIMULATE_USERS ?? 1000)
console.log(`Simulating ${users} shoppers against ${url}…`)
const started = Date.now()
try {
  const r = await simulate({ url, users, ...(process.env.VEXIL_ENVIRONMENT ? { environment: process.env.VEXIL_ENVIRONMENT } : {}), log: console.log })
  for (const arm of Object.keys(r.exposures).sort()) {
    console.log(`  ${arm.padEnd(9)} ${String(r.exposures[arm]).padStart(6)} users  ${String(r.purchases[arm] ?? 0).padStart(5)} purchases`)
  }
  console.log(`Done in ${((Date.now() - started) / 1000).toFixed(1)} s. Open the results page (http://127.0.0.1:3000/results under npm start).`)
} catch (error) {
  const message = (error as Error).message
  console.error(`simulate: ${message}`)
  if (/ECONNREFUSED|fetch failed|not ready/.test(message)) console.error('Is the demo running? Start it with `npm start`.')
  process.exit(1)
}
