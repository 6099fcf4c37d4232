/** The gate room: compare stored runs, judge regressions beyond noise, decide the exit code. */

export type {
  CompareMetric,
  CompareOptions,
  Comparison,
  GateCheck,
  GateOutcome,
  GateSuite,
  GroupComparison,
  MetricComparison,
  RunRef,
  Tolerances,
  Verdict,
} from '../../model/index.ts';
export {
  compareTargets,
  noiseNotes,
  type TargetComparison,
  type TrialSpread,
  WIDE_SPREAD,
  wideTrialSpreads,
} from './between-targets.ts';
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
export { DEFAULT_ALPHA, DEFAULT_INTERVAL_ALPHA, DEFAULT_TOLERANCES } from './verdict.ts';
