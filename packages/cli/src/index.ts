/**
 * `@vexil/cli`: the `vexil` command line (`vexil typegen`), and its parts as functions for scripts.
 *
 * @module
 */
export { generateFlagTypes } from './generateFlagTypes'
export type { GenerateFlagTypesOptions, GenerateFlagTypesResult } from './generateFlagTypes'
export { loadSnapshot } from './loadSnapshot'
export type { LoadSnapshotOptions, SnapshotFetch, SnapshotResponse } from './loadSnapshot'
export { runCli } from './runCli'
export { USAGE } from './usage'
export type { CliIo } from './runCli'
