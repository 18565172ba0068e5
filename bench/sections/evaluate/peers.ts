// The benchmark's two flags written for each contender: a Vexil snapshot, GrowthBook features and
// an Optimizely datafile.

/** `new-checkout` and `checkout-exp` as a Vexil snapshot. */
export function vexilSnapshot(sticky: boolean): unknown {
  return {
    schemaVersion: 1,
    revision: sticky ? 'bench-sticky' : 'bench',
    environment: 'bench',
    flags: {
      'new-checkout': {
        type: 'boolean',
        enabled: true,
        variations: { on: true, off: false },
        offVariation: 'off',
        rules: [
          {
            id: 'eu-pro',
            conditions: [
              { attribute: 'country', op: 'in', values: ['DE', 'FR', 'NL'] },
              { attribute: 'plan', op: 'in', values: ['pro'] },
            ],
            serve: { variation: 'on' },
          },
          { id: 'rollout-30', rollout: 30, serve: { variation: 'on' } },
        ],
        fallthrough: { variation: 'off' },
      },
      'checkout-exp': {
        type: 'string',
        enabled: true,
        sticky,
        variations: { control: 'control', test: 'test' },
        offVariation: 'control',
        fallthrough: {
          split: [
            { variation: 'control', weight: 50 },
            { variation: 'test', weight: 50 },
          ],
          experiment: 'checkout-exp',
        },
      },
    },
  }
}

/** The same flags as GrowthBook features. */
export const growthbookFeatures = {
  'new-checkout': {
    defaultValue: false,
    rules: [
      { condition: { country: { $in: ['DE', 'FR', 'NL'] }, plan: 'pro' }, force: true },
      { force: true, coverage: 0.3, hashAttribute: 'id' },
    ],
  },
  'checkout-exp': {
    defaultValue: 'control',
    rules: [{ key: 'checkout-exp', variations: ['control', 'test'], weights: [0.5, 0.5], hashAttribute: 'id' }],
  },
}

/** The same flags as an Optimizely datafile (a rollout with a targeted and a 30 % rule; an experiment). */
export function optimizelyDatafile(): string {
  const variation = (id: string, key: string, featureEnabled: boolean): object => ({ id, key, featureEnabled, variables: [] })
  const rule = (id: string, key: string, layerId: string, audienceIds: string[], v: object, endOfRange: number): object => ({
    id,
    key,
    status: 'Running',
    layerId,
    audienceIds,
    audienceConditions: audienceIds.length === 0 ? [] : ['or', ...audienceIds],
    variations: [v],
    trafficAllocation: [{ entityId: (v as { id: string }).id, endOfRange }],
    forcedVariations: {},
  })
  const country = (value: string): object => ({ name: 'country', type: 'custom_attribute', match: 'exact', value })
  const datafile = {
    version: '4',
    accountId: '1',
    projectId: '1',
    revision: '1',
    environmentKey: 'bench',
    sdkKey: 'bench',
    anonymizeIP: true,
    botFiltering: false,
    sendFlagDecisions: false,
    attributes: [
      { id: '11', key: 'country' },
      { id: '12', key: 'plan' },
    ],
    audiences: [
      {
        id: '21',
        name: 'eu-pro',
        conditions: JSON.stringify([
          'and',
          ['or', country('DE'), country('FR'), country('NL')],
          ['or', { name: 'plan', type: 'custom_attribute', match: 'exact', value: 'pro' }],
        ]),
      },
    ],
    typedAudiences: [],
    events: [],
    groups: [],
    integrations: [],
    experiments: [
      {
        id: '31',
        key: 'checkout-exp',
        status: 'Running',
        layerId: '32',
        audienceIds: [],
        audienceConditions: [],
        forcedVariations: {},
        variations: [variation('33', 'control', true), variation('34', 'test', true)],
        trafficAllocation: [
          { entityId: '33', endOfRange: 5000 },
          { entityId: '34', endOfRange: 10000 },
        ],
      },
    ],
    featureFlags: [
      { id: '41', key: 'new-checkout', rolloutId: '51', experimentIds: [], variables: [] },
      { id: '42', key: 'checkout-exp', rolloutId: '52', experimentIds: ['31'], variables: [] },
    ],
    rollouts: [
      {
        id: '51',
        experiments: [
          rule('61', 'eu-pro', '51', ['21'], variation('71', 'on', true), 10000),
          rule('62', 'rollout-30', '51', [], variation('72', 'on', true), 3000),
          rule('63', 'default-51', '51', [], variation('73', 'off', false), 10000),
        ],
      },
      { id: '52', experiments: [rule('64', 'default-52', '52', [], variation('74', 'off', false), 10000)] },
    ],
  }
  return JSON.stringify(datafile)
}

