/**
 * Capacity search and scaling curves, as pure functions: the planner an
 * orchestrator drives step by step, what one step measured, where the
 * bottleneck was, a cell's answer from its searches, repeats of a search,
 * and the Universal Scalability Law fit of capacity against N.
 */
export { componentLoads, findBottleneck, limitCores, MACHINE_BUSY, SATURATED } from './bottleneck.ts';
export { capacityIntervals, cellCapacity, finishSearch, searchSoFar } from './cell-capacity.ts';
export { measureStep, type StepCriteria, type StepRun, stepGenerator } from './measure-step.ts';
export { judgeStep, planCapacity, resolveCapacityOptions, roundRate } from './planner.ts';
export { summarizeRepeats } from './repeats.ts';
export { scalingCurves } from './scaling.ts';
export { plannedSearchSteps } from './search-budget.ts';
export { capacitySettings, plannerOptions } from './settings.ts';
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
