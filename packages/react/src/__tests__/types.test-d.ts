/**
 * Type tests, checked by `tsc -p tsconfig.json` (part of `npm test`). This program leaves
 * `VexilFlags` undeclared, as an app that never declares it does: keys are any string and the return
 * type follows the default. The declared registry is checked in `typedFlags.test.ts`, in a program
 * of its own, because a module augmentation here would apply to every file of the repository.
 */
import { expectTypeOf } from 'vitest'
import type { JsonValue } from '@vexil/core'
import { useFlag, useFlagDetails, useFlags, useSuspenseFlag, useVariant } from '../index'
import type { FlagDetails, FlagKey, FlagKeyOf, FlagValue, FlagValueOf, Variant, Widen } from '../index'

// Undeclared registry: any key, the default's type widened.
expectTypeOf(useFlag('anything', false)).toEqualTypeOf<boolean>()
expectTypeOf(useFlag('anything', 'blue')).toEqualTypeOf<string>()
expectTypeOf(useFlag('anything', 3)).toEqualTypeOf<number>()
expectTypeOf(useFlag('anything', { size: 1 })).toEqualTypeOf<{ size: number }>()
expectTypeOf(useSuspenseFlag('anything', true)).toEqualTypeOf<boolean>()
expectTypeOf(useFlagDetails('anything', 0)).toEqualTypeOf<FlagDetails<number>>()
expectTypeOf(useVariant('anything')).toEqualTypeOf<Variant<JsonValue>>()
expectTypeOf(useFlags()).toEqualTypeOf<Readonly<Record<string, JsonValue>>>()
expectTypeOf<FlagKey>().toEqualTypeOf<string>()
expectTypeOf<FlagValue<'x'>>().toEqualTypeOf<JsonValue>()
// @ts-expect-error a default must be a JSON value
useFlag('anything', () => 1)
// @ts-expect-error options are checked
useFlag('anything', false, { expose: 'no' })

// The registry machinery, over an explicit registry (what `declare module` feeds it).
interface Flags {
  'new-checkout': boolean
  'checkout-theme': 'light' | 'dark'
}
expectTypeOf<FlagKeyOf<Flags>>().toEqualTypeOf<'new-checkout' | 'checkout-theme'>()
expectTypeOf<FlagKeyOf<object>>().toEqualTypeOf<string>()
expectTypeOf<FlagValueOf<Flags, 'checkout-theme'>>().toEqualTypeOf<'light' | 'dark'>()
expectTypeOf<FlagValueOf<Flags, 'unknown'>>().toEqualTypeOf<JsonValue>()
expectTypeOf<Widen<false>>().toEqualTypeOf<boolean>()
expectTypeOf<Widen<'a'>>().toEqualTypeOf<string>()
expectTypeOf<Widen<1>>().toEqualTypeOf<number>()
