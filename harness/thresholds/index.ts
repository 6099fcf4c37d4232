/** k6 thresholds: parse, check against the metric registry, evaluate over intervals. */
export { type CheckThresholdsOptions, checkThresholds, thresholdSource } from './check.ts';
export { type EvaluateOptions, evaluateThresholds, shouldAbort, type ThresholdOutcome } from './evaluate.ts';
export {
  compare,
  formatAggregation,
  type Operator,
  type ParseResult,
  parseThreshold,
  type ThresholdExpression,
} from './parse.ts';
