/**
 * Capacity search and scaling curves, as pure functions: the planner an
 * orchestrator drives step by step, repeats of a search, and the Universal
 * Scalability Law fit of capacity against N.
 */
export { judgeStep, planCapacity, resolveCapacityOptions, roundRate } from './planner.ts';
export { summarizeRepeats } from './repeats.ts';
export type {
  CapacityDecision,
  CapacityOptions,
  CapacityPhase,
  CapacityRepeats,
  CapacityResult,
  CapacityStep,
  CapacityStop,
  CurvePoint,
  StepFailure,
  UslFit,
} from './types.ts';
export { fitUsl, type UslPoint, type UslResult, uslThroughput } from './usl.ts';
