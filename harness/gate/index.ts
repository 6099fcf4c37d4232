/** The gate room: compare stored runs, judge regressions beyond noise, decide the exit code. */
export { compareRuns, MIN_INTERVALS, MIN_TRIALS } from './compare.ts';
export { fmtDelta, fmtMetric, type GateOptions, gate } from './gate.ts';
export {
  DEFAULT_LIMITS,
  exceedsLimit,
  LIMIT_METRICS,
  type LimitMetric,
  parseLimits,
  type RegressionLimit,
} from './limits.ts';
export { exactDistribution, type MannWhitneyResult, mannWhitneyU } from './mann-whitney.ts';
export { COMPARE_METRICS } from './metric-samples.ts';
export { type RunCompareOptions, runCompare } from './run-compare.ts';
export { type RunGateOptions, runGate } from './run-gate.ts';
export {
  baseTarget,
  COST_METRICS,
  type CostComparison,
  type CostMetric,
  scenarioReference,
  type TargetComparison,
  type TargetVerdictOptions,
  type TargetVerdicts,
  targetVerdicts,
} from './target-verdicts.ts';
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
} from './types.ts';
export { DEFAULT_ALPHA, DEFAULT_INTERVAL_ALPHA, DEFAULT_TOLERANCES } from './verdict.ts';
