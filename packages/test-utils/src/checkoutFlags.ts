/**
 * The checkout flags that the stories, the devtools tests and the devtools e2e app all serve: a
 * boolean, a 3-way experiment, a flag targeted at one QA user and a number.
 */
import type { Flag } from '@vexil/core'
import { booleanFlag } from './builders'

/** The 3-way experiment's variations (the layout the shop shows for each). */
export const REDESIGN_LAYOUTS = { control: 'classic', 'treatment-a': 'compact', 'treatment-b': 'wizard' } as const

/** The only user for whom `beta-banner` is on. */
export const QA_USER = 'qa-42'

/** `new-checkout`: a boolean, off for everyone. */
export function newCheckoutFlag(description = 'One-page checkout'): Flag {
  return booleanFlag({ fallthrough: { variation: 'off' }, tags: ['checkout'], description })
}

/** `checkout-redesign`: a third of users in each of {@link REDESIGN_LAYOUTS}, through rule `ruleId`. */
export function redesignFlag({ ruleId = 'all-users', experiment = 'redesign-q4' }: { ruleId?: string; experiment?: string } = {}): Flag {
  return {
    type: 'string',
    enabled: true,
    variations: { ...REDESIGN_LAYOUTS },
    offVariation: 'control',
    rules: [
      {
        id: ruleId,
        serve: {
          split: [
            { variation: 'control', weight: 33.334 },
            { variation: 'treatment-a', weight: 33.333 },
            { variation: 'treatment-b', weight: 33.333 },
          ],
        },
        experiment,
      },
    ],
    fallthrough: { variation: 'control' },
    tags: ['checkout', 'experiment'],
  }
}

/** `beta-banner`: on for {@link QA_USER} only. */
export function betaBannerFlag(): Flag {
  return {
    type: 'boolean',
    enabled: true,
    variations: { on: true, off: false },
    offVariation: 'off',
    rules: [{ id: 'qa-team', conditions: [{ attribute: 'userId', op: 'in', values: [QA_USER] }], serve: { variation: 'on' } }],
    fallthrough: { variation: 'off' },
    tags: ['marketing'],
  }
}

/** `discount-percent`: a number, `none` (0) for everyone. */
export function discountFlag(): Flag {
  return {
    type: 'number',
    enabled: true,
    variations: { none: 0, spring: 15 },
    offVariation: 'none',
    fallthrough: { variation: 'none' },
  }
}

/** `new-checkout`, `checkout-redesign`, `beta-banner` and `discount-percent`, in that order. */
export function checkoutFlags(): Record<string, Flag> {
  return {
    'new-checkout': newCheckoutFlag(),
    'checkout-redesign': redesignFlag(),
    'beta-banner': betaBannerFlag(),
    'discount-percent': discountFlag(),
  }
}
