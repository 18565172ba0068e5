/**
 * The problem codes the snapshot checks record; validationMessages.ts words each one. The first four
 * reject a snapshot as a whole (snapshotMessages.ts).
 *
 * Plain top-level constants in a module that imports nothing, read as `import * as Code`: every
 * bundler then puts the number in place of the name (terser, and esbuild, which inlines only such
 * constants). An object of codes stayed an object under esbuild: ~1.8 KB minified in an app.
 *
 * @internal
 */
export const object = 0
export const schemaVersion = 1
export const nonEmpty = 2
export const unreadableSnapshot = 3
export const unreadable = 4
export const flagKey = 5
export const segmentKey = 6
export const ruleId = 7
export const variationKey = 8
export const experimentKey = 9
export const flag = 10
export const rule = 11
export const condition = 12
export const segment = 13
export const array = 14
export const boolean = 15
export const name = 16
export const percent = 17
export const type = 18
export const enabled = 19
export const variations = 20
export const noVariations = 21
export const valueType = 22
export const offVariation = 23
export const description = 24
export const tags = 25
export const schedule = 26
export const date = 27
export const startEnd = 28
export const rolloutShape = 29
export const needsDate = 30
export const endAfterStart = 31
export const duplicateId = 32
export const noServe = 33
export const noFallthrough = 34
export const serve = 35
export const serveBoth = 36
export const serveNeither = 37
export const split = 38
export const splitEntry = 39
export const noVariation = 40
export const weights = 41
export const experimentOnFixed = 42
export const prerequisite = 43
export const prerequisiteFlag = 44
export const prerequisiteVariations = 45
export const noFlag = 47
export const notVariationOf = 48
export const cycle = 49
export const segmentAndAttribute = 50
export const nestedSegment = 51
export const noSegment = 52
export const badSegment = 53
export const attribute = 54
export const op = 55
export const values = 56
export const scalar = 57
export const strings = 58
export const longPattern = 59
export const pattern = 60
export const bound = 61
export const dateBound = 62
export const version = 63
export const stringList = 64
export const string = 65
export const segmentBucketBy = 66
