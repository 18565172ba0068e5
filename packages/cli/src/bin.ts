/**
 * The `vexil` executable: runs `runCli` with the process's arguments and streams.
 */
import { runCli } from './runCli'

// No top-level await: the same entry is also built as CommonJS.
void runCli(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  cwd: process.cwd(),
  env: process.env,
}).then((code) => {
  process.exitCode = code
})
