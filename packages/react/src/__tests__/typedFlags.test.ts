/**
 * The declared-registry type tests. `declare module '@vexil/react'` is global to a TypeScript program,
 * so it is compiled here in a program of its own (the repository's tsconfig options, one in-memory
 * file) instead of in the repository-wide `tsc` run, where it would retype every other file.
 */
import { readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import ts from 'typescript'
import { describe, expect, it } from 'vitest'

const here = dirname(fileURLToPath(import.meta.url))
const root = join(here, '../../../..')

const AUGMENT = `
import { expectTypeOf } from 'vitest'
import { useFlag, useFlagDetails, useFlags, useVariant, Feature } from '@vexil/react'
import type { FlagKey, FlagDetails, Variant } from '@vexil/react'

declare module '@vexil/react' {
  interface VexilFlags {
    'new-checkout': boolean
    'checkout-theme': 'light' | 'dark'
    'max-items': number
  }
}
`

function diagnose(body: string): string[] {
  const configFile = ts.readConfigFile(join(root, 'tsconfig.base.json'), (p) => readFileSync(p, 'utf8'))
  const { options } = ts.parseJsonConfigFileContent(configFile.config, ts.sys, root)
  const file = join(here, '__augmented__.tsx')
  const text = AUGMENT + body
  const host = ts.createCompilerHost({ ...options, noEmit: true })
  const { getSourceFile, fileExists, readFile } = host
  host.getSourceFile = (name, version, ...rest) =>
    name === file ? ts.createSourceFile(name, text, version) : getSourceFile(name, version, ...rest)
  host.fileExists = (name) => name === file || fileExists(name)
  host.readFile = (name) => (name === file ? text : readFile(name))
  const program = ts.createProgram([file], { ...options, noEmit: true }, host)
  return (
    ts
      .getPreEmitDiagnostics(program, program.getSourceFile(file))
      // "declared but never used": the shared imports are not all used by every body.
      .filter((d) => d.code !== 6133 && d.code !== 6192 && d.code !== 6196)
      .map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'))
  )
}

describe('a declared VexilFlags registry', () => {
  it('types keys and values, and rejects unknown keys and wrong defaults', () => {
    const errors = diagnose(`
expectTypeOf(useFlag('new-checkout', false)).toEqualTypeOf<boolean>()
expectTypeOf(useFlag('checkout-theme', 'light')).toEqualTypeOf<'light' | 'dark'>()
expectTypeOf(useFlag('max-items', 10)).toEqualTypeOf<number>()
expectTypeOf(useFlagDetails('new-checkout', true)).toEqualTypeOf<FlagDetails<boolean>>()
expectTypeOf(useVariant('checkout-theme')).toEqualTypeOf<Variant<'light' | 'dark'>>()
expectTypeOf<FlagKey>().toEqualTypeOf<'new-checkout' | 'checkout-theme' | 'max-items'>()
expectTypeOf(useFlags()['checkout-theme']).toEqualTypeOf<'light' | 'dark' | undefined>()
// @ts-expect-error unknown key
useFlag('new-chekout', false)
// @ts-expect-error wrong default type
useFlag('new-checkout', 'yes')
// @ts-expect-error not one of the declared values
useFlag('checkout-theme', 'blue')
// @ts-expect-error unknown key in useVariant
useVariant('nope')
// @ts-expect-error unknown key in <Feature>
const f = <Feature flag="nope" />
void f
`)
    expect(errors).toEqual([])
  }, 60_000)

  it('reports the mistakes (the check above can fail)', () => {
    const errors = diagnose(`
useFlag('new-chekout', false)
useFlag('new-checkout', 'yes')
`)
    expect(errors).toHaveLength(2)
    expect(errors.join('\n')).toMatch(/new-chekout/)
  }, 60_000)
})
