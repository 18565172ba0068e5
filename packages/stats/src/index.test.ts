import { describe, expect, it } from 'vitest'
import { loadVectors } from '../test/vectors'
import * as stats from './index'

describe('@vexil/stats public surface', () => {
  it('exports every name SPEC §8 lists, as functions', () => {
    for (const name of [
      'twoProportionTest',
      'welchTTest',
      'srmTest',
      'sampleSizeTwoProportions',
      'powerTwoProportions',
      'chanceToBeatControl',
      'msprt',
      'analyzeExperiment',
      'growthbookSequentialTest',
    ]) {
      expect(typeof (stats as Record<string, unknown>)[name], name).toBe('function')
    }
  })

  it('covers every section of the vectors file', () => {
    // A new section in stats.json must get tests: this list is what the *.test.ts files here check.
    const covered = [
      'two_proportion_ztest',
      'welch_ttest',
      'srm_chisq',
      'sample_size_two_proportions',
      'power_two_proportions',
      'bayesian_chance_to_beat_control',
      'msprt_normal',
      'growthbook_sequential',
      'anchor_crosscheck_growthbook_unit_tests',
    ]
    const sections = Object.keys(loadVectors()).filter((k) => k !== 'meta' && k !== 'formulas')
    expect(sections.sort()).toEqual(covered.sort())
  })
})
