/** k6 thresholds: parse, check against the metric registry, evaluate over intervals. */

export {
  compare,
  type EvaluateOptions,
  evaluateThresholds,
  formatAggregation,
  type Operator,
  type ParseResult,
  parseThreshold,
  shouldAbort,
  type ThresholdExpression,
  type ThresholdOutcome,
} from '../../model/index.ts';
export { type CheckThresholdsOptions, checkThresholds, thresholdSource } from './check.ts';
