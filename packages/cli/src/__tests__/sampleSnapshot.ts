/**
 * A snapshot with one flag of each type, a server-only flag and an invalid flag: the input of the
 * typegen tests.
 */
import { booleanFlag, stringFlag } from '@vexil/test-utils'

export const sampleSnapshot = {
  schemaVersion: 1,
  revision: '42',
  environment: 'production',
  flags: {
    'new-checkout': booleanFlag({ description: 'The redesigned checkout. Ends with */ on purpose.', fallthrough: { variation: 'off' } }),
    'checkout-theme': {
      type: 'string',
      enabled: true,
      variations: { light: 'light', dark: 'dark', 'high-contrast': 'high-contrast' },
      offVariation: 'light',
      fallthrough: { split: [{ variation: 'light', weight: 50 }, { variation: 'dark', weight: 50 }] },
    },
    'banner-text': stringFlag({ shipping: 'Free shipping', quote: 'Say "hi"' }, 'shipping'),
    'max-items': {
      type: 'number',
      enabled: true,
      variations: { few: 10, many: 50 },
      offVariation: 'few',
      fallthrough: { variation: 'few' },
    },
    'banner-config': {
      type: 'json',
      enabled: true,
      variations: { a: { text: 'Hi', color: 'red', sizes: [1, 2] }, b: { text: 'Yo', color: 'blue', sizes: [] } },
      offVariation: 'a',
      fallthrough: { variation: 'a' },
    },
    'server-only': booleanFlag({ clientSide: false, fallthrough: { variation: 'off' } }),
    'broken-flag': stringFlag({ x: 'x', y: 'y' }, 'x', { offVariation: 'missing' }),
  },
}
