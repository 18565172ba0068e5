// Conformance: every vector of ../shared/vectors/evaluation.json, read at test time (never copied
// into the repository), as its "about" field prescribes.
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { bucket } from './bucket'
import { evaluate } from './evaluate'
import type { EvaluateOptions, StickyAssignment, StickyStore } from './types'

interface Step {
  snapshot: string
  context: unknown
  now: string
  default?: unknown
  overrides?: EvaluateOptions['overrides']
  expect: Record<string, Record<string, unknown>>
}
interface Case {
  name: string
  snapshots: Record<string, unknown>
  steps: Step[]
}
interface Vectors {
  bucket: Array<{ text: string; bucket: number }>
  cases: Case[]
}

const vectorsUrl = new URL('../../../../shared/vectors/evaluation.json', import.meta.url)
const vectors = JSON.parse(readFileSync(vectorsUrl, 'utf8')) as Vectors

const RESULT_FIELDS = ['flagKey', 'value', 'variation', 'reason', 'inExperiment', 'ruleId', 'experiment', 'errorCode', 'prerequisite']

function memoryStickyStore(): StickyStore {
  const kept = new Map<string, StickyAssignment>()
  const id = (flagKey: string, unit: string, salt: string): string => JSON.stringify([flagKey, unit, salt])
  return {
    get: (flagKey, unit, salt) => kept.get(id(flagKey, unit, salt)),
    set: (flagKey, unit, salt, assignment) => void kept.set(id(flagKey, unit, salt), assignment),
  }
}

/** Differences between a result and its expectation, one line each. */
function differences(result: object, expected: Record<string, unknown>): string[] {
  const got = result as Record<string, unknown>
  const out: string[] = []
  const fields = new Set([...RESULT_FIELDS, ...Object.keys(expected), ...Object.keys(got)])
  for (const field of fields) {
    const want = expected[field]
    const have = got[field]
    if (JSON.stringify(want) !== JSON.stringify(have)) {
      out.push(`${field}: expected ${JSON.stringify(want)}, got ${JSON.stringify(have)}`)
    }
  }
  return out
}

describe('bucket vectors', () => {
  it.each(vectors.bucket.map((v) => [JSON.stringify(v.text), v] as const))('bucket(%s)', (_, v) => {
    expect(bucket(v.text)).toBe(v.bucket)
  })
})

describe('evaluation vectors', () => {
  it('has vectors to run', () => {
    expect(vectors.cases.length).toBeGreaterThan(0)
    expect(vectors.bucket.length).toBeGreaterThan(0)
  })

  for (const testCase of vectors.cases) {
    it(`case "${testCase.name}"`, () => {
      // One store shared by the steps of a sticky case, starting empty; no store elsewhere.
      const sticky = testCase.name.startsWith('sticky') ? memoryStickyStore() : undefined
      const failures: string[] = []
      let checked = 0
      testCase.steps.forEach((step, index) => {
        const snapshot = testCase.snapshots[step.snapshot]
        for (const [flag, expected] of Object.entries(step.expect)) {
          const options: EvaluateOptions = { now: Date.parse(step.now), default: step.default }
          if (sticky !== undefined) options.sticky = sticky
          if (step.overrides !== undefined) options.overrides = step.overrides
          const result = evaluate(snapshot, flag, step.context, options)
          checked++
          const diff = differences(result, expected)
          if (diff.length > 0) {
            failures.push(
              `case "${testCase.name}", step ${index} (snapshot "${step.snapshot}", now ${step.now}), flag "${flag}", ` +
                `context ${JSON.stringify(step.context)}:\n    ${diff.join('\n    ')}`,
            )
          }
        }
      })
      expect(checked).toBeGreaterThan(0)
      expect(failures, `${failures.length} of ${checked} evaluations differ:\n${failures.slice(0, 20).join('\n')}`).toEqual([])
    })
  }
})
