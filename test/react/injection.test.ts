/**
 * The bootstrap payload in HTML (SPEC §7): values that could close the script element, open a
 * comment or end a JavaScript line survive `serializeBootstrap` → HTML → `readBootstrap` unchanged,
 * and nothing runs. A page built with plain `JSON.stringify` is the control: there, they do break out.
 */
import { createRequire } from 'node:module'
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { BootstrapPayload, Snapshot } from '@vexil/core'
import { createBootstrap, serializeBootstrap } from '@vexil/core/server'
import { readBootstrap } from '@vexil/react'

/** jsdom ships no types; this is the part used here. */
type JSDOMLike = new (
  html: string,
  options: { runScripts: 'dangerously'; beforeParse(window: Window): void },
) => { window: Window }
const { JSDOM } = createRequire(import.meta.url)('jsdom') as { JSDOM: JSDOMLike }

const HOSTILE = [
  '</script><script>alert(1)</script>',
  '</SCRIPT ><script>alert(1)</script>',
  '<!--',
  '<!--<script>',
  '\u2028',
  '\u2029',
  '-->&amp;<\u2028\u2029',
]

function payload(): BootstrapPayload {
  const variations = Object.fromEntries(HOSTILE.map((v, i) => [`v${i}`, v]))
  const flags: Snapshot['flags'] = {}
  HOSTILE.forEach((_, i) => {
    flags[`f${i}`] = { type: 'string', enabled: true, variations, offVariation: 'v0', fallthrough: { variation: `v${i}` } }
  })
  const snapshot: Snapshot = { schemaVersion: 1, revision: '</script>', environment: '<!--', flags }
  return createBootstrap({ snapshot, context: { userId: HOSTILE[0]!, name: HOSTILE.join('') } })
}

/** Parses a page the way a browser does, running its scripts; counts `alert` calls. */
function load(json: string): { dom: InstanceType<JSDOMLike>; alerts: number } {
  const state = { alerts: 0 }
  const html = `<!doctype html><html><head><script type="application/json" id="vexil">${json}</script></head><body><p id="after">after</p></body></html>`
  const dom = new JSDOM(html, {
    runScripts: 'dangerously',
    beforeParse(window) {
      window.alert = () => void state.alerts++
    },
  })
  return { dom, alerts: state.alerts }
}

afterEach(() => vi.unstubAllGlobals())

describe('bootstrap in HTML', () => {
  it('round-trips hostile values through serializeBootstrap and readBootstrap, running nothing', () => {
    const p = payload()
    const { dom, alerts } = load(serializeBootstrap(p))
    expect(alerts).toBe(0)
    const doc = dom.window.document
    expect(doc.querySelectorAll('script')).toHaveLength(1)
    expect(doc.getElementById('after')?.textContent).toBe('after')
    vi.stubGlobal('document', doc)
    const read = readBootstrap('vexil')
    expect(read).toEqual(p)
    expect(Object.values(read!.evaluations).map((e) => e.value)).toEqual(HOSTILE)
    expect(read!.context.name).toBe(HOSTILE.join(''))
  })

  it('control: the same payload as plain JSON breaks out of the element', () => {
    const { dom, alerts } = load(JSON.stringify(payload()))
    expect(alerts).toBeGreaterThan(0)
    vi.stubGlobal('document', dom.window.document)
    expect(readBootstrap('vexil')).toBeUndefined()
  })
})
