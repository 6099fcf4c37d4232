/** What each load profile exists to find out, and what a cell cost, as pure functions of a cell's intervals. */

export type {
  CellAnalysis,
  CellCost,
  ComponentCost,
  EnduranceAnalysis,
  FailureMode,
  MemoryDrift,
  ReferenceAnalysis,
  SloVerdict,
  SpikeAnalysis,
  StressAnalysis,
  StressFailure,
  StressStep,
  Trend,
  WindowFigures,
} from '../../model/index.ts';
export { type AnalyzeOptions, analyzeCell } from './analyze-cell.ts';
export { type CostInput, cellCost, fillMissingCost } from './cost.ts';
export { analyzeEndurance, type EnduranceContext } from './endurance-analysis.ts';
export { componentOf, memoryDrift } from './memory-drift.ts';
export { analyzeReference, type ReferenceContext } from './reference-analysis.ts';
export { linearTrend, tQuantile975 } from './regression.ts';
export { analyzeScaling } from './scaling-analysis.ts';
export { sloOf, thresholdMode } from './slo.ts';
export { analyzeSpike, type SpikeContext } from './spike-analysis.ts';
export { analyzeStress, type StressContext } from './stress-analysis.ts';
export { intervalsIn, windowFigures } from './window-figures.ts';
