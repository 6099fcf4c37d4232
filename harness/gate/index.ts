/** The gate wing: compare stored runs, judge regressions beyond noise, verdicts between targets, the exit code. */

export type {
  CompareMetric,
  CompareOptions,
  Comparison,
  CostComparison,
  CostMetric,
  GateCheck,
  GateOutcome,
  GateSuite,
  GroupComparison,
  MetricComparison,
  RunRef,
  TargetComparison,
  TargetVerdicts,
  Tolerances,
  Verdict,
} from '../../model/index.ts';
export { compareRuns, MIN_INTERVALS, MIN_TRIALS } from './compare.ts';
export { type GateOptions, gate } from './gate.ts';
export {
  DEFAULT_LIMITS,
  exceedsLimit,
  LIMIT_METRICS,
  type LimitMetric,
  parseLimits,
  type RegressionLimit,
} from './limits.ts';
export { exactDistribution, type MannWhitneyResult, mannWhitneyU } from './mann-whitney.ts';
export { noiseNotes, type TrialSpread, WIDE_SPREAD, wideTrialSpreads } from './noise-notes.ts';
export {
  baseTarget,
  scenarioReference,
  type TargetVerdictOptions,
  targetVerdicts,
} from './target-verdicts.ts';
export { DEFAULT_ALPHA, DEFAULT_INTERVAL_ALPHA, DEFAULT_TOLERANCES } from './verdict.ts';
