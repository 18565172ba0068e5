/**
 * Compiles in-memory files with the repository's compiler options (TypeScript API) and returns the
 * diagnostics of the given files. Generated augmentations are global to a program, so each check runs
 * in a program of its own rather than in the repository-wide `tsc`.
 */
import { readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import ts from 'typescript'

const here = dirname(fileURLToPath(import.meta.url))
const root = join(here, '../../../..')

/**
 * @param files - file name (relative to this folder) → source text; all are compiled together
 * @returns one line per diagnostic in those files: `name(line): message`
 */
export function compileTypes(files: Record<string, string>): string[] {
  const config = ts.readConfigFile(join(root, 'tsconfig.base.json'), (p) => readFileSync(p, 'utf8'))
  const { options } = ts.parseJsonConfigFileContent(config.config, ts.sys, root)
  const virtual = new Map(Object.entries(files).map(([name, text]) => [join(here, name), text]))
  const host = ts.createCompilerHost({ ...options, noEmit: true })
  const { getSourceFile, fileExists, readFile } = host
  host.getSourceFile = (name, version, ...rest) => {
    const text = virtual.get(name)
    return text === undefined ? getSourceFile(name, version, ...rest) : ts.createSourceFile(name, text, version)
  }
  host.fileExists = (name) => virtual.has(name) || fileExists(name)
  host.readFile = (name) => virtual.get(name) ?? readFile(name)
  const program = ts.createProgram([...virtual.keys()], { ...options, noEmit: true }, host)
  return [...virtual.keys()].flatMap((name) =>
    ts.getPreEmitDiagnostics(program, program.getSourceFile(name)).map((d) => {
      const line = d.file && d.start !== undefined ? d.file.getLineAndCharacterOfPosition(d.start).line + 1 : 0
      return `${name.slice(here.length + 1)}(${line}): ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`
    }),
  )
}
