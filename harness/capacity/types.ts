/**
 * Capacity search and scaling curves as plain data. The types live on the
 * ground floor (model/results/capacity.ts), so a results file, the reports
 * that render it and this planner mean the same thing; re-exported here for
 * the capacity wing's own files.
 */
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
} from '../../model/index.ts';
