export { twoProportionTest } from './twoProportionTest'
export type { TwoProportionTestInput, TwoProportionTestResult } from './twoProportionTest'
export { welchTTest } from './welchTTest'
export type { WelchTTestInput, WelchTTestResult } from './welchTTest'
export { srmTest, SRM_THRESHOLD } from './srmTest'
export type { SrmTestInput, SrmTestResult } from './srmTest'
export { sampleSizeTwoProportions } from './sampleSize'
export type { SampleSizeTwoProportionsInput, SampleSizeTwoProportionsResult } from './sampleSize'
export { powerTwoProportions } from './power'
export type { PowerTwoProportionsInput, PowerTwoProportionsResult } from './power'
export { chanceToBeatControl } from './chanceToBeatControl'
export type { ChanceToBeatControlInput, ChanceToBeatControlResult } from './chanceToBeatControl'
export { msprt } from './msprt'
export type { MsprtInput, MsprtLook, MsprtLookResult, MsprtResult } from './msprt'
export { growthbookSequentialTest } from './growthbookSequential'
export type { GrowthbookSequentialInput, GrowthbookSequentialResult } from './growthbookSequential'
export { analyzeExperiment } from './analyzeExperiment'
export type {
  AnalyzeExperimentInput,
  AnalyzeExperimentOptions,
  ConversionAggregate,
  ConversionMetricInput,
  ExperimentAnalysis,
  MetricInput,
  MetricKind,
  MetricResult,
  Recommendation,
  RecommendationStatus,
  SignificantVariant,
  SrmCheck,
  ValueAggregate,
  ValueMetricInput,
  VariantExposure,
  VariantResult,
} from './experimentTypes'
export type { Arm, BetaParameters, BinomialArm, Interval, SummaryArm } from './types'
